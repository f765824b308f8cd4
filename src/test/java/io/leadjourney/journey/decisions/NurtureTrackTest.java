package io.leadjourney.journey.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.api.Test;

@Deployment(resources = "dmn/nurture-track.dmn")
class NurtureTrackTest extends DecisionTableTest {

    @Override
    String decisionKey() {
        return "nurture-track";
    }

    Map<String, Object> track(String stage, boolean reengaged, int silentRounds, String segment, boolean whatsapp) {
        return evaluate("stage", stage, "reengaged", reengaged, "silentRounds", silentRounds, "segment", segment,
            "whatsappConsent", whatsapp).getSingleResult().getEntryMap();
    }

    @Test
    void shouldActivateContactsWithLightContent() {
        assertThat(track("CONTACT", false, 0, "B2B", false))
            .containsEntry("track", "contact-activation").containsEntry("channel", "EMAIL")
            .containsEntry("steps", 2).containsEntry("cadence", "P7D").containsEntry("engagementWindow", "P21D");
    }

    @Test
    void shouldLeaveASilentContactAlone() {
        assertThat(track("CONTACT", false, 1, "B2B", false)).containsEntry("track", "none").containsEntry("steps", 0);
    }

    @Test
    void shouldReengageALostDealWithItsOwnTrack() {
        assertThat(track("LEAD", true, 0, "B2B", false)).containsEntry("track", "lost-reengagement").containsEntry("steps", 2);
    }

    @Test
    void shouldUseWhatsapp_forConsumerLeadsWithWhatsappConsent() {
        assertThat(track("LEAD", false, 0, "B2C", true)).containsEntry("track", "lead-education").containsEntry("channel", "WHATSAPP");
        assertThat(track("LEAD", false, 0, "B2C", false)).containsEntry("channel", "EMAIL");
    }

    @Test
    void shouldEducateLeads() {
        assertThat(track("LEAD", false, 0, "B2B", true)).containsEntry("track", "lead-education").containsEntry("channel", "EMAIL")
            .containsEntry("steps", 3).containsEntry("cadence", "P5D");
    }

    @Test
    void shouldEducateMqlsDeeper() {
        assertThat(track("MQL", false, 0, "B2B", false)).containsEntry("track", "mql-education");
    }

    @Test
    void shouldHelpPqlsGetValue() {
        assertThat(track("PQL", false, 0, "B2C", false)).containsEntry("track", "pql-onboarding").containsEntry("cadence", "P2D");
    }

    @Test
    void shouldMoveQuietLeadsToTheLongTermTrack() {
        assertThat(track("MQL", false, 2, "B2B", false)).containsEntry("track", "long-term").containsEntry("cadence", "P30D");
    }

    @Test
    void shouldStopAutomatedMarketing_forLongSilentLeadsAndCustomers() {
        assertThat(track("LEAD", false, 3, "B2B", false)).containsEntry("track", "none");
        assertThat(track("CUSTOMER", false, 0, "B2B", false)).containsEntry("track", "none");
    }
}
