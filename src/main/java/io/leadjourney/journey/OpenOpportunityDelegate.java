package io.leadjourney.journey;

import static io.leadjourney.journey.JourneyVariables.OPPORTUNITY_ID;
import static io.leadjourney.journey.JourneyVariables.OUTCOME;
import static io.leadjourney.journey.JourneyVariables.PERSON_ID;

import io.leadjourney.people.PeopleService;
import io.leadjourney.people.PersonId;
import io.leadjourney.people.Stage;
import io.leadjourney.sales.Opportunities;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Opens the opportunity with the A-graded prospect as its first contact. */
@Component
class OpenOpportunityDelegate implements JavaDelegate {

    private final Opportunities opportunities;
    private final PeopleService people;

    OpenOpportunityDelegate(Opportunities opportunities, PeopleService people) {
        this.opportunities = opportunities;
        this.people = people;
    }

    @Override
    public void execute(DelegateExecution execution) {
        PersonId primary = PersonId.of(PERSON_ID.from(execution));
        OPPORTUNITY_ID.set(execution, opportunities.open(primary, execution.getProcessInstanceId()));
        OUTCOME.set(execution, null);
        people.moveTo(primary, Stage.OPPORTUNITY, "opportunity opened", execution.getProcessInstanceId());
    }
}
