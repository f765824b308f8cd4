package io.leadjourney.journey;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.leadjourney.messaging.TransactionalMail;
import io.leadjourney.people.Person;
import io.leadjourney.platform.PlatformSettings;
import io.leadjourney.platform.security.Groups;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/** What the emails to salespeople and their managers share: who gets them, the person's details, times as the team reads them. */
@Component
class SalesAlerts {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy HH.mm zzz", Locale.forLanguageTag("id"));

    private final ZoneId zone;
    private final String tasklistUrl;

    SalesAlerts(ZoneId zone, PlatformSettings settings) {
        this.zone = zone;
        this.tasklistUrl = settings.publicBaseUrl().replaceFirst("/*$", "/") + "camunda/app/tasklist/";
    }

    /** "Senin, 7 Desember 2026 10.00 WIB": in the team's time zone, in Indonesian; null stays null. */
    String when(Date time) {
        return time == null ? null : WHEN.format(time.toInstant().atZone(zone));
    }

    List<TransactionalMail.Recipient> managers(IdentityService identity) {
        return recipients(identity.createUserQuery().memberOfGroup(Groups.SALES_MANAGERS).list());
    }

    List<TransactionalMail.Recipient> recipients(List<User> users) {
        return users.stream()
            .filter(user -> user.getEmail() != null && !user.getEmail().isBlank())
            .map(user -> new TransactionalMail.Recipient(user.getEmail(), (user.getFirstName() + " " + user.getLastName()).trim()))
            .toList();
    }

    /** The template variables every alert has: who the person is and where Tasklist is. */
    Map<String, Object> variables(Person person) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("name", person.name() == null ? person.email() : person.name());
        variables.put("company", person.company());
        variables.put("phone", person.phone());
        variables.put("email", person.email());
        variables.put("stage", person.stage().name());
        variables.put("tasklistUrl", tasklistUrl);
        return variables;
    }
}
