package io.leadjourney.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import io.leadjourney.journey.LeadJourneyIds;
import io.leadjourney.platform.security.IdentitySetup;
import io.leadjourney.support.Http;
import io.leadjourney.support.ProcessTest;
import io.leadjourney.support.TinyProcess;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The holes a black-box probe found (issue "Reliability and security"), each with the request that showed it: every
 * one of them must now be refused or do nothing.
 */
class SecurityHolesTest extends ProcessTest {

    @Autowired
    private IdentitySetup identitySetup;

    /** A follow-up of the salesperson "sales" (whoever the rotation picked). */
    private Task salesTask() {
        ProcessInstance journey = journey(signal("demo_requested", newEmail("salestask")).personId());
        tasks.setAssignee(taskOf(journey, LeadJourneyIds.FOLLOW_UP).getId(), "sales");
        return taskOf(journey, LeadJourneyIds.FOLLOW_UP);
    }

    @Test
    void salesCannotPointATaskAtSomeoneElseNorReadThemThroughIt() {
        Task task = salesTask();
        String victim = signal("form_submitted", newEmail("victim")).personId();
        Http sales = http().as("sales", "demo");

        HttpResponse<String> put = sales.putJson("/engine-rest/task/" + task.getId() + "/variables/personId",
            "{\"value\":\"" + victim + "\",\"type\":\"String\"}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(403);
        assertThat(put.body()).contains("personId");
        assertThat(sales.postJson("/engine-rest/task/" + task.getId() + "/variables",
            "{\"modifications\":{\"personId\":{\"value\":\"" + victim + "\"}}}").statusCode()).isEqualTo(403);
        assertThat(sales.postJson("/engine-rest/task/" + task.getId() + "/complete",
            "{\"variables\":{\"contacted\":{\"value\":false},\"personId\":{\"value\":\"" + victim + "\"}}}").statusCode()).isEqualTo(403);
        assertThat(sales.postJson("/camunda/api/engine/engine/default/task/" + task.getId() + "/variables",
            "{\"modifications\":{\"personId\":{\"value\":\"" + victim + "\"}}}").statusCode()).as("the webapps' API too").isIn(401, 403);

        // even a task variable changed by someone allowed to does not open the victim to sales: the people API decides by the journey
        String owner = runtime.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId()).singleResult().getBusinessKey();
        runtime.setVariable(task.getProcessInstanceId(), "personId", victim);
        assertThat(sales.get("/api/people/" + victim).statusCode()).isEqualTo(404);
        assertThat(sales.get("/api/people/" + owner).statusCode()).as("the person of their task").isEqualTo(200);
        runtime.setVariable(task.getProcessInstanceId(), "personId", owner);

        // what the form holds is fine, and a note is at most 4 000 characters
        assertThat(sales.postJson("/engine-rest/task/" + task.getId() + "/complete",
            "{\"variables\":{\"contacted\":{\"value\":false},\"notes\":{\"value\":\"" + "x".repeat(4001) + "\"}}}").statusCode()).isEqualTo(400);
        HttpResponse<String> completed = sales.postJson("/engine-rest/task/" + task.getId() + "/complete",
            "{\"variables\":{\"contacted\":{\"value\":false},\"notes\":{\"value\":\"Tidak diangkat\"}}}");
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);
    }

    @Test
    void onlyManagersReassignAndMarketingOpsDoNoSalesWork() {
        Task task = salesTask();
        String path = "/engine-rest/task/" + task.getId();
        assertThat(http().as("sales", "demo").postJson(path + "/assignee", "{\"userId\":\"sales\"}").statusCode()).isEqualTo(403);
        assertThat(http().as("marketing", "demo").postJson(path + "/assignee", "{\"userId\":\"marketing\"}").statusCode()).isEqualTo(403);
        assertThat(http().as("marketing", "demo").postJson(path + "/claim", "{\"userId\":\"marketing\"}").statusCode()).isEqualTo(403);
        assertThat(http().as("marketing", "demo").postJson(path + "/complete", "{}").statusCode()).isEqualTo(403);
        assertThat(http().as("auditor", "demo").postJson(path + "/complete", "{}").statusCode()).isEqualTo(403);
        assertThat(http().as("manager", "demo").postJson(path + "/assignee", "{\"userId\":\"sales\"}").statusCode()).isEqualTo(204);
        assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isEqualTo("sales");
        String deployment = engine.getRepositoryService().createDeploymentQuery().orderByDeploymentTime().asc().list().get(0).getId();
        assertThat(http().as("marketing", "demo").delete("/engine-rest/deployment/" + deployment + "?cascade=true").statusCode())
            .as("deleting a deployment (and its journeys) is the administrator's").isEqualTo(403);
    }

    /** Camunda grants whoever deploys READ and DELETE on their deployment: marketing ops could cascade-delete journeys. */
    @Test
    void marketingOpsCannotDeleteEvenTheDeploymentTheyMade() {
        String process = "own-deployment-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> deployed = http().as("marketing", "demo").postMultipart("/engine-rest/deployment/create",
            Map.of("deployment-name", process, "deployment-source", "Camunda Modeler"), "data", process + ".bpmn", TinyProcess.bytes(process));
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        String deployment = engine.getRepositoryService().createDeploymentQuery().deploymentName(process).singleResult().getId();
        runtime.startProcessInstanceByKey(process);

        assertThat(http().as("marketing", "demo").delete("/engine-rest/deployment/" + deployment + "?cascade=true").statusCode())
            .isEqualTo(403);
        assertThat(http().as("marketing", "demo").get("/engine-rest/deployment/" + deployment).statusCode())
            .as("they still read it").isEqualTo(200);
        assertThat(engine.getRepositoryService().createDeploymentQuery().deploymentId(deployment).count()).isEqualTo(1);
        assertThat(engine.getAuthorizationService().createAuthorizationQuery().userIdIn("marketing").resourceType(Resources.DEPLOYMENT)
            .resourceId(deployment).count()).as("no grant of its own beside the group's").isZero();
        assertThat(http().as("admin", "demo").delete("/engine-rest/deployment/" + deployment + "?cascade=true").statusCode())
            .isEqualTo(204);
    }

    @Test
    void theDeleteAnEarlierVersionGaveToADeployerIsTakenBackAtStart() {
        String deployment = engine.getRepositoryService().createDeploymentQuery().orderByDeploymentTime().asc().list().get(0).getId();
        AuthorizationService authorizations = engine.getAuthorizationService();
        Authorization earlier = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        earlier.setUserId("marketing");
        earlier.setResource(Resources.DEPLOYMENT);
        earlier.setResourceId(deployment);
        earlier.addPermission(Permissions.READ);
        earlier.addPermission(Permissions.DELETE);
        authorizations.saveAuthorization(earlier);
        try {
            identitySetup.postProcessEngineBuild(engine);

            assertThat(http().as("marketing", "demo").delete("/engine-rest/deployment/" + deployment + "?cascade=true").statusCode())
                .isEqualTo(403);
            Authorization kept = authorizations.createAuthorizationQuery().authorizationId(earlier.getId()).singleResult();
            assertThat(kept.isPermissionGranted(Permissions.DELETE)).isFalse();
            assertThat(kept.isPermissionGranted(Permissions.READ)).isTrue();
        } finally {
            authorizations.deleteAuthorization(earlier.getId());
        }
    }

    @Test
    void aPageOfAnotherSiteCannotUseTheBrowsersCredentials() {
        String csv = "name,email,phone,company,title,industry,source\nEka,eka.csrf@example.com,,,,,\n";
        Http marketing = http().as("marketing", "demo");
        HttpResponse<String> fromEvil = marketing.with("Origin", "https://evil.example").postMultipart("/api/contacts/import",
            Map.of("consentEmail", "true"), "file", "contacts.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(fromEvil.statusCode()).isEqualTo(403);
        assertThat(marketing.with("Sec-Fetch-Site", "cross-site").postMultipart("/engine-rest/deployment/create",
            Map.of("deployment-name", "evil"), "data", "evil.bpmn", "<x/>".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(403);
        assertThat(people.findByContact("eka.csrf@example.com", null)).isEmpty();

        // the service's own pages, and servers (no Origin), go ahead
        assertThat(marketing.with("Origin", "http://localhost:" + port).with("Sec-Fetch-Site", "same-origin").postMultipart(
            "/api/contacts/import", Map.of(), "file", "contacts.csv", csv.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(202);
        assertThat(intake().postJson("/api/signals", "{\"type\":\"form_submitted\",\"email\":\"" + newEmail("server") + "\"}").statusCode())
            .isEqualTo(202);
    }

    @Test
    void bodiesOverTheLimitAre413WhateverTheirEncoding() {
        byte[] big = ("{\"type\":\"form_submitted\",\"email\":\"chunk@example.com\",\"name\":\"" + "x".repeat(70 * 1024) + "\"}")
            .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> chunked = intake().postChunked("/api/signals", big);
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
        HttpResponse<String> engine = http().as("sales", "demo").postJson("/engine-rest/task", "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}");
        assertThat(engine.statusCode()).isEqualTo(413);
    }

    @Test
    void answersCarrySecurityHeadersAndGuessedApiKeysMakeTheAddressWait() {
        HttpResponse<String> page = http().as("auditor", "demo").get("/audit");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
            assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-eval"));
        assertThat(http().get("/actuator/health").headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        Http guesser = http();
        for (int i = 0; i < 6; i++) {
            assertThat(guesser.with("X-Api-Key", "guess-number-" + i + "-xxxx").postJson("/api/signals", "{}").statusCode()).isEqualTo(401);
        }
        HttpResponse<String> waiting = guesser.with("X-Api-Key", "local-intake-key").postJson("/api/signals", "{}");
        assertThat(waiting.statusCode()).isEqualTo(429);
        assertThat(waiting.headers().firstValue("Retry-After")).isPresent();
    }
}
