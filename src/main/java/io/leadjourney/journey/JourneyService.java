package io.leadjourney.journey;

import static io.leadjourney.journey.JourneyVariables.ENGAGED;
import static io.leadjourney.journey.JourneyVariables.MESSAGE_SIGNAL;
import static io.leadjourney.journey.JourneyVariables.PERSON_ID;
import static io.leadjourney.journey.JourneyVariables.PROCESS_KEY;
import static io.leadjourney.journey.JourneyVariables.SCORE;
import static io.leadjourney.journey.JourneyVariables.SIGNAL_HAND_RAISER;
import static io.leadjourney.journey.JourneyVariables.SIGNAL_ID;
import static io.leadjourney.journey.JourneyVariables.SIGNAL_QUALIFIED_STAGE;
import static io.leadjourney.journey.JourneyVariables.SIGNAL_TYPE;
import static io.leadjourney.journey.JourneyVariables.SILENT_ROUNDS;
import static io.leadjourney.journey.JourneyVariables.STAGE;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.leadjourney.people.MarketingResumed;
import io.leadjourney.people.MarketingStopped;
import io.leadjourney.people.Person;
import io.leadjourney.people.PersonId;
import io.leadjourney.people.Stage;
import io.leadjourney.people.StageChanged;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/** Starts and feeds each person's lead-journey. Runs in the caller's transaction. */
@Service
public class JourneyService {

    private final RuntimeService runtime;

    JourneyService(RuntimeService runtime) {
        this.runtime = runtime;
    }

    public Optional<ProcessInstance> runningJourney(PersonId person) {
        return Optional.ofNullable(runtime.createProcessInstanceQuery()
            .processDefinitionKey(PROCESS_KEY)
            .processInstanceBusinessKey(person.value())
            .singleResult());
    }

    /** The person's running journey, started at the person's current stage if there is none. */
    public ProcessInstance ensureJourney(Person person) {
        return runningJourney(person.id()).orElseGet(() -> runtime.createProcessInstanceByKey(PROCESS_KEY)
            .businessKey(person.id().value())
            .setVariables(Map.of(
                PERSON_ID.name(), person.id().value(),
                STAGE.name(), person.stage().name(),
                SCORE.name(), person.score()))
            .setVariables(JourneyVariables.DEFAULTS)
            .execute());
    }

    /**
     * Something outside the person's journey moved the person (an opportunity was opened, won or lost, a contact joined
     * or left one, an erasure closed a deal): the journey's conditions react to the new stage, and the event's context
     * gives its next steps what they need (the loss reason, the deal's sales team and owner). A journey that moved the
     * person itself has set its stage already.
     */
    @EventListener
    void stageChanged(StageChanged event) {
        runningJourney(event.person()).filter(journey -> !journey.getId().equals(event.processInstanceId())).ifPresent(journey -> {
            Map<String, Object> variables = new HashMap<>(event.context());
            variables.put(STAGE.name(), event.to().name());
            runtime.setVariables(journey.getId(), variables);
        });
    }

    /** Unsubscribe or withdrawn consent: the journey's nurture track stops at once. */
    @EventListener
    void marketingStopped(MarketingStopped event) {
        runningJourney(event.person())
            .ifPresent(journey -> runtime.setVariable(journey.getId(), JourneyVariables.MARKETING_STOPPED.name(), true));
    }

    /** The person's own new consent after a stop: nurture may reach them again (from the next signal on). */
    @EventListener
    void marketingResumed(MarketingResumed event) {
        runningJourney(event.person())
            .ifPresent(journey -> runtime.setVariable(journey.getId(), JourneyVariables.MARKETING_STOPPED.name(), false));
    }

    /**
     * Hands a stored, scored signal to the person's journey when the journey must act on it.
     * The journey acts when the signal moves the person forward, raises a hand while sales have the person, carries
     * deal facts (estimated value, competitor), wakes a journey that waits for engagement or counts silent rounds, or
     * when the journey's copy of the person is out of date; its "Apply signal" event sub-process listens in every state.
     * Any other signal is complete once stored and scored: nothing in the journey waits for it.
     */
    public void applySignal(Person person, String signalId, String signalType, SignalScoring.Scored scored, Map<String, Object> attributes) {
        ProcessInstance journey = ensureJourney(person);
        if (!mustAct(journey, person.stage(), scored, attributes)) {
            return;
        }
        Stage qualified = scored.qualifiedStage() == null ? person.stage() : scored.qualifiedStage();
        runtime.createMessageCorrelation(MESSAGE_SIGNAL)
            .processInstanceId(journey.getId())
            .setVariablesLocal(Variables.createVariables()
                .putValueTyped(SIGNAL_ID.name(), Variables.stringValue(signalId, true))
                .putValueTyped(SIGNAL_TYPE.name(), Variables.stringValue(signalType, true))
                .putValueTyped(SIGNAL_QUALIFIED_STAGE.name(), Variables.stringValue(qualified.name(), true))
                .putValueTyped(SIGNAL_HAND_RAISER.name(), Variables.booleanValue(scored.handRaiser(), true)))
            .correlateWithResult();
    }

    /** The journey's own values (not those of inner scopes) of its engagement counters and these profile variables. */
    private Map<String, Object> journeyVariables(ProcessInstance journey, Set<String> profile) {
        List<String> names = new ArrayList<>(profile);
        names.add(ENGAGED.name());
        names.add(SILENT_ROUNDS.name());
        Map<String, Object> values = new HashMap<>();
        runtime.createVariableInstanceQuery().processInstanceIdIn(journey.getId()).variableNameIn(names.toArray(String[]::new))
            .disableBinaryFetching().disableCustomObjectDeserialization().list().stream()
            .filter(variable -> journey.getId().equals(variable.getExecutionId()))
            .forEach(variable -> values.put(variable.getName(), variable.getValue()));
        return values;
    }

    private boolean mustAct(ProcessInstance journey, Stage stage, SignalScoring.Scored scored, Map<String, Object> attributes) {
        if (stage.advancedBy(scored.qualifiedStage()) != stage || (scored.handRaiser() && stage.owner() == Stage.Owner.SALES)
            || RecordSignalDelegate.carriesDealFacts(attributes)) {
            return true;
        }
        Map<String, Object> kept = journeyVariables(journey, scored.profile().keySet());
        return !Boolean.TRUE.equals(ENGAGED.from(kept)) || JourneyVariables.count(SILENT_ROUNDS.from(kept)) != 0
            || scored.profile().entrySet().stream().anyMatch(fact -> !ProcessVariable.same(kept.get(fact.getKey()), fact.getValue()));
    }
}
