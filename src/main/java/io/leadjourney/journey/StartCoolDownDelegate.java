package io.leadjourney.journey;

import static io.leadjourney.journey.JourneyVariables.COOLING_DOWN;
import static io.leadjourney.journey.JourneyVariables.COOL_DOWN;
import static io.leadjourney.journey.JourneyVariables.DISQUALIFY_REASON;
import static io.leadjourney.journey.JourneyVariables.PERSON_ID;
import static io.leadjourney.journey.JourneyVariables.SALES_VERDICT;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.leadjourney.people.PersonId;
import io.leadjourney.sales.SalesVerdicts;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Records the sales verdict that sends the person back to nurture and the cool-down sales-cool-down decided for it:
 * until it ends, only a hand-raiser makes them sales-ready again (lead-qualification's input "In a sales cool-down").
 */
@Component
class StartCoolDownDelegate implements JavaDelegate {

    private final SalesVerdicts verdicts;

    StartCoolDownDelegate(SalesVerdicts verdicts) {
        this.verdicts = verdicts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Duration coolDown = Duration.parse(COOL_DOWN.from(execution));
        String verdict = SALES_VERDICT.from(execution);
        if (coolDown.isZero() || verdict == null) {
            return;
        }
        OffsetDateTime until = OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneOffset.UTC).plus(coolDown);
        verdicts.record(PersonId.of(PERSON_ID.from(execution)), verdict, DISQUALIFY_REASON.from(execution), until, execution.getProcessInstanceId());
        COOLING_DOWN.set(execution, true);
    }
}
