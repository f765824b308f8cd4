package io.leadjourney.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadjourney.intake.SignalRequest;
import io.leadjourney.journey.LeadJourneyIds;
import io.leadjourney.platform.security.Caller;
import io.leadjourney.support.ProcessTest;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/** DELETE /api/people/{id}: afterwards a full dump of the database holds neither the email nor the phone. */
public abstract class ErasureContract extends ProcessTest {

    @Autowired
    JdbcClient jdbc;

    /** The whole database as text. */
    abstract String dump() throws Exception;

    @Test
    void afterErasureNoTableHoldsTheEmailOrThePhoneAndAnAnonymisedRecordRemains() throws Exception {
        String email = newEmail("erase");
        String local = "0812" + String.format("%08d", (long) (Math.random() * 100_000_000L));
        String e164 = "+62" + local.substring(1);
        String personId = intake.receive(Caller.intake("test"), new SignalRequest("form_submitted", email, local, "Nadia Kusumawardani",
            "PT Rahasia Sekali", "Direktur", "retail", "website", "id", null, new SignalRequest.ConsentStatement(true, true, "v1"), null,
            Map.of("estimatedValue", 50_000_000)), null).personId();
        ProcessInstance journey = journey(personId);
        runDueJobs(journey);
        assertThat(intake().postJson("/api/email-events", "{\"type\":\"bounced\",\"email\":\"" + email + "\",\"hard\":false,"
            + "\"detail\":\"452 4.2.2 mailbox of " + email + " is full\"}").statusCode()).isEqualTo(202);
        signal("demo_requested", email);
        var followUp = taskOf(journey, LeadJourneyIds.FOLLOW_UP);
        tasks.createComment(followUp.getId(), followUp.getProcessInstanceId(), "Called " + email + " / " + e164);
        completeSignedIn(followUp, Map.of("contacted", true, "need", true, "budget", true, "authority", true, "timeline", "NOW",
            "notes", "Nadia wants a call on " + local));
        // she is also a contact in somebody else's deal
        String other = newEmail("other");
        ProcessInstance otherJourney = journey(signal("quote_requested", other).personId());
        completeSignedIn(taskOf(otherJourney, LeadJourneyIds.FOLLOW_UP), Map.of("contacted", true, "need", true, "budget", true,
            "authority", true, "timeline", "NOW"));
        completeSignedIn(taskOf(otherJourney, LeadJourneyIds.DISCOVERY), Map.of("outcome", "CONTINUE", "addContact", email));
        assertThat(dump()).contains(email);

        HttpResponse<String> erased = http().as("admin", "demo").delete("/api/people/" + personId);

        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        String dump = dump();
        for (String identity : List.of(email, e164, e164.substring(1), local, "Nadia Kusumawardani", "PT Rahasia Sekali")) {
            assertThat(occurrences(dump, identity)).as(() -> identity + " found in: " + where(dump, identity)).isZero();
        }
        String record = jdbc.sql("select record from lj_erasure where person_id = ?").param(personId).query(String.class).single();
        assertThat(record).contains("\"to\":\"SQL\"").contains("lead-qualification").contains("\"timeline\":\"NOW\"").doesNotContain("Nadia");
        assertThat(jdbc.sql("select stage from lj_person where id = ?").param(personId).query(String.class).single()).isEqualTo("DISQUALIFIED");
        assertThat(journeys.journeysOf(personId)).isEmpty();
        assertThat(taskOf(otherJourney, LeadJourneyIds.EDUCATION)).isNotNull();

        // the anonymised record stays readable for auditors: API and page
        HttpResponse<String> journeyAfter = http().as("auditor", "demo").get("/api/people/" + personId + "/journey");
        assertThat(journeyAfter.statusCode()).isEqualTo(200);
        JsonNode timeline = new ObjectMapper().readTree(journeyAfter.body()).get("timeline");
        List<String> kinds = new ArrayList<>();
        timeline.forEach(entry -> kinds.add(entry.get("kind").asText()));
        assertThat(kinds).contains("STAGE", "SIGNAL", "MESSAGE", "TASK", "DECISION");
        assertThat(timeline.findParents("taskDefinitionKey")).isEmpty();
        assertThat(journeyAfter.body()).contains("\"timeline\":\"NOW\"").contains("lead-qualification").contains("\"anonymised\":true")
            .contains(LeadJourneyIds.FOLLOW_UP).contains("DISQUALIFIED");
        HttpResponse<String> pageAfter = http().as("auditor", "demo").get("/audit/people/" + personId);
        assertThat(pageAfter.statusCode()).isEqualTo(200);
        assertThat(pageAfter.body()).contains("lead-qualification").contains(LeadJourneyIds.FOLLOW_UP);
        for (String identity : List.of(email, e164, local, "Nadia", "PT Rahasia Sekali")) {
            assertThat(journeyAfter.body() + pageAfter.body()).doesNotContain(identity);
        }

        // she can come back as a new person, and the erased one stays erased
        String again = signal("form_submitted", email).personId();
        assertThat(again).isNotEqualTo(personId);
        assertThat(http().as("admin", "demo").delete("/api/people/" + personId).statusCode()).isEqualTo(404);
        advance(Duration.ofDays(1), journey(again));
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void anErasureCanBeAppliedAgainAfterARestoreBroughtThePersonBack(CapturedOutput output) {
        String email = newEmail("restored");
        String personId = signal("form_submitted", email).personId();
        assertThat(http().as("admin", "demo").delete("/api/people/" + personId).statusCode()).isEqualTo(200);
        // the line that survives a restore from a backup taken before the erasure (logs live outside the database)
        assertThat(output.getAll()).contains("Erased person " + personId);

        // such a restore brings back the person and loses the erasure record
        jdbc.sql("update lj_person set email = ?, name = 'Restored From Backup', erased_at = null where id = ?").params(email, personId).update();
        jdbc.sql("delete from lj_erasure where person_id = ?").param(personId).update();

        assertThat(http().as("admin", "demo").delete("/api/people/" + personId).statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from lj_person where email = ? or name = 'Restored From Backup'").param(email)
            .query(Integer.class).single()).isZero();
    }

    @Test
    void onlyAdministratorsAndMarketingOpsErase() {
        String personId = signal("form_submitted", newEmail("keep")).personId();
        assertThat(http().as("sales", "demo").delete("/api/people/" + personId).statusCode()).isEqualTo(403);
        assertThat(http().as("manager", "demo").delete("/api/people/" + personId).statusCode()).isEqualTo(403);
        assertThat(intake().delete("/api/people/" + personId).statusCode()).isEqualTo(401);
        assertThat(http().as("marketing", "demo").delete("/api/people/" + personId).statusCode()).isEqualTo(200);
    }

    /** Plain text, and the hexadecimal form binary columns take in a dump. */
    static int occurrences(String dump, String value) {
        String hex = HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8));
        String lower = dump.toLowerCase(Locale.ROOT);
        return count(lower, value.toLowerCase(Locale.ROOT)) + count(lower, hex);
    }

    /** Where a value was left behind, for the failure message. */
    static String where(String dump, String value) {
        String lower = dump.toLowerCase(Locale.ROOT);
        StringBuilder places = new StringBuilder();
        for (String form : List.of(value.toLowerCase(Locale.ROOT), HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8)))) {
            for (int i = lower.indexOf(form); i >= 0 && places.length() < 2000; i = lower.indexOf(form, i + 1)) {
                int lineStart = lower.lastIndexOf('\n', i) + 1;
                places.append("\n  ... ").append(dump, Math.max(lineStart, i - 300), Math.min(dump.length(), i + 100));
            }
        }
        return places.toString();
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }
}
