package io.leadjourney.journey.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.api.Test;

@Deployment(resources = "dmn/lead-priority.dmn")
class LeadPriorityTest extends DecisionTableTest {

    @Override
    String decisionKey() {
        return "lead-priority";
    }

    int priority(String signal, String title, boolean competitor, Long value, int score) {
        Object priority = single("priority", "lastSignalType", signal, "title", title, "competitorInvolved", competitor,
            "estimatedValue", value, "score", score);
        return ((Number) priority).intValue();
    }

    @Test
    void shouldStartAtFifty() {
        assertThat(priority("replied", null, false, null, 10)).isEqualTo(50);
    }

    @Test
    void shouldAddReadiness() {
        assertThat(priority("demo_requested", null, false, null, 10)).isEqualTo(70);
        assertThat(priority("price_requested", null, false, null, 10)).isEqualTo(60);
    }

    @Test
    void shouldAddInfluence() {
        assertThat(priority("replied", "Direktur Operasional", false, null, 10)).isEqualTo(60);
    }

    @Test
    void shouldAddUrgency_whenACompetitorIsPursuing() {
        assertThat(priority("replied", null, true, null, 10)).isEqualTo(65);
    }

    @Test
    void shouldAddPotentialRevenue() {
        assertThat(priority("replied", null, false, 150_000_000L, 10)).isEqualTo(65);
        assertThat(priority("replied", null, false, 30_000_000L, 10)).isEqualTo(55);
        assertThat(priority("replied", null, false, 10_000_000L, 10)).isEqualTo(50);
    }

    @Test
    void shouldAddEngagement() {
        assertThat(priority("replied", null, false, null, 130)).isEqualTo(55);
    }

    @Test
    void shouldSumEverything_forTheHottestLead() {
        assertThat(priority("quote_requested", "Owner", true, 200_000_000L, 150)).isEqualTo(115);
    }
}
