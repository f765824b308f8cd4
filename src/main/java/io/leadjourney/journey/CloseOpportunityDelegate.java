package io.leadjourney.journey;

import static io.leadjourney.journey.JourneyVariables.CANDIDATE_GROUP;
import static io.leadjourney.journey.JourneyVariables.DEAL_VALUE;
import static io.leadjourney.journey.JourneyVariables.FOLLOW_UP_ASSIGNEE;
import static io.leadjourney.journey.JourneyVariables.LOSS_REASON;
import static io.leadjourney.journey.JourneyVariables.NOTES;
import static io.leadjourney.journey.JourneyVariables.OPPORTUNITY_ID;
import static io.leadjourney.journey.JourneyVariables.OUTCOME;
import static io.leadjourney.journey.JourneyVariables.OWNER;
import static io.leadjourney.journey.JourneyVariables.RESULT;

import java.util.HashMap;
import java.util.Map;

import io.leadjourney.people.PeopleService;
import io.leadjourney.people.PersonId;
import io.leadjourney.people.Stage;
import io.leadjourney.sales.Opportunities;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.stereotype.Component;

/**
 * Closes the opportunity (input parameter {@code result}: WON or LOST) with its evaluation record, and moves every
 * contact: WON makes each a customer, LOST makes each closed-lost with the reason (their journeys then re-engage them).
 */
@Component
class CloseOpportunityDelegate implements JavaDelegate {

    private final Opportunities opportunities;
    private final PeopleService people;

    CloseOpportunityDelegate(Opportunities opportunities, PeopleService people) {
        this.opportunities = opportunities;
        this.people = people;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Opportunities.Status result = Opportunities.Status.valueOf(RESULT.from(execution));
        String opportunityId = OPPORTUNITY_ID.from(execution);
        String lossReason = result == Opportunities.Status.LOST ? lossReason(LOSS_REASON.from(execution)) : null;
        opportunities.close(opportunityId, result, lossReason, DEAL_VALUE.from(execution), NOTES.from(execution));
        Stage stage = result == Opportunities.Status.WON ? Stage.CUSTOMER : Stage.CLOSED_LOST;
        String reason = result == Opportunities.Status.WON ? "deal won" : "deal lost: " + lossReason;
        // every contact's journey continues with the deal's sales team and owner (e.g. for the referral ask)
        Map<String, Object> context = new HashMap<>();
        context.put(CANDIDATE_GROUP.name(), CANDIDATE_GROUP.from(execution));
        context.put(FOLLOW_UP_ASSIGNEE.name(), OWNER.from(execution));
        if (lossReason != null) {
            context.put(LOSS_REASON.name(), lossReason);
        }
        for (PersonId contact : opportunities.contacts(opportunityId)) {
            people.moveTo(contact, stage, reason, execution.getProcessInstanceId(), context);
        }
        OUTCOME.set(execution, result.name());
        LOSS_REASON.set(execution, lossReason);
    }

    /**
     * A lost deal must say why (the re-engagement delay and the funnel read it): completing the step as lost without a
     * reason is refused with the form's error, so Tasklist and REST answer 400 and nothing is closed.
     */
    private static String lossReason(String given) {
        if (given == null || given.isBlank()) {
            throw new FormFieldValidationException("lossReason", "Pilih alasan kalah / choose the loss reason: a lost deal needs one");
        }
        return given;
    }
}
