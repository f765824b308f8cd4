package io.leadjourney.journey;

import static io.leadjourney.journey.JourneyVariables.OPPORTUNITY_ID;
import static io.leadjourney.journey.JourneyVariables.PERSON_ID;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

import io.leadjourney.people.ContactData;
import io.leadjourney.people.ContactDetails;
import io.leadjourney.people.Notes;
import io.leadjourney.people.PeopleService;
import io.leadjourney.people.Person;
import io.leadjourney.people.PersonId;
import io.leadjourney.people.Stage;
import io.leadjourney.sales.Opportunities;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * One opportunity can involve several people (article 003). After each opportunity task: the person named in
 * {@code addContact} (email or phone; registered if new) joins it and their own journey waits for its outcome; the one
 * in {@code removeContact} leaves it and goes back to nurturing. Input that names nobody is written to the notes
 * instead of failing the step.
 */
@Component
class UpdateContactsDelegate implements JavaDelegate {

    static final ProcessVariable<String> ADD_CONTACT = ProcessVariable.of("addContact", String.class);
    static final ProcessVariable<String> REMOVE_CONTACT = ProcessVariable.of("removeContact", String.class);

    private final Opportunities opportunities;
    private final PeopleService people;
    private final JourneyService journeys;
    private final Notes notes;
    private final Clock clock;

    UpdateContactsDelegate(Opportunities opportunities, PeopleService people, JourneyService journeys, Notes notes, Clock clock) {
        this.opportunities = opportunities;
        this.people = people;
        this.journeys = journeys;
        this.notes = notes;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String opportunityId = OPPORTUNITY_ID.from(execution);
        PersonId primary = PersonId.of(PERSON_ID.from(execution));
        String add = ADD_CONTACT.from(execution);
        if (add != null && !add.isBlank()) {
            contact(add, true).ifPresentOrElse(person -> {
                if (opportunities.addContact(opportunityId, person.id())) {
                    people.moveTo(person.id(), Stage.OPPORTUNITY, "added to an opportunity", execution.getProcessInstanceId());
                }
            }, () -> notes.add(primary, Journeys.currentUser(execution), execution.getCurrentActivityName(), "contact not added",
                "'" + ContactData.text(add, 254) + "' is neither an email address nor a phone number"));
        }
        String remove = REMOVE_CONTACT.from(execution);
        if (remove != null && !remove.isBlank()) {
            contact(remove, false).filter(person -> opportunities.removeContact(opportunityId, person.id())).ifPresent(person -> {
                people.moveTo(person.id(), Stage.LEAD, "removed from an opportunity", execution.getProcessInstanceId());
            });
        }
        ADD_CONTACT.set(execution, null);
        REMOVE_CONTACT.set(execution, null);
    }

    private Optional<Person> contact(String emailOrPhone, boolean registerIfNew) {
        String email = null;
        String phone = null;
        try {
            if (emailOrPhone.contains("@")) {
                email = ContactData.email(emailOrPhone);
            } else {
                phone = ContactData.phone(emailOrPhone);
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Optional<Person> known = people.findByContact(email, phone);
        if (known.isPresent() || !registerIfNew) {
            return known;
        }
        // registered straight into the opportunity: the journey starts waiting for its outcome
        Person created = people.register(new ContactDetails(email, phone, null, null, null, null, "opportunity", null, null),
            Stage.OPPORTUNITY, OffsetDateTime.now(clock)).person();
        journeys.ensureJourney(created);
        return Optional.of(created);
    }
}
