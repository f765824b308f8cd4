package io.leadjourney.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadjourney.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** POST /api/signals and GET /api/people: what intake promises on every supported database. */
public abstract class IntakeContract extends IntegrationTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JdbcClient jdbc;

    JsonNode post(String body) throws Exception {
        HttpResponse<String> response = intake().postJson("/api/signals", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body());
    }

    int peopleWith(String column, String value) {
        return jdbc.sql("select count(*) from lj_person where " + column + " = ?").param(value).query(Integer.class).single();
    }

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A random valid Indonesian mobile number in local format (0812…). */
    static String mobile() {
        return "0812" + String.format("%08d", (long) (Math.random() * 100_000_000L));
    }

    @Test
    void theSameEmailInAnyCaseIsOnePerson() throws Exception {
        String email = "siti." + unique() + "@example.co.id";
        String first = post("{\"type\":\"form_submitted\",\"email\":\"" + email + "\"}").get("personId").asText();
        String second = post("{\"type\":\"email_opened\",\"email\":\"  " + email.toUpperCase() + "\"}").get("personId").asText();
        assertThat(second).isEqualTo(first);
        assertThat(peopleWith("email", email)).isEqualTo(1);
    }

    @Test
    void theSamePhoneInAnyFormatIsOnePersonAndDetailsFillGapsWithoutBeingBlanked() throws Exception {
        String local = mobile();
        String e164 = "+62" + local.substring(1);
        String dashed = "+62 " + local.substring(1, 4) + "-" + local.substring(4, 8) + "-" + local.substring(8);
        String first = post("{\"type\":\"message_received\",\"phone\":\"" + local + "\",\"name\":\"Pak Joko\"}").get("personId").asText();
        String second = post("{\"type\":\"catalog_requested\",\"phone\":\"" + dashed + "\",\"company\":\"CV Sinar Jaya\",\"name\":\"\"}")
            .get("personId").asText();
        String third = post("{\"type\":\"replied\",\"phone\":\"62" + local.substring(1) + "\"}").get("personId").asText();

        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);
        assertThat(peopleWith("phone", e164)).isEqualTo(1);
        JsonNode person = JSON.readTree(http().as("marketing", "demo").get("/api/people/" + first).body());
        assertThat(person.get("name").asText()).isEqualTo("Pak Joko");
        assertThat(person.get("company").asText()).isEqualTo("CV Sinar Jaya");
        assertThat(person.get("phone").asText()).isEqualTo(e164);
        assertThat(JSON.readTree(http().as("marketing", "demo").get("/api/people?phone=" + local).body()).get("id").asText()).isEqualTo(first);
    }

    @Test
    void anIdempotencyKeyReusedWithAnotherBodyIsAConflict() throws Exception {
        String key = UUID.randomUUID().toString();
        String email = "idem." + unique() + "@example.com";
        HttpResponse<String> first = intake().with("Idempotency-Key", key).postJson("/api/signals",
            "{\"type\":\"form_submitted\",\"email\":\"" + email + "\"}");
        HttpResponse<String> again = intake().with("Idempotency-Key", key).postJson("/api/signals",
            "{\"type\":\"form_submitted\",\"email\":\"" + email + "\"}");
        HttpResponse<String> other = intake().with("Idempotency-Key", key).postJson("/api/signals",
            "{\"type\":\"demo_requested\",\"email\":\"" + email + "\"}");

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(other.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(jdbc.sql("select count(*) from lj_signal s join lj_person p on p.id = s.person_id where p.email = ?")
            .param(email).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void twentyConcurrentSignalsForOneNewEmailMakeOnePersonAndOneJourney() throws Exception {
        String email = "rush." + unique() + "@example.com";
        ExecutorService threads = Executors.newFixedThreadPool(20);
        try {
            List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(() -> intake().postJson("/api/signals", "{\"type\":\"form_submitted\",\"email\":\"" + email + "\"}"));
            }
            List<String> personIds = new ArrayList<>();
            for (Future<HttpResponse<String>> result : threads.invokeAll(calls)) {
                HttpResponse<String> response = result.get();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
                personIds.add(JSON.readTree(response.body()).get("personId").asText());
            }
            assertThat(personIds).containsOnly(personIds.get(0));
            assertThat(peopleWith("email", email)).isEqualTo(1);
            assertThat(journeys.journeysOf(personIds.get(0))).hasSize(1);
            assertThat(jdbc.sql("select count(*) from lj_signal where person_id = ?").param(personIds.get(0)).query(Integer.class).single())
                .as("every acknowledged signal stored once").isEqualTo(20);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void controlCharactersInNameAndCompanyAreNeverStoredRaw() throws Exception {
        String email = "crlf." + unique() + "@example.com";
        String id = post("{\"type\":\"form_submitted\",\"email\":\"" + email + "\",\"name\":\"Rina\\r\\nBcc: x@evil.example\","
            + "\"company\":\"PT Maju\\u0000\\tJaya\"}").get("personId").asText();
        JsonNode person = JSON.readTree(http().as("auditor", "demo").get("/api/people/" + id).body());
        assertThat(person.get("name").asText()).isEqualTo("Rina Bcc: x@evil.example");
        assertThat(person.get("company").asText()).isEqualTo("PT Maju Jaya");
    }

    @Test
    void aMissingContactAndBadFieldsAreRefusedFieldByField() throws Exception {
        HttpResponse<String> response = intake().postJson("/api/signals",
            "{\"type\":\"form_submitted\",\"email\":\"not-an-email\",\"phone\":\"12\",\"language\":\"fr\",\"timeZone\":\"Mars/Olympus\","
                + "\"occurredAt\":\"yesterday\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("email", "phone", "language", "timeZone", "occurredAt");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");

        HttpResponse<String> nobody = intake().postJson("/api/signals", "{\"type\":\"form_submitted\"}");
        assertThat(nobody.statusCode()).isEqualTo(400);
        assertThat(nobody.body()).contains("email or phone is required");
    }

    @Test
    void anUnknownSignalTypeIsRefusedListingTheAllowedTypes() {
        HttpResponse<String> response = intake().postJson("/api/signals", "{\"type\":\"coupon_used\",\"email\":\"x@example.com\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("coupon_used").contains("demo_requested").contains("meeting_booked");
    }

    @Test
    void malformedJsonIsRefused() {
        HttpResponse<String> response = intake().postJson("/api/signals", "{\"type\": \"form_submitted\", \"email\": ");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    }

    @Test
    void aBodyOver64KiBIsRefusedAndNothingIsStored() throws Exception {
        String email = "big." + unique() + "@example.com";
        String padding = "x".repeat(70 * 1024);
        HttpResponse<String> response = intake().postJson("/api/signals",
            "{\"type\":\"form_submitted\",\"email\":\"" + email + "\",\"attributes\":{\"note\":\"" + padding + "\"}}");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(peopleWith("email", email)).isZero();
    }

    @Test
    void overTheRateLimitTheKeyGets429WithRetryAfter() {
        HttpResponse<String> last = null;
        for (int i = 0; i < 400; i++) {
            last = http().with("X-Api-Key", "rate-limit-test-key").postJson("/api/signals", "{}");
            if (last.statusCode() == 429) {
                break;
            }
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        // the other key is not affected
        assertThat(intake().postJson("/api/signals", "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void peopleAreReadByStaffButNotByIntakeKeysAndSalesSeeOnlyTheirOwn() throws Exception {
        String email = "read." + unique() + "@example.com";
        String cold = post("{\"type\":\"form_submitted\",\"email\":\"" + email + "\"}").get("personId").asText();
        String hot = post("{\"type\":\"demo_requested\",\"email\":\"hot." + email + "\"}").get("personId").asText();

        assertThat(intake().get("/api/people/" + cold).statusCode()).isEqualTo(401);
        assertThat(http().get("/api/people/" + cold).statusCode()).isEqualTo(401);
        assertThat(http().as("auditor", "demo").get("/api/people/" + cold).statusCode()).isEqualTo(200);
        assertThat(http().as("manager", "demo").get("/api/people?email=" + email.toUpperCase()).statusCode()).isEqualTo(200);
        assertThat(http().as("sales", "demo").get("/api/people/" + cold).statusCode()).as("no task about them").isEqualTo(404);
        HttpResponse<String> salesRead = http().as("sales", "demo").get("/api/people/" + hot);
        assertThat(salesRead.statusCode()).as("a follow-up task is about them").isEqualTo(200);
        JsonNode person = JSON.readTree(salesRead.body());
        assertThat(person.get("stage").asText()).isEqualTo("SQL");
        assertThat(person.get("consent").get("email").asBoolean()).isFalse();
        assertThat(http().as("auditor", "demo").get("/api/people/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    }

    @Test
    void consentIsRecordedPerChannelAndALaterFalseWithdrawsIt() throws Exception {
        String email = "consent." + unique() + "@example.com";
        String id = post("{\"type\":\"form_submitted\",\"email\":\"" + email + "\",\"source\":\"website\","
            + "\"consent\":{\"email\":true,\"whatsapp\":true,\"wording\":\"web-form-v3\"}}").get("personId").asText();
        JsonNode person = JSON.readTree(http().as("marketing", "demo").get("/api/people/" + id).body());
        assertThat(person.get("consent").get("email").asBoolean()).isTrue();
        assertThat(person.get("consent").get("whatsapp").asBoolean()).isTrue();

        post("{\"type\":\"email_opened\",\"email\":\"" + email + "\",\"consent\":{\"whatsapp\":false,\"wording\":\"wa-optout-v1\"}}");

        person = JSON.readTree(http().as("marketing", "demo").get("/api/people/" + id).body());
        assertThat(person.get("consent").get("email").asBoolean()).isTrue();
        assertThat(person.get("consent").get("whatsapp").asBoolean()).isFalse();
        assertThat(jdbc.sql("select wording from lj_consent where person_id = ? and channel = 'WHATSAPP' order by recorded_at desc, id desc")
            .param(id).query(String.class).list().get(0)).isEqualTo("wa-optout-v1");
    }

    @Test
    void theApiIsDescribedByOpenApi() throws Exception {
        JsonNode api = JSON.readTree(http().get("/v3/api-docs").body());
        assertThat(api.get("paths").has("/api/signals")).isTrue();
        assertThat(api.get("paths").has("/api/contacts/import")).isTrue();
        assertThat(api.get("paths").has("/api/people/{id}")).isTrue();
    }
}
