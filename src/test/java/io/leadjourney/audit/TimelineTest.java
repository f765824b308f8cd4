package io.leadjourney.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadjourney.journey.LeadJourneyIds;
import io.leadjourney.people.Person;
import io.leadjourney.support.ProcessTest;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/** GET /api/people/{id}/journey for a person taken from contact to a lost deal and back to lead. */
class TimelineTest extends ProcessTest {

    static final ObjectMapper JSON = new ObjectMapper();

    String completeAs(Task task, String json) {
        String user = task.getAssignee();
        HttpResponse<String> response = http().as(user, passwordOf(user)).postJson("/engine-rest/task/" + task.getId() + "/complete", json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        return user;
    }

    @Test
    void theTimelineListsEveryStepAndDecisionFromContactToLostAndReengaged() throws Exception {
        String email = newEmail("journey");
        Person contact = importedContact(email);
        String personId = contact.id().value();
        ProcessInstance journey = journey(personId);
        runDueJobs(journey);                                          // activation email
        signal("content_downloaded", email);                          // LEAD
        signal("webinar_registered", email);                          // MQL
        signal("demo_requested", email);                              // SQL -> task
        Task followUp = taskOf(journey, LeadJourneyIds.FOLLOW_UP);
        String salesperson = completeAs(followUp, "{\"variables\":{\"contacted\":{\"value\":true},\"need\":{\"value\":true},"
            + "\"budget\":{\"value\":true},\"authority\":{\"value\":true},\"timeline\":{\"value\":\"NOW\"},\"notes\":{\"value\":\"Siap beli\"}}}");
        completeAs(taskOf(journey, LeadJourneyIds.DISCOVERY), "{\"variables\":{\"outcome\":{\"value\":\"LOST\"},\"lossReason\":{\"value\":\"TIMING\"}}}");
        advance(Duration.ofDays(93), journey);                        // re-engaged

        HttpResponse<String> response = http().as("auditor", "demo").get("/api/people/" + personId + "/journey");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode timeline = JSON.readTree(response.body()).get("timeline");

        List<String> stages = new ArrayList<>();
        List<String> signals = new ArrayList<>();
        List<String> decisions = new ArrayList<>();
        List<JsonNode> tasks = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        String previous = null;
        for (JsonNode entry : timeline) {
            assertThat(entry.get("at").asText()).as("ordered by time").isGreaterThanOrEqualTo(previous == null ? "" : previous);
            previous = entry.get("at").asText();
            switch (entry.get("kind").asText()) {
                case "STAGE" -> stages.add(entry.at("/details/to").asText());
                case "SIGNAL" -> signals.add(entry.get("summary").asText());
                case "DECISION" -> decisions.add(entry.at("/details/decisionKey").asText());
                case "TASK" -> tasks.add(entry);
                case "MESSAGE" -> messages.add(entry.at("/details/template").asText() + " " + entry.at("/details/status").asText());
                default -> throw new AssertionError(entry);
            }
        }
        assertThat(stages).containsExactly("CONTACT", "LEAD", "MQL", "SQL", "PROSPECT", "OPPORTUNITY", "CLOSED_LOST", "LEAD");
        assertThat(signals).containsExactly("content_downloaded", "webinar_registered", "demo_requested");
        assertThat(messages).containsExactly("contact-activation-1 SENT", "lost-reengagement-1 SENT");
        assertThat(decisions).containsSubsequence("nurture-track", "engagement-scoring", "lead-qualification", "nurture-track",
            "engagement-scoring", "lead-qualification", "engagement-scoring", "lead-qualification", "sales-assignment", "lead-priority",
            "follow-up-sla", "prospect-grade", "reengagement-delay", "nurture-track");

        JsonNode qualification = decision(timeline, "lead-qualification", "SQL");
        assertThat(qualification.at("/details/version").asInt()).isPositive();
        assertThat(qualification.at("/details/inputs/Latest signal").asText()).isEqualTo("demo_requested");
        assertThat(qualification.at("/details/outputs/qualifiedStage").asText()).isEqualTo("SQL");
        assertThat(qualification.at("/details/matchedRules/0/description").asText()).startsWith("Asks a price, the full catalogue");
        // the rule is named by its row in the table, not by its position among the matched rules (always 1 for FIRST)
        JsonNode firstInterest = decision(timeline, "lead-qualification", "LEAD");
        assertThat(firstInterest.at("/details/matchedRules/0/ruleId").asText()).isEqualTo("Rule_lead_qualification_6");
        assertThat(firstInterest.at("/details/matchedRules/0/row").asInt()).isEqualTo(6);
        assertThat(firstInterest.get("summary").asText()).contains("(rule 6: Any signal shows first interest");
        JsonNode grade = decision(timeline, "prospect-grade", "A");
        assertThat(grade.at("/details/inputs/Need (kebutuhan)").asBoolean()).isTrue();
        JsonNode delay = decision(timeline, "reengagement-delay", "P3M");
        assertThat(delay.at("/details/inputs/Loss reason").asText()).isEqualTo("TIMING");

        JsonNode task = tasks.stream().filter(t -> t.at("/details/taskDefinitionKey").asText().equals(LeadJourneyIds.FOLLOW_UP)).findFirst().orElseThrow();
        assertThat(task.at("/details/completedBy").asText()).isEqualTo(salesperson);
        assertThat(task.at("/details/state").asText()).isEqualTo("completed");
        assertThat(task.at("/details/answers/timeline").asText()).isEqualTo("NOW");
        assertThat(task.at("/details/answers/notes").asText()).isEqualTo("Siap beli");
        JsonNode discovery = tasks.stream().filter(t -> t.at("/details/taskDefinitionKey").asText().equals(LeadJourneyIds.DISCOVERY)).findFirst().orElseThrow();
        assertThat(discovery.at("/details/answers/lossReason").asText()).isEqualTo("TIMING");
    }

    static JsonNode decision(JsonNode timeline, String key, String output) {
        for (JsonNode entry : timeline) {
            if (entry.get("kind").asText().equals("DECISION") && entry.at("/details/decisionKey").asText().equals(key)
                && entry.at("/details/outputs").toString().contains("\"" + output + "\"")) {
                return entry;
            }
        }
        throw new AssertionError("no " + key + " decision with " + output + " in " + timeline);
    }

    @Test
    void auditorsReadTheTimelineButSalesAndIntakeKeysDoNot() {
        String personId = signal("form_submitted", newEmail("rights")).personId();
        assertThat(http().as("auditor", "demo").get("/api/people/" + personId + "/journey").statusCode()).isEqualTo(200);
        assertThat(http().as("sales", "demo").get("/api/people/" + personId + "/journey").statusCode()).isEqualTo(403);
        assertThat(intake().get("/api/people/" + personId + "/journey").statusCode()).isEqualTo(401);
        assertThat(http().as("auditor", "demo").delete("/api/people/" + personId).statusCode()).isEqualTo(403);
    }
}
