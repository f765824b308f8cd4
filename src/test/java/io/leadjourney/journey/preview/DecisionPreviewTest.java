package io.leadjourney.journey.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadjourney.support.ProcessTest;
import org.junit.jupiter.api.Test;

/** Before lowering a threshold, marketing ops see what the edited table would have decided on the real inputs. */
class DecisionPreviewTest extends ProcessTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void loweringTheSqlThresholdShowsWhoWouldHaveBecomeSalesReady() throws Exception {
        // a lead whose score passes 100 but not 120: decided MQL today
        String email = newEmail("preview");
        for (String type : new String[] {"webinar_registered", "content_downloaded", "webinar_registered", "content_downloaded",
            "webinar_registered", "content_downloaded", "webinar_registered", "content_downloaded"}) {
            signal(type, email);
        }
        String table = Files.readString(Path.of("dmn/lead-qualification.dmn")).replace("&gt;= 120", "&gt;= 100");

        HttpResponse<String> response = post("marketing", "/api/decisions/lead-qualification/preview?days=30", table);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode result = JSON.readTree(response.body());
        assertThat(result.get("evaluated").asInt()).isGreaterThanOrEqualTo(8);
        assertThat(result.get("changed").asInt()).isPositive();
        assertThat(result.at("/byChange/qualifiedStage=MQL -> qualifiedStage=SQL").asInt()).as(response.body()).isPositive();
        JsonNode example = result.get("examples").get(0);
        assertThat(example.get("before").asText()).isEqualTo("qualifiedStage=MQL");
        assertThat(example.get("after").asText()).isEqualTo("qualifiedStage=SQL");
        assertThat(example.at("/inputs/score").asInt()).isBetween(100, 119);
        assertThat(example.get("decisionInstanceId").asText()).isNotBlank();

        HttpResponse<String> unchanged = post("admin", "/api/decisions/lead-qualification/preview",
            Files.readString(Path.of("dmn/lead-qualification.dmn")));
        assertThat(JSON.readTree(unchanged.body()).get("changed").asInt()).as("the deployed table changes nothing").isZero();
    }

    @Test
    void anAggregatingTableIsComparedByItsSum() throws Exception {
        signal("form_submitted", newEmail("sum"));
        String scoring = Files.readString(Path.of("dmn/engagement-scoring.dmn"));
        JsonNode same = JSON.readTree(post("marketing", "/api/decisions/engagement-scoring/preview", scoring).body());
        assertThat(same.get("evaluated").asInt()).isPositive();
        assertThat(same.get("changed").asInt()).as(same.toString()).isZero();

        String doubled = scoring.replaceFirst("<text>10</text>", "<text>20</text>");
        JsonNode changed = JSON.readTree(post("marketing", "/api/decisions/engagement-scoring/preview", doubled).body());
        assertThat(changed.at("/byChange/10 -> 20").asInt()).as(changed.toString()).isPositive();
    }

    @Test
    void aBrokenTableIsRefusedLikeADeploymentAndOnlyMarketingOpsAndAdminsPreview() throws Exception {
        String broken = Files.readString(Path.of("dmn/lead-qualification.dmn")).replace("&gt;= 120", "&gt;== thirty(");
        HttpResponse<String> refused = post("marketing", "/api/decisions/lead-qualification/preview", broken);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Rule_lead_qualification_4").contains("not valid FEEL");

        HttpResponse<String> otherTable = post("marketing", "/api/decisions/nurture-track/preview",
            Files.readString(Path.of("dmn/lead-qualification.dmn")));
        assertThat(otherTable.statusCode()).isEqualTo(400);

        String table = Files.readString(Path.of("dmn/lead-qualification.dmn"));
        assertThat(post("sales", "/api/decisions/lead-qualification/preview", table).statusCode()).isEqualTo(403);
        assertThat(post("auditor", "/api/decisions/lead-qualification/preview", table).statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> post(String user, String path, String xml) {
        return http().as(user, passwordOf(user)).post(path, "application/xml", xml);
    }
}
