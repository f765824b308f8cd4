package io.leadjourney.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;
import java.util.Map;

import io.leadjourney.intake.SignalReceipt;
import io.leadjourney.intake.SignalRequest;
import io.leadjourney.people.PersonId;
import io.leadjourney.people.SignalHistory;
import io.leadjourney.platform.security.Caller;
import io.leadjourney.support.ProcessTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The signal path (docs/journey.md, "The signal path"): every signal is scored by the tables with decision history and
 * stored with the ids of its decisions; the journey's "Apply signal" runs only for a signal the journey must act on.
 */
class LeanSignalPathTest extends ProcessTest {

    private static final String SIGNAL_APPLIED = "EndEvent_SignalApplied";

    @Autowired
    HistoryService history;

    @Autowired
    SignalHistory signals;

    @Test
    void aSignalThatChangesNothingTheJourneyWaitsForIsScoredAndStoredWithItsDecisionsButNeverRunsTheJourney() {
        String email = newEmail("lean");
        String personId = signal("form_submitted", email).personId();         // new person: CONTACT → LEAD, journey started
        ProcessInstance journey = journey(personId);
        signal("email_opened", email);                                        // first engagement of the LEAD track: the journey acts
        long applied = applied(journey);
        int score = people.find(PersonId.of(personId)).orElseThrow().score();

        SignalReceipt opened = signal("email_opened", email);

        assertThat(applied(journey)).as("the journey did not run for it").isEqualTo(applied);
        assertThat(people.find(PersonId.of(personId)).orElseThrow().score()).as("engagement-scoring's 2 points").isEqualTo(score + 2);
        assertThat(opened.stage()).isEqualTo("LEAD");
        List<HistoricDecisionInstance> decisions = decisionsOf(opened.signalId());
        assertThat(decisions).extracting(HistoricDecisionInstance::getDecisionDefinitionKey)
            .as("score-decay's answer for the same version, stage and segment stands").containsExactly("engagement-scoring", "lead-qualification");
        assertThat(decisions).allSatisfy(decision -> assertThat(decision.getProcessInstanceId()).isNull());
        assertThat(decisions.get(0).getInputs()).extracting(input -> input.getValue()).contains("email_opened");
        assertThat(decisions.get(1).getOutputs()).extracting(output -> output.getValue()).contains("LEAD");
    }

    @Test
    void scoreDecayIsAskedAgainWhenTheStageOrTheTableChanged() {
        String email = newEmail("decay");
        SignalReceipt first = signal("form_submitted", email);                // at CONTACT
        SignalReceipt atLead = signal("email_opened", email);                 // now at LEAD
        SignalReceipt same = signal("email_opened", email);
        repository().createDeployment().name("score-decay again").addClasspathResource("dmn/score-decay.dmn").deploy();
        SignalReceipt newVersion = signal("email_opened", email);

        assertThat(keys(first)).containsExactly("engagement-scoring", "score-decay", "lead-qualification");
        assertThat(keys(atLead)).containsExactly("engagement-scoring", "score-decay", "lead-qualification");
        assertThat(keys(same)).containsExactly("engagement-scoring", "lead-qualification");
        assertThat(keys(newVersion)).as("a new version of the table").containsExactly("engagement-scoring", "score-decay", "lead-qualification");
    }

    @Test
    void aSignalThatMovesThePersonForwardRunsTheJourney() {
        String email = newEmail("forward");
        String personId = signal("form_submitted", email).personId();         // 10 points, LEAD
        ProcessInstance journey = journey(personId);
        signal("content_downloaded", email);                                  // 20, still LEAD
        long applied = applied(journey);

        SignalReceipt attended = signal("webinar_attended", email);           // 45 >= 40: MQL

        assertThat(attended.stage()).isEqualTo("MQL");
        assertThat(applied(journey)).isEqualTo(applied + 1);
        assertThat(runtime.getVariable(journey.getId(), "stage")).isEqualTo("MQL");
        assertThat(runtime.getVariable(journey.getId(), "lastSignalType")).isEqualTo("webinar_attended");
    }

    @Test
    void aSignalWithDealFactsOrNewsOfThePersonRunsTheJourneySoItsCopyStaysCurrent() {
        String email = newEmail("facts");
        String personId = signal("form_submitted", email).personId();
        ProcessInstance journey = journey(personId);
        signal("email_opened", email);
        long applied = applied(journey);
        assertThat(runtime.getVariable(journey.getId(), "segment")).isEqualTo("B2C");

        signal("email_opened", email, Map.of("estimatedValue", 250_000_000));
        assertThat(applied(journey)).isEqualTo(applied + 1);
        assertThat(runtime.getVariable(journey.getId(), "estimatedValue")).isEqualTo(250_000_000L);

        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plusSeconds(1)));
        intake.receive(Caller.intake("test"), new SignalRequest("email_opened", email, null, null, "PT Maju Bersama", null, null, null, null, null,
            null, null, null), null);
        assertThat(applied(journey)).as("the person now has a company").isEqualTo(applied + 2);
        assertThat(runtime.getVariable(journey.getId(), "segment")).isEqualTo("B2B");

        signal("email_opened", email);
        assertThat(applied(journey)).as("nothing new").isEqualTo(applied + 2);
    }

    private long applied(ProcessInstance journey) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(journey.getId()).activityId(SIGNAL_APPLIED).count();
    }

    private List<HistoricDecisionInstance> decisionsOf(String signalId) {
        List<String> ids = signals.find(signalId).orElseThrow().decisionInstanceIds();
        return ids.stream().map(id -> history.createHistoricDecisionInstanceQuery().decisionInstanceId(id).includeInputs().includeOutputs()
            .singleResult()).toList();
    }

    private List<String> keys(SignalReceipt receipt) {
        return decisionsOf(receipt.signalId()).stream().map(HistoricDecisionInstance::getDecisionDefinitionKey).toList();
    }

    private RepositoryService repository() {
        return engine.getRepositoryService();
    }
}
