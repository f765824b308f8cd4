package io.leadjourney.journey;

import static io.leadjourney.journey.JourneyVariables.PERSON_ID;
import static io.leadjourney.journey.JourneyVariables.REENGAGED;
import static io.leadjourney.journey.JourneyVariables.SILENT_ROUNDS;
import static io.leadjourney.journey.JourneyVariables.STAGE;

import io.leadjourney.people.PeopleService;
import io.leadjourney.people.PersonId;
import io.leadjourney.people.Stage;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Months after a lost deal: the person is a lead again, on the re-engagement track (article 003, tip 5). */
@Component
class ReengageDelegate implements JavaDelegate {

    private final PeopleService people;

    ReengageDelegate(PeopleService people) {
        this.people = people;
    }

    @Override
    public void execute(DelegateExecution execution) {
        people.moveTo(PersonId.of(PERSON_ID.from(execution)), Stage.LEAD, "re-engagement after a lost deal", execution.getProcessInstanceId());
        REENGAGED.set(execution, true);
        SILENT_ROUNDS.set(execution, 0);
        STAGE.set(execution, Stage.LEAD.name());
    }
}
