package io.leadjourney.journey;

import static io.leadjourney.journey.JourneyVariables.CANDIDATE_GROUP;
import static io.leadjourney.journey.JourneyVariables.CONTACT_ATTEMPTS;
import static io.leadjourney.journey.JourneyVariables.FOLLOW_UPS_DONE;
import static io.leadjourney.journey.JourneyVariables.FOLLOW_UP_ASSIGNEE;
import static io.leadjourney.journey.JourneyVariables.FOLLOW_UP_DUE;
import static io.leadjourney.journey.JourneyVariables.FOLLOW_UP_WITHIN;
import static io.leadjourney.journey.JourneyVariables.HAND_RAISED;

import java.time.Duration;
import java.util.Date;

import io.leadjourney.platform.calendar.BusinessCalendar;
import io.leadjourney.sales.SalesRotation;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Turns the SLA the follow-up-sla table decided ({@code followUpWithin}) into the task's due date, and picks the
 * salesperson by round-robin inside the candidate group.
 */
@Component
class PlanFollowUpDelegate implements JavaDelegate {

    private final SalesRotation rotation;
    private final BusinessCalendar calendar;

    PlanFollowUpDelegate(SalesRotation rotation, BusinessCalendar calendar) {
        this.rotation = rotation;
        this.calendar = calendar;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Duration within = Duration.parse(FOLLOW_UP_WITHIN.from(execution));
        FOLLOW_UP_DUE.set(execution, Date.from(calendar.addBusinessTime(ClockUtil.getCurrentTime().toInstant(), within)));
        HAND_RAISED.set(execution, false); // the new follow-up serves any hand raised before it
        if (CONTACT_ATTEMPTS.from(execution) == null) {
            CONTACT_ATTEMPTS.set(execution, 0);
        }
        if (FOLLOW_UPS_DONE.from(execution) == null) {
            FOLLOW_UPS_DONE.set(execution, 0);
        }
        // the same salesperson keeps the person across call attempts and revisits; a new hand-off rotates
        String assignee = FOLLOW_UP_ASSIGNEE.from(execution);
        if (assignee == null || !rotation.isAvailable(assignee)) {
            FOLLOW_UP_ASSIGNEE.set(execution, rotation.next(CANDIDATE_GROUP.from(execution)).orElse(null));
        }
    }
}
