package io.leadjourney.journey;

import static io.leadjourney.journey.JourneyVariables.PERSON_ID;
import static io.leadjourney.journey.JourneyVariables.STAGE;

import io.leadjourney.people.PersonId;
import io.leadjourney.people.PersonRepository;
import io.leadjourney.people.Stage;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Moves the person forward to the stage the latest evidence supports ({@code qualifiedStage}), see {@link Stage#advancedBy}. */
@Component
class AdvanceStageDelegate implements JavaDelegate {

    static final ProcessVariable<String> QUALIFIED_STAGE = ProcessVariable.of("qualifiedStage", String.class);

    private final PersonRepository people;

    AdvanceStageDelegate(PersonRepository people) {
        this.people = people;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Stage current = Stage.valueOf(STAGE.from(execution));
        Stage next = current.advancedBy(Stage.valueOf(QUALIFIED_STAGE.from(execution)));
        if (next != current) {
            people.updateStage(PersonId.of(PERSON_ID.from(execution)), next);
            STAGE.set(execution, next.name());
        }
    }
}
