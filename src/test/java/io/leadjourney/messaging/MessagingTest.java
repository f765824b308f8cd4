package io.leadjourney.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.leadjourney.intake.SignalRequest;
import io.leadjourney.journey.LeadJourneyIds;
import io.leadjourney.people.PersonId;
import io.leadjourney.platform.security.Caller;
import io.leadjourney.support.ProcessTest;
import io.leadjourney.support.TestClock;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricJobLogQuery;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Marketing email end to end: headers, unsubscribe, send window, weekly cap, no duplicates, failures. */
class MessagingTest extends ProcessTest {

    static final AtomicInteger FAILURES_TO_SIMULATE = new AtomicInteger();

    @TestConfiguration
    static class FlakyStep {
        @Bean
        FlakyAfterSendDelegate flakyAfterSendDelegate() {
            return new FlakyAfterSendDelegate();
        }
    }

    /** A step after a send that fails as often as the test says: its job (the send's) is then retried. */
    static class FlakyAfterSendDelegate implements JavaDelegate {
        @Override
        public void execute(DelegateExecution execution) {
            if (FAILURES_TO_SIMULATE.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("simulated failure after the send");
            }
        }
    }

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void campaigns() {
        FAILURES_TO_SIMULATE.set(0);
        deploy("test-campaign-three", "lead-education-1", "lead-education-2", "lead-education-3");
        deploy("test-campaign-one", "mql-education-1");
        BpmnModelInstance flaky = Bpmn.createExecutableProcess("test-send-then-fail").camundaHistoryTimeToLive(1)
            .startEvent("StartEvent_Started")
            .sequenceFlowId("Flow_ToSend").serviceTask("ServiceTask_Send").camundaAsyncBefore().camundaFailedJobRetryTimeCycle("R3/PT1M")
            .camundaDelegateExpression("${sendMessageDelegate}")
            .camundaInputParameter("template", "lead-education-1").camundaInputParameter("channel", "EMAIL")
            .sequenceFlowId("Flow_ToFailsOnce").serviceTask("ServiceTask_FailsOnce").camundaDelegateExpression("${flakyAfterSendDelegate}")
            .sequenceFlowId("Flow_ToDone").userTask("UserTask_Done").camundaCandidateGroups("sales").camundaFormRef("follow-up").camundaFormRefBinding("latest")
            .camundaTaskListenerDelegateExpression("create", "${taskContextListener}")
            .done();
        engine.getRepositoryService().createDeployment().name("test-send-then-fail").enableDuplicateFiltering(true)
            .addModelInstance("test-send-then-fail.bpmn", flaky).deploy();
    }

