package io.leadjourney.journey;

import static io.leadjourney.journey.JourneyVariables.CANDIDATE_GROUP;
import static io.leadjourney.journey.JourneyVariables.FOLLOW_UP_DUE;
import static io.leadjourney.journey.JourneyVariables.PERSON_ID;

import java.util.Map;

import io.leadjourney.messaging.MessageOrder;
import io.leadjourney.messaging.TransactionalMail;
import io.leadjourney.people.Channel;
import io.leadjourney.people.PeopleService;
import io.leadjourney.people.PersonId;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * A transactional email to every sales manager about a follow-up (speed to lead, article 000): its SLA expired
 * ({@code sla-alert}) or nobody was available to take it ({@code unassigned-alert}); the step's input {@code template}
 * says which.
 */
@Component
@SideEffect
class AlertManagersDelegate implements JavaDelegate {

    static final String DEFAULT_TEMPLATE = "sla-alert";

    private final TransactionalMail mail;
    private final PeopleService people;
    private final SalesAlerts alerts;

    AlertManagersDelegate(TransactionalMail mail, PeopleService people, SalesAlerts alerts) {
        this.mail = mail;
        this.people = people;
        this.alerts = alerts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        PersonId id = PersonId.of(PERSON_ID.from(execution));
        Map<String, Object> variables = alerts.variables(people.find(id).orElseThrow());
        variables.put("due", alerts.when(FOLLOW_UP_DUE.from(execution)));
        variables.put("group", CANDIDATE_GROUP.from(execution));
        String template = execution.hasVariableLocal("template") ? (String) execution.getVariableLocal("template") : DEFAULT_TEMPLATE;
        mail.send(new MessageOrder(id, execution.getProcessInstanceId(), SendMessageDelegate.stepKey(execution, template), template, Channel.EMAIL),
            alerts.managers(execution.getProcessEngineServices().getIdentityService()), "id", variables);
    }
}
