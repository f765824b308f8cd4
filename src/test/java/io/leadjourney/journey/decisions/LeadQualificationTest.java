package io.leadjourney.journey.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Deployment(resources = "dmn/lead-qualification.dmn")
class LeadQualificationTest extends DecisionTableTest {

    @Override
    String decisionKey() {
        return "lead-qualification";
    }

    String stage(String signal, String current, int score) {
        return stage(signal, current, score, false);
    }

    String stage(String signal, String current, int score, boolean coolingDown) {
        return single("qualifiedStage", "signalType", signal, "stage", current, "score", score, "coolingDown", coolingDown);
    }

    @Test
    void shouldNotMakeSalesReady_byScoreOrAskingForHelp_duringASalesCoolDown() {
        assertThat(stage("email_clicked", "LEAD", 150, true)).isEqualTo("MQL");
        assertThat(stage("message_received", "PQL", 60, true)).isEqualTo("MQL");
        assertThat(stage("demo_requested", "LEAD", 150, true)).as("a hand-raiser all the same").isEqualTo("SQL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"price_requested", "catalog_requested", "demo_requested", "quote_requested", "meeting_booked"})
    void shouldQualifyAsSql_whenAskingPriceCatalogDemoQuoteOrMeeting(String signal) {
        assertThat(stage(signal, "LEAD", 0)).isEqualTo("SQL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"price_requested", "catalog_requested", "demo_requested", "quote_requested", "meeting_booked"})
    void shouldMarkAHandRaiser_whenAskingPriceCatalogDemoQuoteOrMeeting(String signal) {
        assertThat((Boolean) single("handRaiser", "signalType", signal, "stage", "PROSPECT", "score", 300, "coolingDown", false)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"message_received", "trial_started", "email_clicked", "email_opened", "booth_visited"})
    void shouldNotMarkAHandRaiser_forAnyOtherSignal(String signal) {
        assertThat((Boolean) single("handRaiser", "signalType", signal, "stage", "PQL", "score", 300, "coolingDown", false)).isFalse();
    }

    @Test
    void shouldQualifyAsSql_whenAPqlAsksForHelp() {
        assertThat(stage("message_received", "PQL", 60)).isEqualTo("SQL");
        assertThat(stage("message_received", "LEAD", 20)).isEqualTo("LEAD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"trial_started", "sample_requested", "product_used"})
    void shouldQualifyAsPql_whenTryingTheProduct(String signal) {
        assertThat(stage(signal, "LEAD", 0)).isEqualTo("PQL");
    }

    @Test
    void shouldQualifyAsSql_whenTheScoreReaches120() {
        assertThat(stage("email_clicked", "MQL", 120)).isEqualTo("SQL");
        assertThat(stage("email_clicked", "MQL", 119)).isEqualTo("MQL");
    }

    @Test
    void shouldQualifyAsMql_whenTheScoreReaches40() {
        assertThat(stage("email_opened", "LEAD", 40)).isEqualTo("MQL");
        assertThat(stage("email_opened", "LEAD", 39)).isEqualTo("LEAD");
    }

    @Test
    void shouldQualifyAsLead_forAnyOtherSignal() {
        assertThat(stage("booth_visited", "CONTACT", 10)).isEqualTo("LEAD");
    }
}
