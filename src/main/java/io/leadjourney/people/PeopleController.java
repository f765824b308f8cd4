package io.leadjourney.people;

import java.time.OffsetDateTime;
import java.util.Map;

import io.leadjourney.platform.security.AllowedGroups;
import io.leadjourney.platform.security.Caller;
import io.leadjourney.platform.security.Groups;
import io.leadjourney.platform.web.InvalidRequestException;
import io.leadjourney.platform.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reading people: marketing ops, sales managers, auditors and admins read everyone; a salesperson reads the people
 * they work on (a task about them). Intake keys cannot read people.
 */
@RestController
@AllowedGroups({Groups.ADMIN, Groups.MARKETING_OPS, Groups.SALES, Groups.SALES_MANAGERS, Groups.AUDITORS})
class PeopleController {

    record ConsentView(boolean email, boolean whatsapp) {
    }

    record PersonView(String id, String email, String phone, String name, String company, String title, String industry, String source,
                      String language, String timeZone, String stage, int score, String grade, ConsentView consent,
                      boolean marketingStopped, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    private final PeopleService people;
    private final SalesWork salesWork;

    PeopleController(PeopleService people, SalesWork salesWork) {
        this.people = people;
        this.salesWork = salesWork;
    }

    @GetMapping(path = "/api/people/{id}", produces = "application/json")
    PersonView person(Caller caller, @PathVariable String id) {
        return view(caller, PersonId.parse(id).flatMap(people::find).orElseThrow(() -> new NotFoundException("No person " + id)));
    }

    @GetMapping(path = "/api/people", produces = "application/json")
    PersonView byContact(Caller caller, @RequestParam(required = false) String email, @RequestParam(required = false) String phone) {
        if ((email == null || email.isBlank()) && (phone == null || phone.isBlank())) {
            throw new InvalidRequestException("email", "give ?email= or ?phone=");
        }
        String normalisedEmail;
        String normalisedPhone;
        try {
            normalisedEmail = ContactData.email(email);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("email", e.getMessage());
        }
        try {
            normalisedPhone = ContactData.phone(phone);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("phone", e.getMessage());
        }
        return view(caller, people.findByContact(normalisedEmail, normalisedPhone)
            .orElseThrow(() -> new NotFoundException("No person with that " + (normalisedEmail != null ? "email" : "phone"))));
    }

    private PersonView view(Caller caller, Person p) {
        boolean readsEveryone = caller.inAny(Groups.ADMIN, Groups.MARKETING_OPS, Groups.SALES_MANAGERS, Groups.AUDITORS);
        if (!readsEveryone && !salesWork.worksOn(caller.userId(), caller.groups(), p.id().value())) {
            // the same answer as for a person who does not exist: a salesperson learns nothing about others
            throw new NotFoundException("No person " + p.id());
        }
        Map<Channel, Boolean> consent = people.consent(p.id());
        return new PersonView(p.id().value(), p.email(), p.phone(), p.name(), p.company(), p.title(), p.industry(), p.source(),
            p.language(), p.timeZone(), p.stage().name(), p.score(), p.grade(),
            new ConsentView(consent.getOrDefault(Channel.EMAIL, false), consent.getOrDefault(Channel.WHATSAPP, false)),
            p.marketingStopped(), p.createdAt(), p.updatedAt());
    }
}
