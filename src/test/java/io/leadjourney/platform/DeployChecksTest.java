package io.leadjourney.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadjourney.journey.LeadJourneyIds;
import io.leadjourney.support.IntegrationTest;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The mistakes marketing ops made deploying from Camunda Modeler (multipart to /engine-rest/deployment/create, as
 * `marketing`), each refused with 400 naming the file, the element and what to change, while the deployed versions
 * stay and intake keeps answering.
 */
class DeployChecksTest extends IntegrationTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    RepositoryService repository;

    @Test
    void aTableEntryThatIsNotFeelIsRefused() {
        String table = committed("dmn/lead-qualification.dmn").replace("&gt;= 120", "&gt;== thirty(");
        refused("lead-qualification.dmn", table, "Rule_lead_qualification_4", "'>== thirty(' is not valid FEEL");
    }

    @Test
    void aDelegateBeanThatDoesNotExistIsRefused() {
        String journey = committed("bpmn/lead-journey.bpmn").replace("${recordGradeDelegate}", "${recordGradeDelegat}");
        refused("lead-journey.bpmn", journey, "ServiceTask_RecordGrade", "names the bean 'recordGradeDelegat', which the service does not have");
    }

    @Test
    void aUserTaskWithoutCandidateGroupIsRefused() {
        String journey = committed("bpmn/lead-journey.bpmn").replace("camunda:candidateGroups=\"sales-managers\" ", "");
        refused("lead-journey.bpmn", journey, LeadJourneyIds.ESCALATED_FOLLOW_UP, "has no candidate group");
    }

    @Test
    void aCandidateGroupThatDoesNotExistIsRefused() {
        String journey = committed("bpmn/lead-journey.bpmn").replace("camunda:candidateGroups=\"sales-managers\"",
            "camunda:candidateGroups=\"sales-manager\"");
        refused("lead-journey.bpmn", journey, LeadJourneyIds.ESCALATED_FOLLOW_UP, "candidate group 'sales-manager' does not exist");
    }

    @Test
    void aReengagementDelayThatIsNotADurationIsRefused() {
        String table = committed("dmn/reengagement-delay.dmn").replaceFirst("&quot;P6M&quot;", "6");
        refused("reengagement-delay.dmn", table, "Rule_reengagement_delay_1", "6 is not an ISO-8601 duration in quotes");
    }

    @Test
    void aNurtureTrackWithoutMessageTemplatesIsRefused() {
        String table = committed("dmn/nurture-track.dmn").replaceFirst("&quot;lead-education&quot;", "&quot;webinar-series&quot;");
        refused("nurture-track.dmn", table, "Rule_nurture_track_4", "messages/webinar-series-1.");
    }

    @Test
    void aStageThatIsNotAStageIsRefused() {
        String table = committed("dmn/lead-qualification.dmn").replace("&quot;PQL&quot;</text>\n        </outputEntry>",
            "&quot;TRIAL&quot;</text>\n        </outputEntry>");
        refused("lead-qualification.dmn", table, "Rule_lead_qualification_3", "\"TRIAL\" is not a stage");
    }

    @Test
    void aSignalTypeThatEngagementScoringDoesNotListIsRefused() {
        String table = committed("dmn/lead-qualification.dmn").replace("&quot;demo_requested&quot;", "&quot;demo_requsted&quot;");
        refused("lead-qualification.dmn", table, "Rule_lead_qualification_1", "'demo_requsted' is not a signal type of engagement-scoring");
    }

    @Test
    void anExpressionThatReachesTheEngineIsRefused() {
        String journey = committed("bpmn/lead-journey.bpmn").replace("${stage == 'OPPORTUNITY'}",
            "${execution.processEngineServices.identityService.createUserQuery().count() > 0}");
        refused("lead-journey.bpmn", journey, "Flow_RouteToInOpportunity", "'execution' is neither a variable of the journey nor one of its beans");
    }

    @Test
    void anExpressionThatReachesJavaIsRefused() {
        String journey = committed("bpmn/lead-journey.bpmn").replace("${stage == 'OPPORTUNITY'}",
            "${''.getClass().forName('java.lang.System') != null}");
        refused("lead-journey.bpmn", journey, "Flow_RouteToInOpportunity", "calls 'getClass()', which models may not call");
    }

    @Test
    void aScriptIsRefused() {
        String journey = committed("bpmn/lead-journey.bpmn").replace("<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">${stage == 'OPPORTUNITY'}",
            "<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\" language=\"javascript\">java.lang.System.exit(1)");
        refused("lead-journey.bpmn", journey, "Flow_RouteToInOpportunity", "runs a script");
    }

    @Test
    void aFileNamedAfterAnotherDecisionIsRefused() {
        refused("Diagram_1.dmn", committed("dmn/reengagement-delay.dmn"), "reengagement-delay", "name it reengagement-delay.dmn");
    }

    @Test
    void aCorrectEditBecomesANewVersion() {
        String key = "reengagement-delay";
        int before = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).latestVersion().singleResult().getVersion();
        String table = committed("dmn/" + key + ".dmn").replace("try again next budget cycle", "try again next budget cycle (" + UUID.randomUUID() + ")");

        HttpResponse<String> response = deploy(key + ".dmn", table);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).latestVersion().singleResult().getVersion())
            .isEqualTo(before + 1);
    }

    /** Deploys as marketing ops from the Modeler, expects 400 naming file, element and problem, and that nothing changed. */
    private void refused(String file, String content, String elementId, String problem) {
        long deployments = repository.createDeploymentQuery().count();

        HttpResponse<String> response = deploy(file, content);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode body = read(response.body());
        List<String> found = new ArrayList<>();
        body.path("details").path(file).path("errors").forEach(error -> found.add(error.path("mainElementId").asText() + ": "
            + error.path("message").asText()));
        assertThat(found).as(response.body()).anySatisfy(error -> assertThat(error).startsWith(elementId + ": ").contains(problem));
        assertThat(body.path("message").asText()).contains(file).contains(elementId);
        assertThat(repository.createDeploymentQuery().count()).as("nothing was deployed").isEqualTo(deployments);
        assertThat(intake().postJson("/api/signals", "{\"type\":\"demo_requested\",\"email\":\"still." + UUID.randomUUID()
            + "@example.co.id\"}").statusCode()).as("intake keeps answering").isEqualTo(202);
    }

    private HttpResponse<String> deploy(String file, String content) {
        return http().as("marketing", "demo").postMultipart("/engine-rest/deployment/create",
            Map.of("deployment-name", file, "deployment-source", "Camunda Modeler", "deploy-changed-only", "true"), file, file,
            content.getBytes(StandardCharsets.UTF_8));
    }

    private static String committed(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(json, e);
        }
    }
}
