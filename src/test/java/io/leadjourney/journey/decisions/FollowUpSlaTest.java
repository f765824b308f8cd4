package io.leadjourney.journey.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.api.Test;

@Deployment(resources = "dmn/follow-up-sla.dmn")
class FollowUpSlaTest extends DecisionTableTest {

    @Override
    String decisionKey() {
        return "follow-up-sla";
    }

    Map<String, Object> sla(String stage, String grade, String signal) {
        return evaluate("stage", stage, "grade", grade, "lastSignalType", signal).getSingleResult().getEntryMap();
    }

    @Test
    void shouldAskForACallWithinTheHour_whenADemoOrQuoteWasRequested() {
        assertThat(sla("SQL", null, "demo_requested")).containsEntry("followUpWithin", "PT1H").containsEntry("maxContactAttempts", 3)
            .containsEntry("retryContactAfter", "PT4H");
    }

    @Test
    void shouldAskForACallTheSameDay_forOtherSqls() {
        assertThat(sla("SQL", null, "price_requested")).containsEntry("followUpWithin", "PT4H");
    }

    @Test
    void shouldRevisitBProspectsAfterAWeek() {
        assertThat(sla("PROSPECT", "B", "replied")).containsEntry("followUpWithin", "P1D").containsEntry("revisitAfter", "P7D");
    }

    @Test
    void shouldFallBackToADay() {
        assertThat(sla("PROSPECT", "A", null)).containsEntry("followUpWithin", "P1D").containsEntry("revisitAfter", "P14D");
    }
}
