package io.leadjourney.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadjourney.support.ProcessTest;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The email provider's webhooks: bounces and complaints withdraw email consent, opens and clicks are signals of the message. */
class EmailEventsTest extends ProcessTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JdbcClient jdbc;

    /** A person who got the first message of their track; returns its Message-ID as the provider reports it (no brackets). */
    private String[] mailed(String name) throws Exception {
        String email = newEmail(name);
        String personId = signal("form_submitted", email).personId();
        ProcessInstance journey = journey(personId);
        runDueJobs(journey);
        assertThat(mailTo(email)).hasSize(1);
        String messageId = mailTo(email).get(0).getMessageID().replaceAll("[<>]", "");
        return new String[] {email, personId, messageId};
    }

    private HttpResponse<String> post(String json) {
        return intake().postJson("/api/email-events", json);
    }

    private boolean emailConsent(String personId) throws Exception {
        return JSON.readTree(http().as("auditor", "demo").get("/api/people/" + personId).body()).at("/consent/email").asBoolean();
    }

    private List<String> ledgerVia(String personId) throws Exception {
        List<String> via = new ArrayList<>();
        JSON.readTree(http().as("auditor", "demo").get("/api/people/" + personId + "/consents").body())
            .forEach(row -> via.add(row.get("channel").asText() + " " + row.get("granted").asBoolean() + " " + row.get("via").asText()));
        return via;
    }

    private String delivery(String personId) {
        return jdbc.sql("select delivery from lj_message where person_id = ?").param(personId).query(String.class).single();
    }

    @Test
    void aHardBounceWithdrawsEmailConsentWithViaBounce() throws Exception {
        String[] person = mailed("hardbounce");
        HttpResponse<String> answer = post("{\"type\":\"bounced\",\"messageId\":\"" + person[2] + "\",\"hard\":true,\"detail\":\"550 5.1.1 no such user\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        assertThat(JSON.readTree(answer.body()).get("consent").asText()).isEqualTo("email withdrawn (hard bounce)");
        assertThat(emailConsent(person[1])).isFalse();
        assertThat(ledgerVia(person[1])).endsWith("EMAIL false BOUNCE");
        assertThat(delivery(person[1])).isEqualTo("BOUNCED");
    }

    @Test
    void aComplaintByAddressWithdrawsWithViaComplaint() throws Exception {
        String[] person = mailed("complaint");
        assertThat(post("{\"type\":\"complained\",\"email\":\"" + person[0].toUpperCase() + "\"}").statusCode()).isEqualTo(202);
        assertThat(emailConsent(person[1])).isFalse();
        assertThat(ledgerVia(person[1])).endsWith("EMAIL false COMPLAINT");
    }

    @Test
    void softBouncesWithdrawOnlyAtTheLimit() throws Exception {
        String[] person = mailed("softbounce");
        for (int i = 1; i <= 2; i++) {
            assertThat(post("{\"type\":\"bounced\",\"messageId\":\"<" + person[2] + ">\",\"hard\":false,\"detail\":\"452 mailbox full\"}").statusCode())
                .isEqualTo(202);
            assertThat(emailConsent(person[1])).as("after " + i + " soft bounces").isTrue();
        }
        JsonNode third = JSON.readTree(post("{\"type\":\"bounced\",\"messageId\":\"" + person[2] + "\"}").body());
        assertThat(third.get("consent").asText()).isEqualTo("email withdrawn (3 soft bounces)");
        assertThat(emailConsent(person[1])).isFalse();
    }

    @Test
    void opensAndClicksAreSignalsOfTheMessageAndALateDeliveryReportChangesNothing() throws Exception {
        String[] person = mailed("opens");
        HttpResponse<String> opened = intake().with("Idempotency-Key", "open-" + person[2])
            .postJson("/api/email-events", "{\"type\":\"opened\",\"messageId\":\"" + person[2] + "\"}");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(202);
        String signalId = JSON.readTree(opened.body()).get("signalId").asText();
        Object[] signal = jdbc.sql("select type, attributes from lj_signal where id = ?").param(signalId)
            .query((rs, row) -> new Object[] {rs.getString(1), rs.getString(2)}).single();
        assertThat(signal[0]).isEqualTo("email_opened");
        String template = jdbc.sql("select template from lj_message where person_id = ?").param(person[1]).query(String.class).single();
        assertThat((String) signal[1]).contains(person[2]).contains("\"template\":\"" + template + "\"");
        // the provider retries: the same event once
        HttpResponse<String> again = intake().with("Idempotency-Key", "open-" + person[2])
            .postJson("/api/email-events", "{\"type\":\"opened\",\"messageId\":\"" + person[2] + "\"}");
        assertThat(JSON.readTree(again.body()).get("signalId").asText()).isEqualTo(signalId);

        assertThat(post("{\"type\":\"clicked\",\"messageId\":\"" + person[2] + "\"}").statusCode()).isEqualTo(202);
        assertThat(post("{\"type\":\"delivered\",\"messageId\":\"" + person[2] + "\"}").statusCode()).isEqualTo(202);
        assertThat(delivery(person[1])).isEqualTo("CLICKED");
        assertThat(jdbc.sql("select count(*) from lj_signal where person_id = ? and type in ('email_opened', 'email_clicked')").param(person[1])
            .query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void unknownMessagesAreAcknowledgedButChangeNothingAndBadEventsAreRefused() throws Exception {
        JsonNode unknown = JSON.readTree(post("{\"type\":\"bounced\",\"email\":\"nobody." + System.nanoTime() + "@example.com\",\"hard\":true}").body());
        assertThat(unknown.get("applied").asBoolean()).isFalse();
        HttpResponse<String> badType = post("{\"type\":\"exploded\",\"email\":\"x@example.com\"}");
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(badType.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(post("{\"type\":\"opened\"}").statusCode()).isEqualTo(400);
        assertThat(post("{\"type\":\"opened\",\"email\":\"not an address\"}").statusCode()).isEqualTo(400);
        assertThat(http().postJson("/api/email-events", "{\"type\":\"opened\",\"email\":\"x@example.com\"}").statusCode()).isEqualTo(401);
    }
}
