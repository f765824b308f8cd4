package io.leadjourney.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadjourney.support.ProcessTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The consent ledger through the service: unsubscribe, an import after it, the person's own grant, the ledger API. */
class ConsentTest extends ProcessTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JdbcClient jdbc;

    @Test
    void anImportNeverReGrantsAWithdrawnConsentAndThePersonsOwnGrantLiftsTheStop() throws Exception {
        String email = newEmail("ledger");
        String personId = post("{\"type\":\"form_submitted\",\"email\":\"" + email + "\",\"phone\":\"+62812" + String.format("%07d", System.nanoTime() % 10_000_000)
            + "\",\"consent\":{\"email\":true,\"whatsapp\":true,\"wording\":\"web-form-v3\"}}");
        String token = jdbc.sql("select unsubscribe_token from lj_person where id = ?").param(personId).query(String.class).single();

        assertThat(http().postForm("/unsubscribe/" + token, "List-Unsubscribe=One-Click").statusCode()).isEqualTo(200);
        assertThat(consent(personId)).isEqualTo("email=false whatsapp=false stopped=true");
        assertThat(journeyStopped(personId)).isTrue();

        importWithEmailConsent(email);
        assertThat(consent(personId)).as("an import never re-grants").isEqualTo("email=false whatsapp=false stopped=true");

        post("{\"type\":\"newsletter_joined\",\"email\":\"" + email + "\",\"consent\":{\"email\":true,\"wording\":\"newsletter-v1\"}}");
        assertThat(consent(personId)).as("the person's own grant restores that channel only").isEqualTo("email=true whatsapp=false stopped=false");
        assertThat(journeyStopped(personId)).isFalse();

        HttpResponse<String> ledger = http().as("auditor", "demo").get("/api/people/" + personId + "/consents");
        assertThat(ledger.statusCode()).isEqualTo(200);
        List<String> rows = new ArrayList<>();
        for (JsonNode row : JSON.readTree(ledger.body())) {
            assertThat(row.get("at").asText()).isNotBlank();
            rows.add(row.get("channel").asText() + " " + row.get("granted").asBoolean() + " " + row.get("via").asText() + " "
                + row.get("effective").asBoolean() + " " + row.path("wording").asText("-"));
        }
        assertThat(rows).containsExactly(
            "EMAIL true SIGNAL true web-form-v3",
            "WHATSAPP true SIGNAL true web-form-v3",
            "EMAIL false UNSUBSCRIBE true -",
            "WHATSAPP false UNSUBSCRIBE true -",
            "EMAIL true IMPORT false import-v9",
            "EMAIL true SIGNAL true newsletter-v1");

        HttpResponse<String> page = http().as("auditor", "demo").get("/audit/people/" + personId);
        assertThat(page.body()).contains("id=\"consents\"").contains("UNSUBSCRIBE").contains("overruled by the person themself");
    }

    @Test
    void aFormsWithdrawalOfEveryChannelStopsMarketingAndOnlyThePersonCanUndoIt() throws Exception {
        String email = newEmail("formwithdraw");
        String personId = post("{\"type\":\"form_submitted\",\"email\":\"" + email + "\",\"consent\":{\"email\":true}}");
        post("{\"type\":\"email_opened\",\"email\":\"" + email + "\",\"consent\":{\"email\":false}}");
        assertThat(consent(personId)).isEqualTo("email=false whatsapp=false stopped=true");
        importWithEmailConsent(email);
        assertThat(consent(personId)).isEqualTo("email=false whatsapp=false stopped=true");
    }

    @Test
    void theLedgerIsForAuditorsMarketingOpsAndAdmins() {
        String personId = signal("form_submitted", newEmail("ledgerrights")).personId();
        for (String user : List.of("auditor", "marketing", "admin")) {
            assertThat(http().as(user, "demo").get("/api/people/" + personId + "/consents").statusCode()).as(user).isEqualTo(200);
        }
        for (String user : List.of("sales", "manager")) {
            assertThat(http().as(user, "demo").get("/api/people/" + personId + "/consents").statusCode()).as(user).isEqualTo(403);
        }
        assertThat(http().as("auditor", "demo").get("/api/people/00000000-0000-0000-0000-000000000000/consents").statusCode()).isEqualTo(404);
    }

    private String post(String body) throws Exception {
        HttpResponse<String> response = intake().postJson("/api/signals", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).get("personId").asText();
    }

    private void importWithEmailConsent(String email) throws Exception {
        HttpResponse<String> accepted = intake().postMultipart("/api/contacts/import", Map.of("consentEmail", "true", "consentWording", "import-v9"),
            "file", "contacts.csv", ("name,email,phone,company,title,industry,source\nAgain," + email + ",,,,,expo\n").getBytes(StandardCharsets.UTF_8));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = JSON.readTree(accepted.body()).get("importId").asText();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
            .until(() -> JSON.readTree(intake().get("/api/contacts/imports/" + id).body()).get("status").asText().equals("COMPLETED"));
    }

    private String consent(String personId) throws Exception {
        JsonNode person = JSON.readTree(http().as("auditor", "demo").get("/api/people/" + personId).body());
        return "email=" + person.at("/consent/email").asBoolean() + " whatsapp=" + person.at("/consent/whatsapp").asBoolean()
            + " stopped=" + person.get("marketingStopped").asBoolean();
    }

    private boolean journeyStopped(String personId) {
        return Boolean.TRUE.equals(runtime.getVariable(journey(personId).getId(), "marketingStopped"));
    }
}
