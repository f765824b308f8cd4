package io.leadjourney.journey.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Deployment(resources = "dmn/engagement-scoring.dmn")
class EngagementScoringTest extends DecisionTableTest {

    @Override
    String decisionKey() {
        return "engagement-scoring";
    }

    int points(String type, String title, String industry) {
        Object points = single("points", "signalType", type, "title", title, "industry", industry);
        return ((Number) points).intValue();
    }

    @ParameterizedTest(name = "{0} is worth {1}")
    @CsvSource({
        "form_submitted,10", "content_downloaded,10", "webinar_registered,15", "social_followed,5", "booth_visited,10",
        "message_received,15", "email_opened,2", "email_clicked,5", "account_registered,15", "newsletter_joined,10",
        "trial_started,30", "sample_requested,30", "product_used,20",
        "price_requested,40", "catalog_requested,35", "demo_requested,50", "quote_requested,50", "replied,15", "meeting_booked,50"})
    void shouldScoreEachSignalType(String type, int expected) {
        assertThat(points(type, null, null)).isEqualTo(expected);
    }

    @Test
    void shouldAddTenPoints_whenTheTitleIsADecisionMaker() {
        assertThat(points("form_submitted", "Pemilik Toko", null)).isEqualTo(20);
        assertThat(points("form_submitted", "Purchasing Manager", null)).isEqualTo(20);
        assertThat(points("form_submitted", "Staf Admin", null)).isEqualTo(10);
    }

    @Test
    void shouldAddFivePoints_whenTheIndustryIsTheVerticalInFocus() {
        assertThat(points("form_submitted", null, "manufaktur")).isEqualTo(15);
        assertThat(points("form_submitted", null, "perbankan")).isEqualTo(10);
    }

    @Test
    void shouldSumEveryMatchingRow() {
        assertThat(points("demo_requested", "Direktur", "retail")).isEqualTo(65);
    }
}
