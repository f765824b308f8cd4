package io.leadjourney.journey;

import static io.leadjourney.journey.JourneyVariables.ENGAGED;
import static io.leadjourney.journey.JourneyVariables.PERSON_ID;
import static io.leadjourney.journey.JourneyVariables.REENGAGED;
import static io.leadjourney.journey.JourneyVariables.REFERRAL_ASKED;
import static io.leadjourney.journey.JourneyVariables.SILENT_ROUNDS;
import static io.leadjourney.journey.JourneyVariables.STAGE;

import io.leadjourney.people.Person;
import io.leadjourney.people.PersonId;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Start of a journey: the person's profile and the counters the model's conditions read. */
@Component
class LoadProfileDelegate implements JavaDelegate {

    private final JourneyProfile profile;

    LoadProfileDelegate(JourneyProfile profile) {
        this.profile = profile;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Person person = profile.refresh(execution, PersonId.of(PERSON_ID.from(execution)));
        STAGE.set(execution, person.stage().name());
        SILENT_ROUNDS.set(execution, 0);
        ENGAGED.set(execution, false);
        REENGAGED.set(execution, false);
        REFERRAL_ASKED.set(execution, false);
    }
}
