package io.leadjourney.journey;

import static io.leadjourney.journey.JourneyVariables.CANDIDATE_GROUP;
import static io.leadjourney.journey.JourneyVariables.FOLLOW_UP_DUE;
import static io.leadjourney.journey.JourneyVariables.PERSON_ID;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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

/**
 * A transactional email to every sales manager about a follow-up (speed to lead, article 000): its SLA expired
 * ({@code sla-alert}) or nobody was available to take it ({@code unassigned-alert}); the step's input {@code template}
 * says which. The due time is written in the team's time zone, as the managers read it.
 */
@Component
@SideEffect
class AlertManagersDelegate implements JavaDelegate {

    static final String DEFAULT_TEMPLATE = "sla-alert";
    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy HH.mm zzz", Locale.forLanguageTag("id"));
    private final TransactionalMail mail;
    private final PeopleService people;
    private final String publicBaseUrl;
    private final ZoneId zone;

    AlertManagersDelegate(TransactionalMail mail, PeopleService people, @Value("${journey.public-base-url}") String publicBaseUrl,
                          @Value("${journey.default-time-zone:Asia/Jakarta}") ZoneId zone) {
        this.mail = mail;
        this.people = people;
        this.publicBaseUrl = publicBaseUrl;
        this.zone = zone;
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
        Date due = FOLLOW_UP_DUE.from(execution);
        variables.put("due", due == null ? null : DUE.format(due.toInstant().atZone(zone)));
        variables.put("group", CANDIDATE_GROUP.from(execution));
        variables.put("tasklistUrl", publicBaseUrl + "/camunda/app/tasklist/");
        String template = execution.hasVariableLocal("template") ? (String) execution.getVariableLocal("template") : DEFAULT_TEMPLATE;
        mail.send(new MessageOrder(id, execution.getProcessInstanceId(), SendMessageDelegate.stepKey(execution, template), template, Channel.EMAIL),
            managers, "id", variables);
    }
}
