package io.leadjourney.people;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Registers people from contact details: finds them by email, then by phone, merges new details in (filling gaps,
 * never overwriting with blanks) or creates them. Runs in the caller's transaction.
 */
@Service
public class PeopleService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final PersonRepository people;
    private final ConsentRepository consents;
    private final StageHistory stageHistory;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ZoneId defaultTimeZone;

    PeopleService(PersonRepository people, ConsentRepository consents, StageHistory stageHistory, ApplicationEventPublisher events,
                  Clock clock, ZoneId defaultTimeZone) {
        this.clock = clock;
        this.people = people;
        this.consents = consents;
        this.stageHistory = stageHistory;
        this.events = events;
        this.defaultTimeZone = defaultTimeZone;
    }

    /** Moves the person to {@code stage} and records the change with its reason; no-op when already there. */
    public Person moveTo(PersonId id, Stage stage, String reason, String processInstanceId) {
        return moveTo(id, stage, reason, processInstanceId, Map.of());
    }

    /**
     * As {@link #moveTo(PersonId, Stage, String, String)}, and publishes {@link StageChanged} with {@code context} for the
     * person's journey when the person moved.
     */
    public Person moveTo(PersonId id, Stage stage, String reason, String processInstanceId, Map<String, Object> context) {
        Person person = people.lock(id).orElseThrow(() -> new IllegalStateException("no person " + id));
        if (person.stage() == stage) {
            return person;
        }
        people.updateStage(id, stage);
        stageHistory.record(new StageHistory.StageChange(id.value(), person.stage(), stage, OffsetDateTime.now(clock),
            reason, processInstanceId));
        events.publishEvent(new StageChanged(id, person.stage(), stage, processInstanceId, context));
        return people.findById(id).orElseThrow();
    }

    /**
     * Decays the score for the time since it was last computed (it halves every {@code halfLife}; zero: no decay), adds
     * the points and returns the new score.
     */
    public int addScore(PersonId id, int points, Duration halfLife) {
        return people.addScore(id, points, halfLife);
    }

    /** As {@link #addScore(PersonId, int, java.time.Duration)}, remembering the half-life and what it was decided on. */
    public int addScore(PersonId id, int points, PersonRepository.DecidedHalfLife halfLife) {
        return people.addScore(id, points, halfLife);
    }

    public Optional<PersonRepository.DecidedHalfLife> decidedHalfLife(PersonId id) {
        return people.decidedHalfLife(id);
    }

    public void grade(PersonId id, String grade) {
        people.updateGrade(id, grade);
    }

    /**
     * Finds the person by email, then by phone, and merges the details in; or creates them at {@code stageIfNew}.
     * The person's row stays locked until the caller's transaction ends.
     */
    public Registration register(ContactDetails details, Stage stageIfNew, OffsetDateTime at) {
        return register(details, stageIfNew, at, false);
    }

    /** As {@link #register(ContactDetails, Stage, OffsetDateTime)}; a new person is queued for PendingJourneys when asked. */
    public Registration register(ContactDetails details, Stage stageIfNew, OffsetDateTime at, boolean journeyPending) {
        if (!details.identifiable()) {
            throw new IllegalArgumentException("a person needs an email or a phone");
        }
        // the row lock serialises everything done to one person in concurrent transactions (signals, imports, tasks)
        Optional<Person> existing = findByContact(details.email(), details.phone()).flatMap(found -> people.lock(found.id()));
        if (existing.isPresent()) {
            Person merged = merge(existing.get(), details);
            if (!merged.equals(existing.get())) {
                people.updateProfile(merged);
            }
            return new Registration(merged, false);
        }
        Person created = new Person(PersonId.newId(), details.email(), details.phone(), details.name(), details.company(),
            details.title(), details.industry(), details.source(),
            details.language() == null ? "id" : details.language(),
            details.timeZone() == null ? defaultTimeZone.getId() : details.timeZone(),
            stageIfNew, 0, null, newToken(), null, at, at);
        people.insert(created, journeyPending);
        stageHistory.record(new StageHistory.StageChange(created.id().value(), null, stageIfNew, at, (details.source() == null ? "registered" : "registered from " + details.source()), null));
        return new Registration(created, true);
    }

    /** People whose name, company, email or phone contains the text, last changed first. */
    public List<Person> search(String text, int max) {
        return people.search(text, max);
    }

    public Optional<Person> findByContact(String email, String phone) {
        Optional<Person> byEmail = email == null ? Optional.empty() : people.findByEmail(email);
        return byEmail.isPresent() || phone == null ? byEmail : people.findByPhone(phone);
    }

    public Optional<Person> find(PersonId id) {
        return people.findById(id);
    }

    public Map<Channel, Boolean> consent(PersonId id) {
        return consents.current(id);
    }

    /** The person's consent ledger, oldest first. */
    public List<ConsentStatement> consentLedger(PersonId id) {
        return consents.ledger(id);
    }

    /**
     * Records a consent statement in the ledger. A person's own withdrawal that leaves no channel granted stops all
     * marketing; their own later grant lifts that stop (imports do neither, see {@link ConsentLedger}).
     */
    public void recordConsent(PersonId id, Channel channel, boolean granted, OffsetDateTime at, String source, String wording, ConsentVia via) {
        Person person = people.lock(id).orElseThrow(() -> new IllegalStateException("no person " + id));
        consents.record(id, channel, granted, at, source, wording, via);
        if (!via.individual()) {
            return;
        }
        if (granted && person.marketingStopped()) {
            people.resumeMarketing(id);
            events.publishEvent(new MarketingResumed(id, source));
        } else if (!granted && !person.marketingStopped() && !consents.current(id).containsValue(true)) {
            people.stopMarketing(id, at);
            events.publishEvent(new MarketingStopped(id, source));
        }
    }

    /** Unsubscribe: a withdrawal on every channel, no marketing from now on; sales tasks are not affected. */
    public void stopMarketing(PersonId id, OffsetDateTime at, String source) {
        Person person = people.lock(id).orElseThrow(() -> new IllegalStateException("no person " + id));
        Set<Channel> withdrawn = consents.withdrawn(id);
        for (Channel channel : Channel.values()) {
            if (!withdrawn.contains(channel)) {
                consents.record(id, channel, false, at, source, null, ConsentVia.UNSUBSCRIBE);
            }
        }
        if (!person.marketingStopped()) {
            people.stopMarketing(id, at);
            events.publishEvent(new MarketingStopped(id, source));
        }
    }

    /** New details fill what is missing; a phone already used by someone else is not taken over. */
    private Person merge(Person p, ContactDetails d) {
        String phone = p.phone();
        if (phone == null && d.phone() != null && people.findByPhone(d.phone()).isEmpty()) {
            phone = d.phone();
        }
        String email = p.email();
        if (email == null && d.email() != null && people.findByEmail(d.email()).isEmpty()) {
            email = d.email();
        }
        return new Person(p.id(), email, phone, fill(p.name(), d.name()), fill(p.company(), d.company()),
            fill(p.title(), d.title()), fill(p.industry(), d.industry()), fill(p.source(), d.source()),
            d.language() != null ? d.language() : p.language(), d.timeZone() != null ? d.timeZone() : p.timeZone(),
            p.stage(), p.score(), p.grade(), p.unsubscribeToken(), p.marketingStoppedAt(), p.createdAt(), p.updatedAt());
    }

    private static String fill(String current, String offered) {
        return current != null ? current : offered;
    }

    static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
