package io.leadjourney.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The Camunda Forms in bpmn/forms: well-formed, and carrying the fields the processes and the contract rely on. */
class FormSchemaTest {

    static final Path FORMS = Path.of("bpmn/forms");
    static final Set<String> CONTEXT_VARIABLES = Set.copyOf(TaskContext.NAMES);
    static final Pattern TEMPLATE = Pattern.compile("\\{\\{(\\w+)}}");

    static JsonNode form(String id) throws IOException {
        return new ObjectMapper().readTree(FORMS.resolve(id + ".form").toFile());
    }

    static Map<String, JsonNode> fields(JsonNode form) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        form.path("components").forEach(component -> {
            if (component.has("key")) {
                fields.put(component.get("key").asText(), component);
            }
        });
        return fields;
    }

    static List<String> values(JsonNode field) {
        List<String> values = new ArrayList<>();
        field.path("values").forEach(value -> values.add(value.get("value").asText()));
        return values;
    }

    @TestFactory
    Stream<DynamicTest> everyFormIsWellFormedAndBilingualAndShowsOnlyKnownContext() throws IOException {
        try (Stream<Path> files = Files.list(FORMS)) {
            return files.filter(f -> f.toString().endsWith(".form")).sorted().toList().stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
                JsonNode form = new ObjectMapper().readTree(file.toFile());
                assertThat(form.get("id").asText()).isEqualTo(file.getFileName().toString().replace(".form", ""));
                assertThat(form.get("type").asText()).isEqualTo("default");
                assertThat(form.get("schemaVersion").asInt()).isPositive();
                Set<String> ids = new HashSet<>();
                for (JsonNode component : form.get("components")) {
                    assertThat(ids.add(component.get("id").asText())).as("unique component id " + component.get("id")).isTrue();
                    if (component.has("label")) {
                        assertThat(component.get("label").asText()).as("bilingual label").contains(" / ");
                    }
                    if (component.has("text")) {
                        Matcher used = TEMPLATE.matcher(component.get("text").asText());
                        while (used.find()) {
                            assertThat(CONTEXT_VARIABLES).as("variable the task context provides").contains(used.group(1));
                        }
                    }
                }
            }));
        }
    }

    @Test
    void theFollowUpFormCompletesWithTheContractsQualificationVariables() throws IOException {
        Map<String, JsonNode> fields = fields(form("follow-up"));
        assertThat(fields).containsKeys("contacted", "need", "budget", "authority", "timeline", "notes");
        for (String flag : List.of("contacted", "need", "budget", "authority")) {
            assertThat(fields.get(flag).get("type").asText()).isEqualTo("checkbox");
        }
        assertThat(values(fields.get("timeline"))).containsExactly("NOW", "QUARTER", "LATER", "UNKNOWN");
        assertThat(fields.get("timeline").at("/validate/required").asBoolean()).isTrue();
    }

    @Test
    void theOpportunityFormsCompleteWithOutcomeLossReasonValueAndContacts() throws IOException {
        for (String id : List.of("opportunity-discovery", "opportunity-education", "opportunity-closing")) {
            Map<String, JsonNode> fields = fields(form(id));
            assertThat(values(fields.get("outcome"))).as(id).containsExactlyInAnyOrder("WON", "LOST", "CONTINUE");
            assertThat(values(fields.get("lossReason"))).as(id).containsExactly("BUDGET", "TIMING", "COMPETITOR", "NO_DECISION", "OTHER");
            assertThat(fields).as(id).containsKeys("value", "notes", "addContact", "removeContact");
        }
    }

    @Test
    void theEscalationAndReferralFormsRecordWhatWasDone() throws IOException {
        assertThat(values(fields(form("escalation")).get("escalationAction"))).containsExactly("REASSIGNED", "CALLED", "ALREADY_DONE");
        assertThat(fields(form("referral-ask"))).containsKeys("referralGiven", "referralContacts", "notes");
    }
}
