package io.leadjourney.journey;

import static io.leadjourney.journey.JourneyVariables.HALF_LIFE;
import static io.leadjourney.journey.JourneyVariables.PERSON_ID;
import static io.leadjourney.journey.JourneyVariables.SCORE;
import static io.leadjourney.journey.JourneyVariables.SIGNAL_POINTS;
import static io.leadjourney.journey.JourneyVariables.SIGNAL_QUALIFIED_STAGE;

import java.time.Duration;

import io.leadjourney.people.PeopleService;
import io.leadjourney.people.PersonId;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Adds {@code signalPoints} to the person's score: the points the engagement-scoring table gave a signal, or those of
 * the element template "Add points" (a number written as text).
 */
@Component
class AddPointsDelegate implements JavaDelegate {

    private final PeopleService people;

    AddPointsDelegate(PeopleService people) {
        this.people = people;
    }

    /** The scoring step of lead-journey versions before the lean signal path; journeys that could not migrate still run it. */
    static final String FORMER_SIGNAL_SCORING_STEP = "ServiceTask_AddPoints";

    @Override
    public void execute(DelegateExecution execution) {
        if (FORMER_SIGNAL_SCORING_STEP.equals(execution.getCurrentActivityId()) && SIGNAL_QUALIFIED_STAGE.from(execution) != null) {
            // intake scored this signal already (the correlation brought its signalQualifiedStage): count its points once
            people.find(PersonId.of(PERSON_ID.from(execution))).ifPresent(person -> SCORE.set(execution, person.score()));
            return;
        }
        Long points = SIGNAL_POINTS.wholeNumber(execution);
        String halfLife = HALF_LIFE.from(execution);
        SCORE.set(execution, people.addScore(PersonId.of(PERSON_ID.from(execution)), points == null ? 0 : Math.toIntExact(points),
            halfLife == null ? Duration.ZERO : Duration.parse(halfLife)));
    }
}