    /** A campaign of marketing ops: the messages one after the other, then a task for sales (a model that follows the rules). */
    void deploy(String key, String... templates) {
        AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1).startEvent("StartEvent_Started");
        int i = 0;
        for (String template : templates) {
            i++;
            flow = flow.sequenceFlowId("Flow_ToSend" + i).serviceTask("ServiceTask_Send" + i).camundaAsyncBefore()
                .camundaFailedJobRetryTimeCycle("R3/PT1M").camundaDelegateExpression("${sendMessageDelegate}")
                .camundaInputParameter("template", template).camundaInputParameter("channel", "EMAIL");
        }
        BpmnModelInstance model = flow.sequenceFlowId("Flow_ToDone").userTask("UserTask_Done").camundaCandidateGroups("sales")
            .camundaFormRef("follow-up").camundaFormRefBinding("latest").camundaTaskListenerDelegateExpression("create", "${taskContextListener}").done();
        engine.getRepositoryService().createDeployment().name(key).enableDuplicateFiltering(true).addModelInstance(key + ".bpmn", model).deploy();
    }

    ProcessInstance campaign(String key, String personId) {
        return runtime.startProcessInstanceByKey(key, Map.of("personId", personId));
    }

    @Test
    void aMarketingEmailCarriesOneClickUnsubscribeAStableMessageIdAndTheSenderAddress() throws Exception {
        String email = newEmail("header");
        String personId = signal("form_submitted", email).personId();
        runDueJobs(journey(personId));

        MimeMessage mail = mailTo(email).get(0);
        String token = jdbc.sql("select unsubscribe_token from lj_person where id = ?").param(personId).query(String.class).single();
        assertThat(mail.getHeader("List-Unsubscribe")).containsExactly("<http://localhost:8080/unsubscribe/" + token + ">");
        assertThat(mail.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        assertThat(token).hasSizeGreaterThanOrEqualTo(32);
        String messageId = mail.getHeader("Message-ID")[0];
        assertThat(messageId).matches("<[0-9a-f]{32}@leadjourney\\.local>");
        assertThat(jdbc.sql("select message_id from lj_message where person_id = ? and status = 'SENT'").param(personId).query(String.class).single())
            .isEqualTo(messageId);
        assertThat(mail.getFrom()[0].toString()).contains("halo@leadjourney.local");
        String text = part(mail, "text/plain");
        String html = part(mail, "text/html");
        assertThat(text).contains("Halo Rina,").contains("Jl. Contoh No. 1, Jakarta").contains("/unsubscribe/" + token);
        assertThat(html).contains("Halo Rina,").contains("href=\"http://localhost:8080/unsubscribe/" + token + "\"").contains("Jl. Contoh No. 1");
    }

    @Test
    void englishSpeakersGetTheEnglishTemplate() throws Exception {
        String email = newEmail("english");
        String personId = intake.receive(Caller.intake("test"), new SignalRequest(
            "form_submitted", email, null, "Sarah Tan", null, null, null, "website", "en", "Asia/Singapore",
            new SignalRequest.ConsentStatement(true, false, "v1"), null, null), null).personId();
        runDueJobs(journey(personId));
        assertThat(subject(mailTo(email).get(0))).isEqualTo("A guide: getting to know your future customers");
        assertThat(part(mailTo(email).get(0), "text/plain")).contains("Hi Sarah,").contains("Unsubscribe:");
    }

    @Test
    void theOneClickPostUnsubscribesWithoutCookiesOrRedirectAndGetChangesNothing() {
        String email = newEmail("oneclick");
        String personId = signal("form_submitted", email).personId();
        String token = jdbc.sql("select unsubscribe_token from lj_person where id = ?").param(personId).query(String.class).single();

        HttpResponse<String> page = http().get("/unsubscribe/" + token);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Berhenti berlangganan").contains("method=\"post\"");
        assertThat(people.find(PersonId.of(personId)).orElseThrow().marketingStopped()).as("GET changes nothing").isFalse();

        HttpResponse<String> post = http().postForm("/unsubscribe/" + token, "List-Unsubscribe=One-Click");

        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.headers().firstValue("Location")).isEmpty();
        assertThat(post.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(people.find(PersonId.of(personId)).orElseThrow().marketingStopped()).isTrue();
        assertThat(runtime.getVariable(journey(personId).getId(), "marketingStopped")).isEqualTo(true);
        assertThat(http().postForm("/unsubscribe/unknown-token", "List-Unsubscribe=One-Click").statusCode()).isEqualTo(404);
    }

    @Test
    void afterUnsubscribingAdvancingEveryTimerSendsNoMarketingMail() {
        String email = newEmail("quiet");
        String personId = signal("webinar_registered", email).personId();
        ProcessInstance journey = journey(personId);
        ProcessInstance campaign = campaign("test-campaign-three", personId);
        String token = jdbc.sql("select unsubscribe_token from lj_person where id = ?").param(personId).query(String.class).single();

        http().postForm("/unsubscribe/" + token, "List-Unsubscribe=One-Click");
        for (int day = 0; day < 400; day += 3) {
            advance(Duration.ofDays(3), journey);
            runDueJobs(campaign);
        }

        assertThat(mailTo(email)).isEmpty();
        assertThat(jdbc.sql("select detail from lj_message where person_id = ?").param(personId).query(String.class).list())
            .isNotEmpty().containsOnly("unsubscribed");
    }

    @Test
    void aSendDueAt23InJakartaGoesOutAt08TheNextDay() {
        ClockUtil.setCurrentTime(Date.from(TestClock.startDayAt(LocalTime.of(23, 0)))); // 23:00 WIB
        String email = newEmail("night");
        ProcessInstance journey = journey(signal("form_submitted", email).personId());

        runDueJobs(journey);
        assertThat(mailTo(email)).isEmpty();
        Job waiting = management.createJobQuery().processInstanceId(journey.getId()).singleResult();
        assertThat(waiting.getDuedate()).isEqualTo(Date.from(TestClock.startDayAt(LocalTime.of(8, 0)).plus(Duration.ofDays(1))));
        assertThat(waiting.getRetries()).as("waiting is not failing").isEqualTo(5);
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(journey.getId()).count()).isZero();

        advance(Duration.ofHours(9).minusMinutes(1), journey);
        assertThat(mailTo(email)).isEmpty();
        advance(Duration.ofMinutes(1), journey);
        assertThat(mailTo(email)).hasSize(1);
    }

    @Test
    void theWeeklyCapHoldsAcrossTwoJourneys() {
        String email = newEmail("capped");
        String personId = signal("form_submitted", email).personId();
        ProcessInstance journey = journey(personId);
        Instant firstSent = ClockUtil.getCurrentTime().toInstant();
        runDueJobs(journey);                                   // 1: lead-education-1 of the journey
        ProcessInstance three = campaign("test-campaign-three", personId);
        advance(Duration.ofHours(1), three);                  // 2, 3 from the campaign; its third waits
        assertThat(mailTo(email)).hasSize(3);
        ProcessInstance one = campaign("test-campaign-one", personId);
        runDueJobs(one);
        assertThat(mailTo(email)).as("cap of 3 per week").hasSize(3);
        Job capped = management.createJobQuery().processInstanceId(one.getId()).singleResult();
        assertThat(capped.getDuedate()).isEqualTo(Date.from(firstSent.plus(Duration.ofDays(7))));

        advance(Duration.ofDays(5), journey);                 // the journey's next message is capped too
        assertThat(mailTo(email)).hasSize(3);
        ClockUtil.setCurrentTime(Date.from(firstSent.plus(Duration.ofDays(7)).plusSeconds(1)));
        runDueJobs(one);
        runDueJobs(three);
        runDueJobs(journey);
        assertThat(mailTo(email)).hasSize(4);
    }

    @Test
    void aStepWhoseJobRunsAgainAfterTheSendSendsOnce() {
        String email = newEmail("twice");
        String personId = signal("form_submitted", email).personId();
        FAILURES_TO_SIMULATE.set(1);
        ProcessInstance instance = runtime.startProcessInstanceByKey("test-send-then-fail", Map.of("personId", personId));
        Job job = management.createJobQuery().processInstanceId(instance.getId()).singleResult();

        assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("simulated failure after the send");
        assertThat(mailTo(email).stream().filter(m -> subject(m).startsWith("Panduan")).count()).isEqualTo(1);
        management.executeJob(job.getId());

        assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).count()).isEqualTo(1);
        assertThat(mailTo(email).stream().filter(m -> subject(m).startsWith("Panduan")).count()).as("the retry did not send again").isEqualTo(1);
    }

    @Test
    void whenSmtpIsDownTheStepRetriesThenRaisesAnIncidentAndAfterRecoveryExactlyOneMailGoesOut() {
        String email = newEmail("outage");
        String personId = signal("form_submitted", email).personId();
        ProcessInstance journey = journey(personId);
        smtp.stop();
        try {
            for (int attempt = 0; attempt < 6; attempt++) {
                Job job = management.createJobQuery().processInstanceId(journey.getId()).singleResult();
                try {
                    management.executeJob(job.getId());
                } catch (RuntimeException expected) {
                    // the send failed; the job keeps its place and retries on the model's cycle
                }
                ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofMinutes(11))));
            }
            Incident incident = runtime.createIncidentQuery().processInstanceId(journey.getId()).singleResult();
            assertThat(incident).isNotNull();
            assertThat(incident.getActivityId()).isEqualTo(LeadJourneyIds.SEND_NURTURE_MESSAGE);
            assertThat(incident.getIncidentMessage()).containsIgnoringCase("mail");
        } finally {
            smtp.start();
        }
        assertThat(mailTo(email)).isEmpty();

        Job failed = management.createJobQuery().processInstanceId(journey.getId()).singleResult();
        management.setJobRetries(failed.getId(), 1);
        runDueJobs(journey);

        assertThat(mailTo(email)).hasSize(1);
        assertThat(runtime.createIncidentQuery().processInstanceId(journey.getId()).count()).isZero();
        // the history keeps the outage's trail (each failed attempt with its exception), not the jobs that simply ran
        assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getHistoryLevel().getName())
            .isEqualTo("lean-full");
        HistoricJobLogQuery log = engine.getHistoryService().createHistoricJobLogQuery().processInstanceId(journey.getId());
        assertThat(log.failureLog().list()).hasSizeGreaterThanOrEqualTo(5)
            .allSatisfy(attempt -> assertThat(attempt.getJobExceptionMessage()).isNotBlank());
        assertThat(engine.getHistoryService().createHistoricJobLogQuery().processInstanceId(journey.getId()).successLog().count()).isZero();
        assertThat(engine.getHistoryService().createHistoricJobLogQuery().processInstanceId(journey.getId()).creationLog().count()).isZero();
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(journey.getId())
            .activityId(LeadJourneyIds.SEND_NURTURE_MESSAGE).count()).as("activity history is complete").isPositive();
        // the journey's own variable changes keep their variables' values, not a detail row each (task answers do: TimelineTest)
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(journey.getId()).count()).isPositive();
        assertThat(engine.getHistoryService().createHistoricDetailQuery().processInstanceId(journey.getId()).variableUpdates().list())
            .allSatisfy(detail -> assertThat(detail.getUserOperationId()).as(detail.toString()).isNotNull());
    }

    @Test
    void aMailOutageDoesNotTakeTheServiceOutOfService() {
        smtp.stop();
        try {
            HttpResponse<String> health = http().get("/actuator/health");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"");
        } finally {
            smtp.start();
        }
    }

    @Test
    void anOperatorsRetryAfterAnIncidentSendsAtOnce() {
        String email = newEmail("operator");
        ProcessInstance journey = journey(signal("form_submitted", email).personId());
        smtp.stop();
        try {
            for (int attempt = 0; attempt < 5; attempt++) {
                Job job = management.createJobQuery().processInstanceId(journey.getId()).singleResult();
                ClockUtil.setCurrentTime(Date.from(job.getDuedate().toInstant().isAfter(ClockUtil.getCurrentTime().toInstant())
                    ? job.getDuedate().toInstant() : ClockUtil.getCurrentTime().toInstant()));
                try {
                    management.executeJob(job.getId());
                } catch (RuntimeException expected) {
                    // SMTP is down
                }
            }
        } finally {
            smtp.start();
        }
        Job failed = management.createJobQuery().processInstanceId(journey.getId()).singleResult();
        assertThat(failed.getRetries()).isZero();
        assertThat(runtime.createIncidentQuery().processInstanceId(journey.getId()).count()).isOne();

        management.setJobRetries(failed.getId(), 1);   // what an operator does in Cockpit

        assertThat(management.createJobQuery().jobId(failed.getId()).singleResult().getDuedate()).isBeforeOrEqualTo(ClockUtil.getCurrentTime());
        runDueJobs(journey);
        assertThat(mailTo(email)).hasSize(1);
    }

    @Test
    void aNameCarryingAHeaderInjectionProducesOneRecipientAndNoInjectedHeader() throws Exception {
        String email = newEmail("inject");
        String personId = intake.receive(Caller.intake("test"), new SignalRequest(
            "form_submitted", email, null, "Rina\r\nBcc: x@evil.example", null, null, null, "website", "id", null,
            new SignalRequest.ConsentStatement(true, false, "v1"), null, null), null).personId();
        runDueJobs(journey(personId));

        List<MimeMessage> received = smtp.received().stream().filter(m -> {
            try {
                return m.getAllRecipients() != null && List.of(m.getAllRecipients()).stream()
                    .anyMatch(a -> ((InternetAddress) a).getAddress().contains("evil"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertThat(received).isEmpty();
        MimeMessage mail = mailTo(email).get(0);
        assertThat(mail.getAllRecipients()).hasSize(1);
        assertThat(mail.getRecipients(Message.RecipientType.BCC)).isNull();
        for (Header header : Collections.list(mail.getAllHeaders())) {
            assertThat(header.getName()).isNotEqualToIgnoringCase("Bcc");
        }
    }

    @Test
    void theLocalMailPageShowsWhatWasSentWithItsHeaders() {
        String email = newEmail("mailpage");
        runDueJobs(journey(signal("form_submitted", email).personId()));

        HttpResponse<String> page = http().as("marketing", "demo").get("/mail");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(http().get("/mail").statusCode()).as("it lists unsubscribe links: sign-in required").isEqualTo(401);
        assertThat(http().as("sales", "demo").get("/mail").statusCode()).isEqualTo(403);
        assertThat(page.body()).contains(email).contains("Panduan: mengenal calon pelanggan Anda lebih baik")
            .contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click").contains("Halo Rina,");
    }

    @Test
    void headerValuesNeverCarryLineBreaksEvenFromRawData() {
        assertThat(EmailSender.singleLine("Rina\r\nBcc: x@evil.example")).isEqualTo("Rina Bcc: x@evil.example");
        assertThat(EmailSender.singleLine("Subject\u2028Injected")).isEqualTo("Subject Injected");
    }

    @Test
    void withoutWhatsAppSetUpAPersonWhoMayGetEmailGetsTheEmailVersionInstead() {
        String email = newEmail("nowa");
        String phone = "0813" + String.format("%08d", (long) (Math.random() * 100_000_000L));
        String personId = intake.receive(Caller.intake("test"), new SignalRequest(
            "form_submitted", email, phone, "Rina Wijaya", null, null, null, "instagram", "id", null,
            new SignalRequest.ConsentStatement(true, true, "ig-form-v1"), null, null), null).personId();
        ProcessInstance journey = journey(personId);
        assertThat(runtime.getVariable(journey.getId(), "channel")).as("the table chose WhatsApp").isEqualTo("WHATSAPP");

        runDueJobs(journey);

        assertThat(mailTo(email)).hasSize(1);
        assertThat(jdbc.sql("select channel || ' ' || status from lj_message where person_id = ?").param(personId).query(String.class).single())
            .isEqualTo("EMAIL SENT");
        // someone with WhatsApp consent only still gets nothing: no email consent to fall back on
        String waOnly = intake.receive(Caller.intake("test"), new SignalRequest(
            "form_submitted", newEmail("waonly"), "0813" + String.format("%08d", (long) (Math.random() * 100_000_000L)), "Rina Wijaya", null, null,
            null, "instagram", "id", null, new SignalRequest.ConsentStatement(null, true, "ig-form-v1"), null, null), null)
            .personId();
        runDueJobs(journey(waOnly));
        assertThat(jdbc.sql("select detail from lj_message where person_id = ?").param(waOnly).query(String.class).single())
            .isEqualTo("WhatsApp is not configured");
    }

    @Autowired
    MeterRegistry meters;

    @Test
    void messagesSentOneAfterTheOtherShareOneSmtpConnection() {
        double before = meters.counter("leadjourney.smtp.connections").count();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            emails.add(newEmail("pooled" + i));
            runDueJobs(journey(signal("form_submitted", emails.get(i)).personId()));
        }
        emails.forEach(email -> assertThat(mailTo(email)).hasSize(1));
        assertThat(meters.counter("leadjourney.smtp.connections").count() - before).as("connections opened for 5 messages").isLessThanOrEqualTo(1);
    }
}
