package io.leadjourney.people;

import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What erasing a person does to the people feature's records (audit's Erasure orchestrates every feature's part, in its
 * transaction): notes, consent and what their signals said go; the person row stays, without anything that identifies
 * them, so that counts and stage history still add up.
 */
@Component
public class PersonErasure {

    private final JdbcClient jdbc;
    private final SignalHistory signals;
    private final PersonRepository people;

    PersonErasure(JdbcClient jdbc, SignalHistory signals, PersonRepository people) {
        this.jdbc = jdbc;
        this.signals = signals;
        this.people = people;
    }

    /** The person, locked for the rest of the transaction (signals and steps of the person wait). */
    public Optional<Person> lock(PersonId id) {
        return people.lock(id);
    }

    /** Notes, consent records and the signals' attributes and scoring decisions' ids. */
    public void forgetRecords(PersonId id) {
        jdbc.sql("delete from lj_note where person_id = ?").param(id.value()).update();
        jdbc.sql("delete from lj_consent where person_id = ?").param(id.value()).update();
        signals.forgetContents(id);
    }

    /** The person row without contact data, with a new unsubscribe token, marketing stopped, no journey to start. */
    public void anonymise(PersonId id, OffsetDateTime now) {
        jdbc.sql("update lj_person set email = null, phone = null, name = null, company = null, title = null, industry = null, source = null, "
                + "unsubscribe_token = ?, marketing_stopped_at = coalesce(marketing_stopped_at, ?), journey_pending = false, erased_at = ?, "
                + "updated_at = ? where id = ?")
            .params(PeopleService.newToken(), now, now, now, id.value()).update();
    }
}
