package io.leadjourney.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadjourney.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A new signal type is a new row in engagement-scoring that marketing ops deploy: intake accepts it, no release. */
class SignalCatalogueTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aRowForANewTypeDeployedFromTheModelerMakesIntakeAcceptIt() throws Exception {
        String type = "webinar_attended_" + UUID.randomUUID().toString().substring(0, 6);
        String email = "webinar." + UUID.randomUUID() + "@example.co.id";
        String body = "{\"type\":\"" + type + "\",\"email\":\"" + email + "\"}";
        HttpResponse<String> before = intake().postJson("/api/signals", body);
        assertThat(before.statusCode()).isEqualTo(400);
        assertThat(before.body()).contains("'" + type + "' is not a signal type; allowed: form_submitted, ");

        String table = Files.readString(Path.of("dmn/engagement-scoring.dmn")).replace("    </decisionTable>", """
                  <rule id="Rule_WebinarAttended">
                    <description>Attended a whole webinar: more than registering</description>
                    <inputEntry id="InputEntry_WebinarAttended_Type"><text>"%s"</text></inputEntry>
                    <inputEntry id="InputEntry_WebinarAttended_Title"><text>-</text></inputEntry>
                    <inputEntry id="InputEntry_WebinarAttended_Industry"><text>-</text></inputEntry>
                    <outputEntry id="OutputEntry_WebinarAttended"><text>25</text></outputEntry>
                  </rule>
                </decisionTable>""".formatted(type));
        HttpResponse<String> deployed = http().as("marketing", "demo").postMultipart("/engine-rest/deployment/create",
            Map.of("deployment-name", "engagement-scoring", "deployment-source", "Camunda Modeler"), "engagement-scoring.dmn",
            "engagement-scoring.dmn", table.getBytes(StandardCharsets.UTF_8));
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);

        HttpResponse<String> after = intake().postJson("/api/signals", body);
        assertThat(after.statusCode()).as(after.body()).isEqualTo(202);
        String personId = new ObjectMapper().readTree(after.body()).get("personId").asText();
        assertThat(jdbc.sql("select score from lj_person where id = ?").param(personId).query(Integer.class).single()).isEqualTo(25);
        assertThat(jdbc.sql("select type from lj_signal where person_id = ?").param(personId).query(String.class).single()).isEqualTo(type);
    }
}
