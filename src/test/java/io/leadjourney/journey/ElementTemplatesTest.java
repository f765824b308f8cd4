package io.leadjourney.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadjourney.people.PersonId;
import io.leadjourney.people.Stage;
import io.leadjourney.support.ProcessTest;
import io.leadjourney.support.TestClock;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/**
 * A model made with the element templates in bpmn/.camunda/element-templates, the way the Modeler applies them (the
 * templates' own bindings and defaults), deployed from the Modeler as marketing ops and run: Add points with a number,
 * Set stage, Send message with its preset retry cycle.
 */
class ElementTemplatesTest extends ProcessTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path TEMPLATES = Path.of("bpmn/.camunda/element-templates/lead-journey.json");

    @Test
    void aCampaignMadeWithTheTemplatesDeploysAndRuns() throws Exception {
        String key = "template-campaign-" + UUID.randomUUID().toString().substring(0, 8);
        String xml = process(key,
            apply("io.leadjourney.AddPoints", "ServiceTask_AddWebinarPoints", "Add webinar points", Map.of("Points", "10")),
            apply("io.leadjourney.SetStage", "ServiceTask_MakeMql", "Make MQL", Map.of("Stage", "MQL")),
            apply("io.leadjourney.SendMessage", "ServiceTask_SendCaseStudy", "Send case study", Map.of("Template", "mql-education-1")));
        HttpResponse<String> deployed = http().as("marketing", "demo").postMultipart("/engine-rest/deployment/create",
            Map.of("deployment-name", key, "deployment-source", "Camunda Modeler"), key + ".bpmn", key + ".bpmn",
            xml.getBytes(StandardCharsets.UTF_8));
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);

        String email = newEmail("templates");
        String personId = signal("form_submitted", email).personId();
        int score = people.find(PersonId.of(personId)).orElseThrow().score();
        ProcessInstance campaign = runtime.startProcessInstanceByKey(key, Map.of("personId", personId));

        assertThat(people.find(PersonId.of(personId)).orElseThrow().score()).as("Add points '10'").isEqualTo(score + 10);
        assertThat(stage(personId)).as("Set stage").isEqualTo(Stage.MQL);

        Job send = management.createJobQuery().processInstanceId(campaign.getId()).singleResult();
        assertThat(send).as("Send message is asynchronous").isNotNull();
        smtp.stop();
        try {
            try {
                management.executeJob(send.getId());
            } catch (RuntimeException expected) {
                // SMTP is down: the send fails and waits for its next try
            }
        } finally {
            smtp.start();
        }
        Job retrying = management.createJobQuery().jobId(send.getId()).singleResult();
        assertThat(retrying.getRetries()).as("R5: four tries left").isEqualTo(4);
        assertThat(retrying.getDuedate().toInstant()).as("PT10M apart").isEqualTo(TestClock.now().plus(Duration.ofMinutes(10)));

        advance(Duration.ofMinutes(10), campaign);
        assertThat(mailTo(email)).extracting(ProcessTest::subject).as("mql-education-1, once")
            .containsExactly("Studi kasus: dari daftar kontak berantakan ke penjualan yang terukur");
        assertThat(taskOf(campaign, "UserTask_Review")).isNotNull();
    }

    /** The service task XML the Modeler writes when a template is applied: its bindings with defaults or the given values. */
    static String apply(String templateId, String id, String name, Map<String, String> values) throws IOException {
        JsonNode template = null;
        for (JsonNode candidate : JSON.readTree(TEMPLATES.toFile())) {
            if (candidate.path("id").asText().equals(templateId)) {
                template = candidate;
            }
        }
        assertThat(template).as(templateId).isNotNull();
        Map<String, String> attributes = new LinkedHashMap<>();
        StringBuilder inputs = new StringBuilder();
        StringBuilder properties = new StringBuilder();
        for (JsonNode property : template.path("properties")) {
            String value = values.getOrDefault(property.path("label").asText(), property.path("value").asText());
            JsonNode binding = property.path("binding");
            switch (binding.path("type").asText()) {
                case "property" -> attributes.put(binding.path("name").asText(), value);
                case "camunda:inputParameter" -> inputs.append("<camunda:inputParameter name=\"").append(binding.path("name").asText())
                    .append("\">").append(value).append("</camunda:inputParameter>");
                case "camunda:property" -> properties.append("<camunda:property name=\"").append(binding.path("name").asText())
                    .append("\" value=\"").append(value).append("\" />");
                default -> throw new AssertionError("binding not handled by the test: " + binding);
            }
        }
        StringBuilder xml = new StringBuilder("<bpmn:serviceTask id=\"" + id + "\" name=\"" + name + "\" camunda:modelerTemplate=\""
            + templateId + "\" camunda:modelerTemplateVersion=\"" + template.path("version").asText() + "\"");
        attributes.forEach((attribute, value) -> xml.append(' ').append(attribute).append("=\"").append(value).append('"'));
        xml.append("><bpmn:extensionElements>");
        if (!properties.isEmpty()) {
            xml.append("<camunda:properties>").append(properties).append("</camunda:properties>");
        }
        if (!inputs.isEmpty()) {
            xml.append("<camunda:inputOutput>").append(inputs).append("</camunda:inputOutput>");
        }
        return xml.append("</bpmn:extensionElements></bpmn:serviceTask>").toString();
    }

    /** A start event, the tasks in a row, a review task for sales, an end event. */
    static String process(String key, String... tasks) {
        StringBuilder body = new StringBuilder("<bpmn:startEvent id=\"StartEvent_Started\" />");
        String previous = "StartEvent_Started";
        int flow = 0;
        for (String task : tasks) {
            String id = task.substring(task.indexOf("id=\"") + 4, task.indexOf('"', task.indexOf("id=\"") + 4));
            body.append(task).append(flow(++flow, previous, id));
            previous = id;
        }
        body.append("""
            <bpmn:userTask id="UserTask_Review" name="Review" camunda:candidateGroups="sales" camunda:formRef="follow-up"
                camunda:formRefBinding="latest">
              <bpmn:extensionElements><camunda:taskListener delegateExpression="${taskContextListener}" event="create" /></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:endEvent id="EndEvent_Done" />""");
        body.append(flow(++flow, previous, "UserTask_Review")).append(flow(++flow, "UserTask_Review", "EndEvent_Done"));
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                id="Definitions_TemplateCampaign" targetNamespace="https://leadjourney.io/test">
              <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P30D">%s</bpmn:process>
            </bpmn:definitions>
            """.formatted(key, body);
    }

    private static String flow(int number, String from, String to) {
        return "<bpmn:sequenceFlow id=\"Flow_Step" + (char) ('A' + number) + "\" sourceRef=\"" + from + "\" targetRef=\"" + to + "\" />";
    }
}
