package io.leadjourney.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadjourney.support.ProcessTest;
import io.leadjourney.support.WhatsAppSignature;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The WhatsApp Cloud API webhook as Meta calls it: verification, signed notifications, STOP, statuses. */
class WhatsAppWebhookTest extends ProcessTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JdbcClient jdbc;

    static String sign(String body, String secret) {
        return WhatsAppSignature.sign(body, secret);
    }

    private HttpResponse<String> post(String body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/whatsapp/webhook"))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return http().send(request.build());
    }

    static String inbound(String waId, String name, String messageId, String text) {
        return """
            {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
              "messaging_product":"whatsapp","metadata":{"display_phone_number":"6281100000000","phone_number_id":"123"},
              "contacts":[{"profile":{"name":"%s"},"wa_id":"%s"}],
              "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"%s"}}]}}]}]}
            """.formatted(name, waId, waId, messageId, System.currentTimeMillis() / 1000, text);
    }

    static String waId() {
        return "62813" + String.format("%08d", (long) (Math.random() * 100_000_000L));
    }

    @Test
    void metaVerifiesTheWebhookWithItsToken() {
        HttpResponse<String> ok = http().get("/api/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=test-verify-token&hub.challenge=1158201444");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
        assertThat(http().get("/api/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1").statusCode()).isEqualTo(403);
        assertThat(http().get("/api/whatsapp/webhook").statusCode()).isEqualTo(403);
    }

    @Test
    void aSignedMessageFromAnUnknownNumberRegistersThePersonWithItsSignal() throws Exception {
        String wa = waId();
        String body = inbound(wa, "Sari Dewi", "wamid.IN" + System.nanoTime(), "Halo, berapa harganya?");

        HttpResponse<String> answer = post(body, sign(body, "test-app-secret"));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode person = JSON.readTree(http().as("auditor", "demo").get("/api/people?phone=%2B" + wa).body());
        assertThat(person.get("name").asText()).isEqualTo("Sari Dewi");
        assertThat(person.get("source").asText()).isEqualTo("whatsapp");
        assertThat(jdbc.sql("select type from lj_signal where person_id = ?").param(person.get("id").asText()).query(String.class).list())
            .containsExactly("message_received");
        // Meta retries a notification: the message counts once
        assertThat(post(body, sign(body, "test-app-secret")).statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from lj_signal where person_id = ?").param(person.get("id").asText()).query(Integer.class).single())
            .isEqualTo(1);
    }

    @Test
    void unsignedOrWronglySignedBodiesAreRefusedAndChangeNothing() throws Exception {
        String wa = waId();
        String body = inbound(wa, "Palsu", "wamid.FAKE" + System.nanoTime(), "hi");
        HttpResponse<String> unsigned = post(body, null);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(post(body, sign(body, "not-the-secret")).statusCode()).isEqualTo(401);
        assertThat(post(body.replace("hi", "hello"), sign(body, "test-app-secret")).statusCode()).as("a changed body").isEqualTo(401);
        assertThat(http().as("auditor", "demo").get("/api/people?phone=%2B" + wa).statusCode()).isEqualTo(404);
    }

    @Test
    void stopOrBerhentiWithdrawsWhatsAppConsent() throws Exception {
        String wa = waId();
        String personId = intake().postJson("/api/signals", "{\"type\":\"form_submitted\",\"phone\":\"+" + wa + "\",\"email\":\"" + newEmail("wastop")
            + "\",\"consent\":{\"email\":true,\"whatsapp\":true}}").body().replaceAll(".*\"personId\":\"([^\"]+)\".*", "$1");
        String body = inbound(wa, "Budi", "wamid.STOP" + System.nanoTime(), " Berhenti ");
        assertThat(post(body, sign(body, "test-app-secret")).statusCode()).isEqualTo(200);

        JsonNode person = JSON.readTree(http().as("auditor", "demo").get("/api/people/" + personId).body());
        assertThat(person.at("/consent/whatsapp").asBoolean()).isFalse();
        assertThat(person.at("/consent/email").asBoolean()).as("only WhatsApp").isTrue();
        JsonNode ledger = JSON.readTree(http().as("auditor", "demo").get("/api/people/" + personId + "/consents").body());
        assertThat(ledger.get(ledger.size() - 1).get("via").asText()).isEqualTo("WHATSAPP_STOP");
        assertThat(jdbc.sql("select count(*) from lj_signal where person_id = ? and type = 'message_received'").param(personId)
            .query(Integer.class).single()).as("a STOP is not engagement").isZero();
    }

    @Test
    void statusesOfSentMessagesAreRecorded() throws Exception {
        String wa = waId();
        String personId = intake().postJson("/api/signals", "{\"type\":\"form_submitted\",\"phone\":\"+" + wa + "\"}").body()
            .replaceAll(".*\"personId\":\"([^\"]+)\".*", "$1");
        String wamid = "wamid.OUT" + System.nanoTime();
        jdbc.sql("insert into lj_message (id, person_id, process_instance_id, step_key, template, channel, kind, status, message_id, recipient, "
                + "created_at, sent_at) values (?, ?, 'p', ?, 'lead-education-1', 'WHATSAPP', 'MARKETING', 'SENT', ?, ?, current_timestamp, "
                + "current_timestamp)")
            .params(UUID.randomUUID().toString(), personId, "step-" + wamid, wamid, "+" + wa).update();
        String body = """
            {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",
              "statuses":[{"id":"%s","status":"delivered","timestamp":"1","recipient_id":"%s"},
                          {"id":"%s","status":"read","timestamp":"2","recipient_id":"%s"}]}}]}]}
            """.formatted(wamid, wa, wamid, wa);
        assertThat(post(body, sign(body, "test-app-secret")).statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select delivery from lj_message where message_id = ?").param(wamid).query(String.class).single()).isEqualTo("READ");
    }
}
