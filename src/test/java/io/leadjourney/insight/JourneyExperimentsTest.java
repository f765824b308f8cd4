package io.leadjourney.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadjourney.support.ProcessTest;
import io.leadjourney.support.TestClock;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A/B tests inside journeys: a journey email with variants (messages/ab-test-offer~b, a test-only template) goes to each
 * person in one version, always the same one, recorded; the funnel shows conversion per version with its interval.
 */
class JourneyExperimentsTest extends ProcessTest {

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void offerStep() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("test-ab-offer").camundaHistoryTimeToLive(1).startEvent("StartEvent_Started")
            .sequenceFlowId("Flow_ToSend").serviceTask("ServiceTask_SendOffer").camundaAsyncBefore().camundaFailedJobRetryTimeCycle("R3/PT1M")
            .camundaDelegateExpression("${sendMessageDelegate}").camundaInputParameter("template", "ab-test-offer").camundaInputParameter("channel", "EMAIL")
            .sequenceFlowId("Flow_ToDone").endEvent("EndEvent_Sent").done();
        engine.getRepositoryService().createDeployment().name("test-ab-offer").enableDuplicateFiltering(true)
            .addModelInstance("test-ab-offer.bpmn", model).deploy();
    }

    private String sendOffer(String personId) {
        ProcessInstance step = runtime.startProcessInstanceByKey("test-ab-offer", Map.of("personId", personId));
        runDueJobs(step);
        return step.getId();
    }

    private static String version(MimeMessage mail) throws Exception {
        return mail.getHeader("X-Lead-Journey-Template")[0];
    }

    @Test
    void eachPersonGetsOneVersionForGoodAndTheFunnelShowsConversionPerVersion() throws Exception {
        Map<String, String> versionOf = new HashMap<>();
        Map<String, String> emailOf = new HashMap<>();
        for (int i = 0; i < 24; i++) {
            String email = newEmail("ab" + i);
            String personId = signal("form_submitted", email).personId();
            emailOf.put(personId, email);
            sendOffer(personId);
            assertThat(mailTo(email)).hasSize(1);
            versionOf.put(personId, version(mailTo(email).get(0)));
            assertThat(jdbc.sql("select template from lj_message where person_id = ? and status = 'SENT'").param(personId).query(String.class).single())
                .isEqualTo(versionOf.get(personId));
        }
        // a variant missing a language (~c has no English) is no variant
        assertThat(versionOf.values()).containsOnly("ab-test-offer", "ab-test-offer~b").contains("ab-test-offer", "ab-test-offer~b");

        // the same person, the same version: another arrival at the step, later
        List<String> again = new ArrayList<>(versionOf.keySet()).subList(0, 6);
        for (String personId : again) {
            sendOffer(personId);
            assertThat(mailTo(emailOf.get(personId))).hasSize(2);
            assertThat(version(mailTo(emailOf.get(personId)).get(1))).isEqualTo(versionOf.get(personId));
        }

        // version b converts, version a does not
        List<String> b = versionOf.entrySet().stream().filter(e -> e.getValue().endsWith("~b")).map(Map.Entry::getKey).toList();
        b.forEach(personId -> signal("demo_requested", emailOf.get(personId)));

        LocalDate day = TestClock.START.atZone(TestClock.JAKARTA).toLocalDate();
        JsonNode funnel = new ObjectMapper().readTree(http().as("marketing", "demo")
            .get("/api/insight/funnel?from=" + day.minusDays(1) + "&to=" + day.plusDays(1)).body());
        JsonNode experiment = null;
        for (JsonNode candidate : funnel.get("experiments")) {
            if (candidate.get("template").asText().equals("ab-test-offer")) {
                experiment = candidate;
            }
        }
        assertThat(experiment).as(funnel.toString()).isNotNull();
        JsonNode a = experiment.get("versions").get(0);
        JsonNode vb = experiment.get("versions").get(1);
        assertThat(a.get("version").asText()).isEqualTo("a");
        assertThat(a.get("people").asInt()).isEqualTo(24 - b.size());
        assertThat(a.get("converted").asInt()).isZero();
        assertThat(a.get("low").asDouble()).isZero();
        assertThat(a.get("high").asDouble()).isPositive();
        assertThat(vb.get("version").asText()).isEqualTo("b");
        assertThat(vb.get("template").asText()).isEqualTo("ab-test-offer~b");
        assertThat(vb.get("people").asInt()).isEqualTo(b.size());
        assertThat(vb.get("converted").asInt()).isEqualTo(b.size());
        assertThat(vb.get("rate").asDouble()).isEqualTo(100.0);
        // all of b converted, none of a: the ranges do not overlap, b wins
        assertThat(vb.get("low").asDouble()).isLessThan(100.0).isGreaterThan(a.get("high").asDouble());
        assertThat(http().as("marketing", "demo").get("/insight/funnel?from=" + day.minusDays(1) + "&to=" + day.plusDays(1)).body())
            .contains("Uji A/B").contains("ab-test-offer~b");
    }

    @Test
    void theIntervalIsWilsons() {
        double[] half = Experiments.wilson(5, 10);
        assertThat(half[0]).isCloseTo(0.2366, within(0.0001));
        assertThat(half[1]).isCloseTo(0.7634, within(0.0001));
        double[] none = Experiments.wilson(0, 10);
        assertThat(none[0]).isZero();
        assertThat(none[1]).isCloseTo(0.2775, within(0.0001));
        assertThat(Experiments.wilson(0, 0)).containsExactly(0, 0);
    }
}
