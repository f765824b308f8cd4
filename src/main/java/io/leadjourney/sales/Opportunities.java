package io.leadjourney.sales;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.leadjourney.people.PersonId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** lj_opportunity and its contacts: a deal being worked, which can involve several people (article 003). */
@Repository
public class Opportunities {

    public enum Status { OPEN, WON, LOST }

    public record Opportunity(String id, String primaryPersonId, Status status, String lossReason, Long value, String evaluation,
                              OffsetDateTime openedAt, OffsetDateTime closedAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    Opportunities(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public String open(PersonId primary, String processInstanceId) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("insert into lj_opportunity (id, primary_person_id, status, opened_at, process_instance_id) values (?, ?, ?, ?, ?)")
            .params(id, primary.value(), Status.OPEN.name(), OffsetDateTime.now(clock), processInstanceId).update();
        addContact(id, primary);
        return id;
    }

    /** Adds a contact; adding one already there changes nothing. */
    public boolean addContact(String opportunityId, PersonId person) {
        boolean present = jdbc.sql("select count(*) from lj_opportunity_contact where opportunity_id = ? and person_id = ?")
            .params(opportunityId, person.value()).query(Integer.class).single() > 0;
        if (!present) {
            jdbc.sql("insert into lj_opportunity_contact (opportunity_id, person_id, added_at) values (?, ?, ?)")
                .params(opportunityId, person.value(), OffsetDateTime.now(clock)).update();
        }
        return !present;
    }

    public boolean removeContact(String opportunityId, PersonId person) {
        return jdbc.sql("delete from lj_opportunity_contact where opportunity_id = ? and person_id = ? and person_id <> "
                + "(select primary_person_id from lj_opportunity where id = ?)")
            .params(opportunityId, person.value(), opportunityId).update() > 0;
    }

    public List<PersonId> contacts(String opportunityId) {
        return jdbc.sql("select person_id from lj_opportunity_contact where opportunity_id = ? order by added_at, person_id")
            .param(opportunityId).query((rs, row) -> PersonId.of(rs.getString(1))).list();
    }

    /** The process instances of the opportunities the person is a contact of (the primary contact included). */
    public List<String> processInstancesOf(PersonId person) {
        return jdbc.sql("select o.process_instance_id from lj_opportunity o join lj_opportunity_contact c on c.opportunity_id = o.id "
                + "where c.person_id = ? and o.process_instance_id is not null")
            .param(person.value()).query(String.class).list();
    }

    /** The opportunities still open whose primary contact is this person. */
    public List<String> openWithPrimary(PersonId person) {
        return jdbc.sql("select id from lj_opportunity where primary_person_id = ? and status = 'OPEN'").param(person.value())
            .query(String.class).list();
    }

    /** An opportunity someone else leads that the person is a contact of. */
    public record Membership(String opportunityId, String processInstanceId) {
    }

    public List<Membership> ledByOthers(PersonId person) {
        return jdbc.sql("select o.id, o.process_instance_id from lj_opportunity o join lj_opportunity_contact c "
                + "on c.opportunity_id = o.id where c.person_id = ? and o.primary_person_id <> ?")
            .params(person.value(), person.value()).query((rs, row) -> new Membership(rs.getString(1), rs.getString(2))).list();
    }

    public void close(String opportunityId, Status status, String lossReason, Long value, String evaluation) {
        jdbc.sql("update lj_opportunity set status = ?, loss_reason = ?, deal_value = ?, evaluation = ?, closed_at = ? where id = ?")
            .params(status.name(), lossReason, value, evaluation, OffsetDateTime.now(clock), opportunityId).update();
    }

    public Optional<Opportunity> find(String id) {
        return jdbc.sql("select id, primary_person_id, status, loss_reason, deal_value, evaluation, opened_at, closed_at from lj_opportunity where id = ?")
            .param(id)
            .query((rs, row) -> new Opportunity(rs.getString(1), rs.getString(2), Status.valueOf(rs.getString(3)), rs.getString(4),
                rs.getObject(5) == null ? null : rs.getLong(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class),
                rs.getObject(8, OffsetDateTime.class)))
            .optional();
    }
}
