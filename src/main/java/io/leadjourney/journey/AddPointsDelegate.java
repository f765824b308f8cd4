package io.leadjourney.journey;

import static io.leadjourney.journey.JourneyVariables.PERSON_ID;
import static io.leadjourney.journey.JourneyVariables.SCORE;
import static io.leadjourney.journey.JourneyVariables.SIGNAL_POINTS;

import io.leadjourney.people.PeopleService;
import io.leadjourney.people.PersonId;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Adds the points the engagement-scoring table gave the signal to the person's score. */
@Component
class AddPointsDelegate implements JavaDelegate {

    private final PeopleService people;

    AddPointsDelegate(PeopleService people) {
        this.people = people;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int points = JourneyVariables.count(SIGNAL_POINTS.from(execution));
        SCORE.set(execution, people.addScore(PersonId.of(PERSON_ID.from(execution)), points));
    }
}
