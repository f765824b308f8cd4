package io.leadjourney.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.leadjourney.intake.SignalRequest;
import io.leadjourney.platform.security.Caller;
import io.leadjourney.support.ProcessTest;
import io.leadjourney.support.WhatsAppSignature;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The WhatsApp channel against a local HTTP server that answers like the WhatsApp Cloud API. */
class WhatsAppTest extends ProcessTest {

    record Captured(String method, String path, String authorization, JsonNode body) {
    }

    static final List<Captured> REQUESTS = new CopyOnWriteArrayList<>();
    static final AtomicInteger STATUS = new AtomicInteger(200);
    static final AtomicInteger SENT = new AtomicInteger();
    static final HttpServer CLOUD_API = start();

    static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                REQUESTS.add(new Captured(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"), new ObjectMapper().readTree(body)));
                byte[] answer = (STATUS.get() == 200
                    ? "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"x\",\"wa_id\":\"x\"}],\"messages\":[{\"id\":\"wamid.TEST"
                        + SENT.incrementAndGet() + "\"}]}"
                    : "{\"error\":{\"message\":\"Service temporarily unavailable\",\"code\":2}}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(STATUS.get(), answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void cloudApi(DynamicPropertyRegistry registry) {
        registry.add("journey.whatsapp.base-url", () -> "http://127.0.0.1:" + CLOUD_API.getAddress().getPort() + "/v21.0");
        registry.add("journey.whatsapp.token", () -> "test-token");
        registry.add("journey.whatsapp.phone-number-id", () -> "1234567890");
    }

    @AfterAll
    static void stop() {
        CLOUD_API.stop(0);
    }

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void clear() {
        REQUESTS.clear();
        STATUS.set(200);
    }

    String consumer(String phone, boolean whatsappConsent) {
        return intake.receive(Caller.intake("test"), new SignalRequest("form_submitted", null, phone, "Rina Wijaya", null, null, null,
            "instagram", "id", null, new SignalRequest.ConsentStatement(null, whatsappConsent, "ig-form-v1"), null, null), null).personId();
    }

    static String mobile() {
        return "0813" + String.format("%08d", (long) (Math.random() * 100_000_000L));
    }

    @Test
    void aConsumerLeadWithWhatsappConsentGetsATemplateMessageInTheCloudApiShape() {
        String phone = mobile();
        String personId = consumer(phone, true);
        ProcessInstance journey = journey(personId);
        assertThat(runtime.getVariable(journey.getId(), "channel")).isEqualTo("WHATSAPP");

        runDueJobs(journey);

        assertThat(REQUESTS).hasSize(1);
        Captured request = REQUESTS.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).as("a marketing template: Meta's Marketing Messages API").isEqualTo("/v21.0/1234567890/marketing_messages");
        assertThat(request.authorization()).isEqualTo("Bearer test-token");
        JsonNode body = request.body();
        assertThat(body.get("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(body.get("recipient_type").asText()).isEqualTo("individual");
        assertThat(body.get("to").asText()).isEqualTo("62" + phone.substring(1));
        assertThat(body.get("type").asText()).isEqualTo("template");
        assertThat(body.at("/template/name").asText()).isEqualTo("lead_education_1");
        assertThat(body.at("/template/language/code").asText()).isEqualTo("id");
        assertThat(body.at("/template/components/0/type").asText()).isEqualTo("body");
        assertThat(body.at("/template/components/0/parameters/0/type").asText()).isEqualTo("text");
        assertThat(body.at("/template/components/0/parameters/0/text").asText()).isEqualTo("Rina");
        assertThat(jdbc.sql("select message_id from lj_message where person_id = ? and status = 'SENT'").param(personId).query(String.class).single())
            .isEqualTo("wamid.TEST" + SENT.get());
    }

    @Test
    void nothingIsSentOnWhatsappWithoutWhatsappConsent() {
        String phone = mobile();
        String personId = consumer(phone, true);
        ProcessInstance journey = journey(personId);
        // consent withdrawn for WhatsApp between the track choice and the send
        intake.receive(Caller.intake("test"), new SignalRequest("email_opened", null, phone, null, null, null, null, "instagram", null, null,
            new SignalRequest.ConsentStatement(null, false, "wa-stop"), null, null), null);

        runDueJobs(journey);

        assertThat(REQUESTS).isEmpty();
        // their only consent is gone: marketing stopped and the nurture step was withdrawn before it ran
        assertThat(runtime.getVariable(journey.getId(), "marketingStopped")).isEqualTo(true);
        assertThat(jdbc.sql("select count(*) from lj_message where person_id = ?").param(personId).query(Integer.class).single()).isZero();
        String withoutConsent = consumer(mobile(), false);
        runDueJobs(journey(withoutConsent));
        assertThat(REQUESTS).isEmpty();
        assertThat(runtime.getVariable(journey(withoutConsent).getId(), "channel")).isEqualTo("EMAIL");
    }

    @Test
    void aFailingCloudApiFailsTheStepWithAReadableMessageAndItsRetrySendsOnce() {
        STATUS.set(503);
        String personId = consumer(mobile(), true);
        ProcessInstance journey = journey(personId);
        Job job = management.createJobQuery().processInstanceId(journey.getId()).singleResult();

        assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("WhatsApp Cloud API refused or failed");
        assertThat(management.createJobQuery().jobId(job.getId()).singleResult().getRetries()).isEqualTo(4);

        STATUS.set(200);
        REQUESTS.clear();
        management.executeJob(job.getId());
        assertThat(REQUESTS).hasSize(1);
        assertThat(Map.of("status", jdbc.sql("select status from lj_message where person_id = ?").param(personId).query(String.class).single()))
            .containsEntry("status", "SENT");
    }

    @Autowired
    WhatsAppRetries retries;

    @Test
    void aMessageHeldBackByWhatsAppsMarketingLimitGoesOutAgainAfter24HoursAndIsNoFailure() {
        String personId = consumer(mobile(), true);
        ProcessInstance journey = journey(personId);
        runDueJobs(journey);
        String wamid = jdbc.sql("select message_id from lj_message where person_id = ?").param(personId).query(String.class).single();
        String status = """
            {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",
              "statuses":[{"id":"%s","status":"failed","timestamp":"1","recipient_id":"x","errors":[{"code":131049,
              "title":"This message was not delivered to maintain healthy ecosystem engagement."}]}]}}]}]}
            """.formatted(wamid);
        HttpResponse<String> answer = http().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/whatsapp/webhook")).header("Content-Type", "application/json")
            .header("X-Hub-Signature-256", WhatsAppSignature.sign(status, WhatsAppSignature.TEST_APP_SECRET))
            .POST(HttpRequest.BodyPublishers.ofString(status)).build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);

        assertThat(jdbc.sql("select status, delivery from lj_message where person_id = ? and retry_at is not null").param(personId)
            .query((rs, row) -> rs.getString(1) + " " + rs.getString(2)).single()).isEqualTo("RETRY HELD");
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(journey.getId()).count()).as("no failure").isZero();
        REQUESTS.clear();
        assertThat(retries.resend(50)).as("not before 24 hours").isZero();
        assertThat(REQUESTS).isEmpty();

        ClockUtil.setCurrentTime(Date.from(
            ClockUtil.getCurrentTime().toInstant().plus(Duration.ofHours(24).plusMinutes(1))));
        assertThat(retries.resend(50)).isEqualTo(1);

        assertThat(REQUESTS).hasSize(1);
        assertThat(jdbc.sql("select status, message_id from lj_message where person_id = ?").param(personId)
            .query((rs, row) -> rs.getString(1) + " " + rs.getString(2)).single()).isEqualTo("SENT wamid.TEST" + SENT.get());
    }

    private void notify(String json) {
        HttpResponse<String> answer = http().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/whatsapp/webhook")).header("Content-Type", "application/json")
            .header("X-Hub-Signature-256", WhatsAppSignature.sign(json, WhatsAppSignature.TEST_APP_SECRET))
            .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void aTemplateMetaRecategorisedAsUtilityGoesToMessagesOnceTheChangeIsCompleted() {
        String template = "mql_education_1";
        // impending: Meta says it will change the category; nothing changes yet
        notify("""
            {"object":"whatsapp_business_account","entry":[{"id":"1","time":1,"changes":[{"field":"template_category_update","value":{
              "message_template_id":987,"message_template_name":"%s","message_template_language":"id","correct_category":"UTILITY",
              "new_category":"MARKETING","category_update_timestamp":1}}]}]}
            """.formatted(template));
        assertThat(jdbc.sql("select count(*) from lj_whatsapp_template where name = ?").param(template).query(Integer.class).single()).isZero();

        notify("""
            {"object":"whatsapp_business_account","entry":[{"id":"1","time":2,"changes":[{"field":"template_category_update","value":{
              "message_template_id":987,"message_template_name":"%s","message_template_language":"id","previous_category":"MARKETING",
              "new_category":"UTILITY"}}]}]}
            """.formatted(template));
        assertThat(jdbc.sql("select category from lj_whatsapp_template where name = ? and language = 'id'").param(template).query(String.class)
            .single()).isEqualTo("UTILITY");

        engine.getRepositoryService().createDeployment().name("test-whatsapp-step").enableDuplicateFiltering(true)
            .addModelInstance("test-whatsapp-step.bpmn", Bpmn.createExecutableProcess("test-whatsapp-step")
                .camundaHistoryTimeToLive(1).startEvent("StartEvent_Started").sequenceFlowId("Flow_ToSend").serviceTask("ServiceTask_Send")
                .camundaAsyncBefore().camundaFailedJobRetryTimeCycle("R3/PT1M").camundaDelegateExpression("${sendMessageDelegate}")
                .camundaInputParameter("template", "mql-education-1").camundaInputParameter("channel", "WHATSAPP")
                .sequenceFlowId("Flow_ToSent").endEvent("EndEvent_Sent").done())
            .deploy();
        REQUESTS.clear();
        String personId = consumer(mobile(), true);
        ProcessInstance step = runtime.startProcessInstanceByKey("test-whatsapp-step", Map.of("personId", personId));
        runDueJobs(step);
        assertThat(REQUESTS).singleElement().satisfies(request -> {
            assertThat(request.body().at("/template/name").asText()).isEqualTo(template);
            assertThat(request.path()).isEqualTo("/v21.0/1234567890/messages");
        });
    }
}
