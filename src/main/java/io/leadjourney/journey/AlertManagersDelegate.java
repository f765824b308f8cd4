package io.leadjourney.journey;

import static io.leadjourney.journey.JourneyVariables.FOLLOW_UP_DUE;
import static io.leadjourney.journey.JourneyVariables.PERSON_ID;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.leadjourney.messaging.MessageOrder;
import io.leadjourney.messaging.TransactionalMail;
import io.leadjourney.people.Channel;
import io.leadjourney.people.PeopleService;
import io.leadjourney.people.Person;
import io.leadjourney.people.PersonId;
import io.leadjourney.platform.security.Groups;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The follow-up SLA expired: a transactional email to every sales manager (speed to lead, article 000). */
@Component
@SideEffect
class AlertManagersDelegate implements JavaDelegate {

    static final String TEMPLATE = "sla-alert";
    private final TransactionalMail mail;
    private final PeopleService people;
    private final String publicBaseUrl;

    AlertManagersDelegate(TransactionalMail mail, PeopleService people, @Value("${journey.public-base-url}") String publicBaseUrl) {
        this.mail = mail;
        this.people = people;
        this.publicBaseUrl = publicBaseUrl;
    }

    @Override
    public void execute(DelegateExecution execution) {
        PersonId id = PersonId.of(PERSON_ID.from(execution));
        Person person = people.find(id).orElseThrow();
        List<TransactionalMail.Recipient> managers = execution.getProcessEngineServices().getIdentityService().createUserQuery()
            .memberOfGroup(Groups.SALES_MANAGERS).list().stream()
            .filter(user -> user.getEmail() != null && !user.getEmail().isBlank())
            .map(user -> new TransactionalMail.Recipient(user.getEmail(), (user.getFirstName() + " " + user.getLastName()).trim()))
            .toList();
        Map<String, Object> variables = new HashMap<>();
        variables.put("name", person.name() == null ? person.email() : person.name());
        variables.put("company", person.company());
        variables.put("phone", person.phone());
        variables.put("email", person.email());
        variables.put("stage", person.stage().name());
        variables.put("due", FOLLOW_UP_DUE.from(execution));
        variables.put("tasklistUrl", publicBaseUrl + "/camunda/app/tasklist/");
        mail.send(new MessageOrder(id, execution.getProcessInstanceId(), SendMessageDelegate.stepKey(execution, TEMPLATE), TEMPLATE, Channel.EMAIL),
            managers, "id", variables);
    }
}
