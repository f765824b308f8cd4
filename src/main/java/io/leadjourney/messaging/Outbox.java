package io.leadjourney.messaging;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.leadjourney.people.Channel;
import io.leadjourney.people.PersonId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * lj_message: one row per (person, journey, step). "Sent" is recorded in its own transaction right after the send,
 * so that when the step's transaction rolls back afterwards and the step is retried, the row still says "sent".
 */
@Repository
class Outbox {

    enum Status { SENT, SKIPPED, RETRY }

    enum Kind { MARKETING, TRANSACTIONAL }

    record Row(String id, String status, String messageId, String detail) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;

    Outbox(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    Optional<Row> find(MessageOrder order) {
        return jdbc.sql("select id, status, message_id, detail from lj_message where person_id = ? and process_instance_id = ? and step_key = ?")
            .params(order.person().value(), order.processInstanceId(), order.stepKey())
            .query((rs, row) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
            .optional();
    }

    /** Records a skipped step in the caller's (the engine's) transaction. */
    void skipped(MessageOrder order, Kind kind, String reason) {
        insert(order, kind, Status.SKIPPED, reason, null, null, null);
    }

    /**
     * Records a sent message in a transaction of its own, committed before this returns. Callers found no row for the
     * step before sending; a row another attempt wrote meanwhile fails the insert (the step's unique key), and the retry
     * finds it.
     */
    void sent(MessageOrder order, Kind kind, String messageId, String recipient, String detail) {
        ownTransaction.executeWithoutResult(status -> insert(order, kind, Status.SENT, detail, messageId, recipient, now()));
    }

    /** A sent message to send again at {@code at} (WhatsApp's marketing limit held it back). */
    void retryLater(String id, Instant at, String reason) {
        jdbc.sql("update lj_message set status = ?, retry_at = ?, detail = ? where id = ? and status = ?")
            .params(Status.RETRY.name(), at.atOffset(ZoneOffset.UTC), truncate(reason), id, Status.SENT.name()).update();
    }

    /** Messages whose retry is due, locked for this node (others skip them). */
    List<Retry> claimRetries(Instant now, int max) {
        return jdbc.sql("select id, person_id, process_instance_id, step_key, template, channel from lj_message where status = ? and retry_at <= ? "
                + "order by retry_at fetch first " + max + " rows only for update skip locked")
            .params(Status.RETRY.name(), now.atOffset(ZoneOffset.UTC))
            .query((rs, row) -> new Retry(rs.getString("id"), new MessageOrder(PersonId.of(rs.getString("person_id")),
                rs.getString("process_instance_id"), rs.getString("step_key"), rs.getString("template"),
                Channel.valueOf(rs.getString("channel")))))
            .list();
    }

    record Retry(String id, MessageOrder order) {
    }

    void retried(String id, Status status, Instant retryAt, String messageId, String detail) {
        jdbc.sql("update lj_message set status = ?, retry_at = ?, message_id = coalesce(?, message_id), detail = ?, "
                + "sent_at = case when ? = 'SENT' then ? else sent_at end where id = ?")
            .params(status.name(), retryAt == null ? null : retryAt.atOffset(ZoneOffset.UTC), messageId, truncate(detail), status.name(), now(), id)
            .update();
    }

    /** When the person's marketing messages of the last seven days went out (for the weekly cap, across all journeys). */
    List<Instant> marketingSentSince(String personId, Instant since) {
        return jdbc.sql("select sent_at from lj_message where person_id = ? and kind = ? and status = ? and sent_at > ?")
            .params(personId, Kind.MARKETING.name(), Status.SENT.name(), since.atOffset(ZoneOffset.UTC))
            .query((rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant())
            .list();
    }

    private void insert(MessageOrder order, Kind kind, Status status, String detail, String messageId, String recipient,
                        OffsetDateTime sentAt) {
        jdbc.sql("insert into lj_message (id, person_id, process_instance_id, step_key, template, channel, kind, status, detail, "
                + "message_id, recipient, created_at, sent_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .params(UUID.randomUUID().toString(), order.person().value(), order.processInstanceId(), order.stepKey(), order.template(),
                order.channel().name(), kind.name(), status.name(), truncate(detail), messageId, recipient, now(), sentAt)
            .update();
    }

    private static String truncate(String value) {
        return value == null || value.length() <= 500 ? value : value.substring(0, 500);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
