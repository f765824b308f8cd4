package io.leadjourney.journey;

import static io.leadjourney.journey.JourneyVariables.PERSON_ID;
import static io.leadjourney.journey.JourneyVariables.STAGE;
import static io.leadjourney.journey.JourneyVariables.TARGET_STAGE;

import java.util.Arrays;

import io.leadjourney.people.PeopleService;
import io.leadjourney.people.PersonId;
import io.leadjourney.people.Stage;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Element template "Set stage": moves the person to the stage in the input parameter {@code targetStage}. */
@Component
class SetStageDelegate implements JavaDelegate {

    private final PeopleService people;

    SetStageDelegate(PeopleService people) {
        this.people = people;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Stage target;
        try {
            target = Stage.valueOf(TARGET_STAGE.from(execution));
        } catch (IllegalArgumentException | NullPointerException e) {
            // a modelling mistake: an incident that names it, not a business outcome
            throw new IllegalArgumentException("targetStage '" + TARGET_STAGE.from(execution) + "' is not a stage; one of "
                + Arrays.toString(Stage.values()));
        }
        people.moveTo(PersonId.of(PERSON_ID.from(execution)), target, execution.getCurrentActivityName(), execution.getProcessInstanceId());
        STAGE.set(execution, target.name());
    }
}
