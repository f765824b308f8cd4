package io.leadjourney.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import io.leadjourney.people.Channel;
import io.leadjourney.people.PersonId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What happened to a message after it left, as the providers report it (email webhooks, WhatsApp statuses): each event
 * is kept (lj_delivery_event), and the message (lj_message) shows the furthest it got — an open never hides a click, a
 * late "delivered" never hides an open.
 */
@Component
public class Deliveries {

    /** A message the service sent: whose, from which template, on which channel. */
    public record SentMessage(String id, PersonId person, String template, Channel channel, String processInstanceId) {
    }

    /**
     * Delivery states, furthest last; BOUNCED, COMPLAINED and FAILED end the line. HELD: WhatsApp's marketing limit held
     * the message back and it goes out again (its new id then moves it on).
     */
    public enum Delivery { SENT, HELD, DELIVERED, READ, OPENED, CLICKED, BOUNCED, COMPLAINED, FAILED }

    private final JdbcClient jdbc;
    private final Clock clock;

    Deliveries(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A message of the outbox as the person's timeline shows it. */
    public record MessageRecord(String channel, String template, String kind, String status, String detail, String messageId,
                                OffsetDateTime createdAt, OffsetDateTime sentAt, String processInstanceId) {
    }

    /** Every message to the person, sent or not (with the reason), oldest first. */
    public List<MessageRecord> history(PersonId person) {
        return jdbc.sql("select channel, template, kind, status, detail, message_id, created_at, sent_at, process_instance_id from lj_message "
                + "where person_id = ? order by created_at")
            .param(person.value())
            .query((rs, row) -> new MessageRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getObject(7, OffsetDateTime.class), rs.getObject(8, OffsetDateTime.class), rs.getString(9)))
            .list();
    }

    /** Erasure: the address a message went to and what the provider said about it. */
    public void forget(PersonId person) {
        jdbc.sql("update lj_message set recipient = null, detail = null where person_id = ?").param(person.value()).update();
        jdbc.sql("update lj_delivery_event set detail = null where person_id = ?").param(person.value()).update();
    }

    public Optional<SentMessage> byMessageId(String messageId) {
        if (messageId == null || messageId.isBlank()) {
            return Optional.empty();
        }
        // providers write an email's Message-ID with or without its angle brackets
        String bare = messageId.trim().replaceAll("^<(.*)>$", "$1");
        return jdbc.sql("select id, person_id, template, channel, process_instance_id from lj_message where message_id in (?, ?) "
                + "fetch first 1 rows only")
            .params(bare, "<" + bare + ">")
            .query((rs, row) -> new SentMessage(rs.getString("id"), PersonId.of(rs.getString("person_id")), rs.getString("template"),
                Channel.valueOf(rs.getString("channel")), rs.getString("process_instance_id")))
            .optional();
    }

    /** Keeps the event and moves the message's delivery state forward (never back). */
    public void record(PersonId person, Channel channel, Optional<SentMessage> message, Delivery delivery, String detail) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("insert into lj_delivery_event (message_id, person_id, channel, type, detail, received_at) values (?, ?, ?, ?, ?, ?)")
            .params(message.map(SentMessage::id).orElse(null), person.value(), channel.name(), delivery.name(), truncate(detail), now).update();
        message.ifPresent(sent -> {
            String current = jdbc.sql("select delivery from lj_message where id = ?").param(sent.id()).query(String.class).optional().orElse(null);
            if (current == null || Delivery.valueOf(current).ordinal() < delivery.ordinal()) {
                jdbc.sql("update lj_message set delivery = ?, delivery_at = ? where id = ?").params(delivery.name(), now, sent.id()).update();
            }
        });
    }

    /** How many times this kind of event reached the person on the channel in the last {@code period}. */
    public int count(PersonId person, Channel channel, Delivery delivery, String detailPrefix, Duration period) {
        return jdbc.sql("select count(*) from lj_delivery_event where person_id = ? and channel = ? and type = ? and detail like ? "
                + "and received_at > ?")
            .params(person.value(), channel.name(), delivery.name(), detailPrefix + "%", OffsetDateTime.now(clock).minus(period))
            .query(Integer.class).single();
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }
}
