package io.leadjourney.journey;

import static io.leadjourney.journey.JourneyVariables.GRADE;
import static io.leadjourney.journey.JourneyVariables.PERSON_ID;
import static io.leadjourney.journey.JourneyVariables.SALES_VERDICT;

import io.leadjourney.people.PeopleService;
import io.leadjourney.people.PersonId;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Keeps the grade the prospect-grade table gave on the person. */
@Component
class RecordGradeDelegate implements JavaDelegate {

    private final PeopleService people;

    RecordGradeDelegate(PeopleService people) {
        this.people = people;
    }

    @Override
    public void execute(DelegateExecution execution) {
        people.grade(PersonId.of(PERSON_ID.from(execution)), GRADE.from(execution));
        SALES_VERDICT.set(execution, GRADE.from(execution));
    }
}
