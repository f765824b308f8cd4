package io.leadjourney.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadjourney.support.IntegrationTest;
import io.leadjourney.support.TinyProcess;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the running service promises on every database it supports (subclasses pick the database). */
abstract class ApplicationContract extends IntegrationTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    RepositoryService repository;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    @Test
    void webappsAnswer() {
        assertThat(http().get("/camunda/app/tasklist/default/").statusCode()).isEqualTo(200);
        assertThat(http().get("/camunda/app/cockpit/default/").statusCode()).isEqualTo(200);
        assertThat(http().get("/camunda/app/admin/default/").statusCode()).isEqualTo(200);
    }

    @Test
    void engineRestNeedsCredentials() {
        assertThat(http().get("/engine-rest/process-definition").statusCode()).isEqualTo(401);
        assertThat(http().as(throwawayUser(), "wrong").get("/engine-rest/process-definition").statusCode()).isEqualTo(401);
        assertThat(http().as("marketing", "demo").get("/engine-rest/process-definition").statusCode()).isEqualTo(200);
    }

    @Test
    void onlyMarketingOpsAndAdminsDeploy() {
        assertThat(deployAs("sales").statusCode()).isEqualTo(403);
        assertThat(deployAs("auditor").statusCode()).isEqualTo(403);
        HttpResponse<String> marketing = deployAs("marketing");
        assertThat(marketing.statusCode()).as(marketing.body()).isEqualTo(200);
        assertThat(deployAs("admin").statusCode()).isEqualTo(200);
    }

    @Test
    void taskQueriesWithExpressionsAreRefusedOnBothApiPaths() {
        String nested = "{\"orQueries\":[{\"assigneeExpression\":\"${''.getClass().forName('Runtime')}\"}]}";
        for (String path : new String[] {"/engine-rest/task", "/camunda/api/engine/engine/default/task"}) {
            HttpResponse<String> body = http().as("admin", "demo").postJson(path, nested);
            assertThat(body.statusCode()).as(path).isEqualTo(400);
            assertThat(body.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
            assertThat(body.body()).contains("assigneeExpression");
            HttpResponse<String> query = http().as("admin", "demo").get(path + "?dueDateExpression=%24%7Bnow()%7D");
            assertThat(query.statusCode()).as(path).isEqualTo(400);
        }
        assertThat(http().as("admin", "demo").postJson("/engine-rest/filter/create",
            "{\"resourceType\":\"Task\",\"name\":\"x\",\"query\":{\"candidateGroupExpression\":\"${1}\"}}").statusCode()).isEqualTo(400);
        // the same queries without expressions pass the guard
        assertThat(http().as("admin", "demo").postJson("/engine-rest/task", "{\"orQueries\":[{\"assignee\":\"sales\"}]}").statusCode())
            .isEqualTo(200);
    }

    @Test
    void adminSetupIsRefused() {
        HttpResponse<String> setup = http().postJson("/camunda/api/admin/setup/default/user/create",
            "{\"profile\":{\"id\":\"intruder\",\"firstName\":\"I\",\"lastName\":\"N\",\"email\":\"i@example.com\"},"
                + "\"credentials\":{\"password\":\"Intruder-Passw0rd!\"}}");
        assertThat(setup.statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from ACT_ID_USER where ID_ = 'intruder'").query(Integer.class).single()).isZero();
    }

    @Test
    void intakeNeedsItsApiKey() {
        String body = "{\"type\":\"form_submitted\",\"email\":\"nokey@example.com\"}";
        assertThat(http().postJson("/api/signals", body).statusCode()).isEqualTo(401);
        assertThat(http().with("X-Api-Key", "not-the-key-at-all").postJson("/api/signals", body).statusCode()).isEqualTo(401);
        assertThat(http().as("admin", "demo").postJson("/api/signals", body).statusCode()).isEqualTo(401);
    }

    @Test
    void jobsAreAcquiredByDueDateThroughAnIndex() throws Exception {
        String email = "due." + UUID.randomUUID() + "@example.com";
        assertThat(intake().postJson("/api/signals", "{\"type\":\"form_submitted\",\"email\":\"" + email + "\"}").statusCode())
            .isEqualTo(202);
        // the journey's first step waits as a job: it has a due date like every job, so the acquisition can use the index
        assertThat(jdbc.sql("select count(*) from act_ru_job").query(Long.class).single()).isPositive();
        assertThat(jdbc.sql("select count(*) from act_ru_job where duedate_ is null").query(Long.class).single()).isZero();
        try (var connection = dataSource.getConnection();
             var lower = connection.getMetaData().getIndexInfo(null, null, "act_ru_job", false, false);
             var upper = connection.getMetaData().getIndexInfo(null, null, "ACT_RU_JOB", false, false)) {
            Set<String> indexes = new HashSet<>();
            while (lower.next()) {
                indexes.add(lower.getString("INDEX_NAME").toLowerCase());
            }
            while (upper.next()) {
                indexes.add(upper.getString("INDEX_NAME").toLowerCase());
            }
            assertThat(indexes).contains(EngineSchemaTuning.JOB_DUE_DATE_INDEX);
        }
    }

    @Test
    void aSignalForANewEmailCreatesOnePersonAndOneJourneyAtLead() throws Exception {
        String email = "Rina." + UUID.randomUUID() + "@Example.COM ";
        HttpResponse<String> response = intake().postJson("/api/signals",
            "{\"type\":\"form_submitted\",\"email\":\"" + email + "\",\"name\":\"Rina Wijaya\",\"source\":\"website\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode answer = JSON.readTree(response.body());
        String personId = answer.get("personId").asText();
        assertThat(answer.get("stage").asText()).isEqualTo("LEAD");
        assertThat(answer.get("signalId").asText()).isNotBlank();

        String normalised = email.trim().toLowerCase();
        assertThat(jdbc.sql("select count(*) from lj_person where email = ?").param(normalised).query(Integer.class).single()).isEqualTo(1);
        assertThat(journeys.journeysOf(personId)).hasSize(1);
    }

    @Test
    void repeatingASignalWithItsIdempotencyKeyGivesTheSameAnswerAndCreatesNothing() {
        String email = "idem." + UUID.randomUUID() + "@example.com";
        String body = "{\"type\":\"content_downloaded\",\"email\":\"" + email + "\"}";
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = intake().with("Idempotency-Key", key).postJson("/api/signals", body);
        HttpResponse<String> second = intake().with("Idempotency-Key", key).postJson("/api/signals", body);
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(jdbc.sql("select count(*) from lj_signal s join lj_person p on p.id = s.person_id where p.email = ?")
            .param(email).query(Integer.class).single()).isEqualTo(1);
    }

    private HttpResponse<String> deployAs(String user) {
        String id = "deploy-check-" + UUID.randomUUID().toString().substring(0, 8);
        return http().as(user, "demo").postMultipart("/engine-rest/deployment/create",
            Map.of("deployment-name", id, "deployment-source", "Camunda Modeler"), "data", id + ".bpmn",
            TinyProcess.bytes(id));
    }
}
