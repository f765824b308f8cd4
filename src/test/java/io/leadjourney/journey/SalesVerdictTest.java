package io.leadjourney.journey;

import static io.leadjourney.journey.LeadJourneyIds.FOLLOW_UP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadjourney.people.PersonId;
import io.leadjourney.people.Stage;
import io.leadjourney.support.ProcessTest;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A sales verdict has weight (no ping-pong): graded C, disqualified or not reached, the person stays in nurture for the
 * cool-down sales-cool-down decides, whatever their score; a hand-raiser still reaches sales at once. Scores fade.
 */
class SalesVerdictTest extends ProcessTest {

    @Autowired
    JdbcClient jdbc;

    private int score(String personId) {
        return people.find(PersonId.of(personId)).orElseThrow().score();
    }

    private long followUps(ProcessInstance journey) {
        return tasks.createTaskQuery().processInstanceId(journey.getId()).taskDefinitionKey(FOLLOW_UP).count();
    }

    @Test
    void aCGradedHotLeadStaysInNurtureAfterAnOpenAndReachesSalesAgainOnADemoRequest() {
        String email = newEmail("iseng");
        String personId = signal("quote_requested", email).personId();
        ProcessInstance journey = journey(personId);
        signal("price_requested", email);
        signal("demo_requested", email);
        assertThat(score(personId)).isGreaterThanOrEqualTo(140);
        tasks.complete(taskOf(journey, FOLLOW_UP).getId(), Map.of("contacted", true, "need", false, "budget", false, "authority", false,
            "timeline", "UNKNOWN", "notes", "iseng: tidak ada kebutuhan"));
        assertThat(stage(personId)).isEqualTo(Stage.LEAD);
        assertThat(jdbc.sql("select verdict from lj_sales_verdict where person_id = ?").param(personId).query(String.class).single()).isEqualTo("C");

        signal("email_opened", email);
        assertThat(score(personId)).as("hot enough for sales by score alone").isGreaterThanOrEqualTo(120);
        assertThat(stage(personId)).as("but the verdict holds: nurture, not sales").isIn(Stage.LEAD, Stage.MQL);
        assertThat(followUps(journey)).isZero();

        signal("demo_requested", email);
        assertThat(stage(personId)).isEqualTo(Stage.SQL);
        assertThat(followUps(journey)).as("a task at once, in the signal's own transaction").isEqualTo(1);
    }

    @Test
    void aDisqualifiedPersonNeedsAReasonIsHeldForItsCoolDownAndCountsInTheFunnel() throws Exception {
        String email = newEmail("spam");
        String personId = signal("demo_requested", email).personId();
        ProcessInstance journey = journey(personId);
        Map<String, Object> answers = new HashMap<>(Map.of("contacted", true, "need", false, "budget", false, "authority", false,
            "timeline", "UNKNOWN", "disqualified", true));
        String task = taskOf(journey, FOLLOW_UP).getId();
        assertThatThrownBy(() -> tasks.complete(task, answers)).isInstanceOf(FormFieldValidationException.class).hasMessageContaining("disqualified");

        answers.put("disqualifyReason", "SPAM");
        tasks.complete(task, answers);

        assertThat(stage(personId)).isEqualTo(Stage.LEAD);
        Map<String, Object> verdict = jdbc.sql("select verdict, reason, decided_at, cool_down_until from lj_sales_verdict where person_id = ?")
            .param(personId).query().singleRow();
        assertThat(verdict).containsEntry("verdict", "DISQUALIFIED").containsEntry("reason", "SPAM");
        assertThat(runtime.getVariable(journey.getId(), "coolingDown")).isEqualTo(true);
        for (int i = 0; i < 30; i++) {
            signal("email_clicked", email);
        }
        assertThat(stage(personId)).as("a year of cool-down for spam").isNotEqualTo(Stage.SQL);

        JsonNode funnel = new ObjectMapper().readTree(http().as("manager", "demo").get("/api/insight/funnel").body());
        assertThat(funnel.get("disqualified").asInt()).isPositive();
        assertThat(funnel.at("/disqualifyReasons/SPAM").asInt()).isPositive();
    }

    @Test
    void theScoreHalvesEveryHalfLifeTheTableGives() {
        String email = newEmail("decay");
        String personId = signal("webinar_registered", email).personId();
        ProcessInstance journey = journey(personId);
        signal("content_downloaded", email);
        int before = score(personId);

        advance(Duration.ofDays(30), journey);
        signal("email_opened", email);

        // a person without a company is B2C: half-life 30 days (score-decay); an open adds 2 points
        assertThat(score(personId)).isCloseTo(before / 2 + 2, Assertions.within(1));
    }
}
