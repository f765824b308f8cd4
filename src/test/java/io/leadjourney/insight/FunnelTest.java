package io.leadjourney.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadjourney.intake.SignalRequest;
import io.leadjourney.journey.LeadJourneyIds;
import io.leadjourney.platform.security.Caller;
import io.leadjourney.support.ProcessTest;
import io.leadjourney.support.TestClock;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/** The funnel report on a known scenario of four people from one source. */
class FunnelTest extends ProcessTest {

    static final ObjectMapper JSON = new ObjectMapper();

    String source;

    String arrive(String type, String email) {
        return intake.receive(Caller.intake("test"), new SignalRequest(type, email, null, "Orang Funnel", null, null, null, source, "id", null,
            null, null, null), null).personId();
    }

    void wait(Duration duration) {
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(duration)));
    }

    void qualify(ProcessInstance journey, boolean gradeA) {
        tasks.complete(taskOf(journey, LeadJourneyIds.FOLLOW_UP).getId(), gradeA
            ? Map.of("contacted", true, "need", true, "budget", true, "authority", true, "timeline", "NOW")
            : Map.of("contacted", true, "need", false, "budget", false, "authority", false, "timeline", "UNKNOWN"));
    }

    @Test
    void theFunnelOfAKnownScenarioHasTheExpectedCountsRatesDurationsAndReasons() throws Exception {
        source = "funnel-" + UUID.randomUUID().toString().substring(0, 8);
        // A: a lead that stays a lead
        arrive("form_submitted", newEmail("a"));
        // B: lead -> MQL -> SQL, graded C after 6 hours -> back to lead
        String b = newEmail("b");
        String bId = arrive("form_submitted", b);
        signal("webinar_registered", b);
        signal("content_downloaded", b);
        signal("email_clicked", b);
        signal("demo_requested", b);
        // C: SQL, graded A after 2 hours, won
        String cId = arrive("demo_requested", newEmail("c"));
        // D: SQL, graded A after 4 hours, lost for budget
        String dId = arrive("quote_requested", newEmail("d"));

        wait(Duration.ofHours(2));
        qualify(journey(cId), true);
        wait(Duration.ofHours(2));
        qualify(journey(dId), true);
        wait(Duration.ofHours(2));
        qualify(journey(bId), false);
        tasks.complete(taskOf(journey(cId), LeadJourneyIds.DISCOVERY).getId(), Map.of("outcome", "WON"));
        tasks.complete(taskOf(journey(dId), LeadJourneyIds.DISCOVERY).getId(), new HashMap<>(Map.of("outcome", "LOST", "lossReason", "BUDGET")));

        YearMonth month = YearMonth.from(START.atZone(TestClock.JAKARTA));
        String period = "from=" + month.atDay(1) + "&to=" + month.atEndOfMonth();
        HttpResponse<String> response = http().as("auditor", "demo").get("/api/insight/funnel?" + period + "&source=" + source);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode funnel = JSON.readTree(response.body());

        assertThat(funnel.get("people").asInt()).isEqualTo(4);
        assertThat(stage(funnel, "CONTACT")).containsEntry("reached", 4).containsEntry("movedOn", 4).containsEntry("conversionRate", 100.0);
        assertThat(stage(funnel, "LEAD")).containsEntry("now", 2).containsEntry("reached", 2).containsEntry("movedOn", 1).containsEntry("conversionRate", 50.0);
        assertThat(stage(funnel, "MQL")).containsEntry("reached", 1).containsEntry("conversionRate", 100.0);
        assertThat(stage(funnel, "SQL")).containsEntry("reached", 3).containsEntry("movedOn", 2).containsEntry("conversionRate", 66.7)
            .containsEntry("medianHoursInStage", 4.0);
        assertThat(stage(funnel, "PROSPECT")).containsEntry("reached", 2).containsEntry("conversionRate", 100.0);
        assertThat(stage(funnel, "OPPORTUNITY")).containsEntry("reached", 2).containsEntry("movedOn", 1).containsEntry("conversionRate", 50.0);
        assertThat(stage(funnel, "CUSTOMER")).containsEntry("now", 1).containsEntry("reached", 1);
        assertThat(stage(funnel, "CLOSED_LOST")).containsEntry("now", 1).containsEntry("reached", 1);
        assertThat(stage(funnel, "PQL")).containsEntry("reached", 0);
        assertThat(funnel.get("won").asInt()).isEqualTo(1);
        assertThat(funnel.get("lost").asInt()).isEqualTo(1);
        assertThat(funnel.at("/lossReasons/BUDGET").asInt()).isEqualTo(1);
        assertThat(funnel.at("/reachedBySource/" + source + "/SQL").asInt()).isEqualTo(3);
        assertThat(funnel.at("/byMonth/" + month + "/people").asInt()).isEqualTo(4);
        assertThat(funnel.at("/byMonth/" + month + "/CUSTOMER").asInt()).isEqualTo(1);

        HttpResponse<String> page = http().as("auditor", "demo").get("/insight/funnel?" + period + "&source=" + source);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<svg id=\"chart\"").contains("66.7% moved on");
        assertThat(http().as("sales", "demo").get("/api/insight/funnel").statusCode()).isEqualTo(403);
        assertThat(http().as("manager", "demo").get("/api/insight/funnel").statusCode()).isEqualTo(200);
    }

    static Map<String, Object> stage(JsonNode funnel, String name) {
        for (JsonNode stage : funnel.get("stages")) {
            if (stage.get("stage").asText().equals(name)) {
                Map<String, Object> figures = new HashMap<>();
                stage.fields().forEachRemaining(field -> figures.put(field.getKey(),
                    field.getValue().isNull() ? null : field.getValue().isInt() ? field.getValue().asInt()
                        : field.getValue().isNumber() ? field.getValue().asDouble() : field.getValue().asText()));
                return figures;
            }
        }
        throw new AssertionError("no stage " + name);
    }
}
