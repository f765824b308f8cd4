package io.leadjourney.journey;

import static io.leadjourney.journey.JourneyVariables.HAND_RAISED;
import static io.leadjourney.journey.JourneyVariables.HAND_RAISER;
import static io.leadjourney.journey.JourneyVariables.LAST_SIGNAL_TYPE;
import static io.leadjourney.journey.JourneyVariables.PERSON_ID;
import static io.leadjourney.journey.JourneyVariables.QUALIFIED_STAGE;
import static io.leadjourney.journey.JourneyVariables.SIGNAL_HAND_RAISER;
import static io.leadjourney.journey.JourneyVariables.SIGNAL_QUALIFIED_STAGE;
import static io.leadjourney.journey.JourneyVariables.STAGE;

import io.leadjourney.people.PeopleService;
import io.leadjourney.people.PersonId;
import io.leadjourney.people.Stage;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Moves the person forward to the stage the lead-qualification table supports ({@code signalQualifiedStage}, decided when the signal was scored), by the rule
 * of {@link Stage#advancedBy}: forward only, and never while sales own the person.
 */
@Component
class AdvanceStageDelegate implements JavaDelegate {

    private final PeopleService people;

    AdvanceStageDelegate(PeopleService people) {
        this.people = people;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Stage current = Stage.valueOf(STAGE.from(execution));
        // while sales have the person, a hand-raiser reaches them through the journey's "Hand raised" events
        // journeys on a version before the lean signal path qualify the signal themselves (qualifiedStage, handRaiser)
        Boolean handRaiser = SIGNAL_HAND_RAISER.from(execution, HAND_RAISER.from(execution));
        String qualified = SIGNAL_QUALIFIED_STAGE.from(execution, QUALIFIED_STAGE.from(execution));
        if (Boolean.TRUE.equals(handRaiser) && current.owner() == Stage.Owner.SALES) {
            HAND_RAISED.set(execution.getProcessInstance(), true);
        }
        Stage next = current.advancedBy(Stage.valueOf(qualified));
        if (next != current) {
            people.moveTo(PersonId.of(PERSON_ID.from(execution)), next,
                "lead-qualification after " + LAST_SIGNAL_TYPE.from(execution), execution.getProcessInstanceId());
            STAGE.set(execution, next.name());
        }
    }
}
