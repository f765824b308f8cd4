package io.leadjourney.journey;

import static io.leadjourney.journey.JourneyVariables.CONTACTED;
import static io.leadjourney.journey.JourneyVariables.CONTACT_ATTEMPTS;
import static io.leadjourney.journey.JourneyVariables.DISQUALIFIED;
import static io.leadjourney.journey.JourneyVariables.DISQUALIFY_REASON;
import static io.leadjourney.journey.JourneyVariables.FOLLOW_UPS_DONE;
import static io.leadjourney.journey.JourneyVariables.NOTES;
import static io.leadjourney.journey.JourneyVariables.PERSON_ID;
import static io.leadjourney.journey.JourneyVariables.SALES_VERDICT;

import io.leadjourney.people.Notes;
import io.leadjourney.people.PersonId;
import io.leadjourney.sales.SalesVerdicts;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.stereotype.Component;

/** After a follow-up call: counts unanswered attempts and keeps the salesperson's notes in the conversation history. */
@Component
class RecordFollowUpDelegate implements JavaDelegate {

    private final Notes notes;

    RecordFollowUpDelegate(Notes notes) {
        this.notes = notes;
    }

    @Override
    public void execute(DelegateExecution execution) {
        boolean contacted = Boolean.TRUE.equals(CONTACTED.from(execution));
        boolean disqualified = Boolean.TRUE.equals(DISQUALIFIED.from(execution));
        String reason = DISQUALIFY_REASON.from(execution);
        if (disqualified && (reason == null || reason.isBlank())) {
            // refused like a form error: Tasklist and REST answer 400 and the task stays open
            throw new FormFieldValidationException("disqualifyReason", "Pilih alasan diskualifikasi / choose why the person is disqualified");
        }
        DISQUALIFIED.set(execution, disqualified);
        DISQUALIFY_REASON.set(execution, disqualified ? reason : null);
        SALES_VERDICT.set(execution, disqualified ? SalesVerdicts.DISQUALIFIED : contacted ? null : SalesVerdicts.UNREACHED);
        int attempts = JourneyVariables.count(CONTACT_ATTEMPTS.from(execution));
        CONTACT_ATTEMPTS.set(execution, contacted ? 0 : attempts + 1);
        // ends an open escalation of this follow-up (boundary event "Follow-up done")
        FOLLOW_UPS_DONE.set(execution, JourneyVariables.count(FOLLOW_UPS_DONE.from(execution)) + 1);
        String text = NOTES.from(execution);
        String outcome = disqualified ? "disqualified (" + reason + ")" : contacted ? "reached" : "not reached (attempt " + (attempts + 1) + ")";
        notes.add(PersonId.of(PERSON_ID.from(execution)), Journeys.currentUser(execution), "Follow up and qualify", outcome,
            text == null || text.isBlank() ? null : text.trim());
        NOTES.set(execution, null);
    }
}
