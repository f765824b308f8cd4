package io.leadjourney.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.leadjourney.messaging.Deliveries;
import io.leadjourney.messaging.Deliveries.Delivery;
import io.leadjourney.messaging.Deliveries.SentMessage;
import io.leadjourney.people.Channel;
import io.leadjourney.people.ConsentVia;
import io.leadjourney.people.ContactData;
import io.leadjourney.people.PeopleService;
import io.leadjourney.people.Person;
import io.leadjourney.platform.security.Caller;
import io.leadjourney.platform.web.InvalidRequestException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the email provider reports about a message (its webhooks, mapped to {@code POST /api/email-events}): a hard
 * bounce or a complaint withdraws the address's email consent (ledger {@code via} BOUNCE / COMPLAINT), soft bounces
 * withdraw it after {@code journey.email-events.soft-bounce-limit} within 30 days, opens and clicks become
 * {@code email_opened} / {@code email_clicked} signals credited to the message (its id and template in the attributes).
 */
@Service
public class EmailEvents {

    /** The body of POST /api/email-events. */
    public record EmailEvent(String type, String email, String messageId, Boolean hard, String detail) {
    }

    /** What became of an event: {@code applied} false when neither the message nor the address is known. */
    public record Outcome(boolean applied, String personId, String signalId, String consent, String reason) {
    }

    static final Duration SOFT_BOUNCE_PERIOD = Duration.ofDays(30);

    private final Deliveries deliveries;
    private final PeopleService people;
    private final SignalIntake signals;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final int softBounceLimit;

    EmailEvents(Deliveries deliveries, PeopleService people, SignalIntake signals, Clock clock, TransactionTemplate transaction,
                IntakeSettings settings) {
        this.deliveries = deliveries;
        this.people = people;
        this.signals = signals;
        this.clock = clock;
        this.transaction = transaction;
        this.softBounceLimit = settings.emailEvents().softBounceLimit();
    }

    public Outcome apply(Caller caller, EmailEvent event, String idempotencyKey) {
        Delivery delivery = delivery(event);
        String email;
        try {
            email = ContactData.email(event.email());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("email", e.getMessage());
        }
        if (email == null && (event.messageId() == null || event.messageId().isBlank())) {
            throw new InvalidRequestException("email", "give the address (email) or the message's id (messageId)");
        }
        Optional<SentMessage> message = deliveries.byMessageId(event.messageId());
        Optional<Person> person = message.flatMap(sent -> people.find(sent.person()))
            .or(() -> email == null ? Optional.empty() : people.findByContact(email, null));
        if (person.isEmpty()) {
            return new Outcome(false, null, null, null, "neither the message nor the address is known here");
        }
        Person who = person.get();
        if (delivery == Delivery.OPENED || delivery == Delivery.CLICKED) {
            transaction.executeWithoutResult(status -> deliveries.record(who.id(), Channel.EMAIL, message, delivery, event.detail()));
            return engaged(caller, who, email, message, delivery, event, idempotencyKey);
        }
        String consent = transaction.execute(status -> recordTrouble(who, message, delivery, event));
        return new Outcome(true, who.id().value(), null, consent, null);
    }

    /** An open or a click: a signal of the person, credited to the message (and its variant) when it is known. */
    private Outcome engaged(Caller caller, Person who, String email, Optional<SentMessage> message, Delivery delivery, EmailEvent event,
                            String idempotencyKey) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        message.ifPresent(sent -> {
            attributes.put("messageId", event.messageId().trim());
            attributes.put("template", sent.template());
        });
        String type = delivery == Delivery.OPENED ? "email_opened" : "email_clicked";
        SignalReceipt receipt = signals.receive(caller, new SignalRequest(type, who.email() != null ? who.email() : email, who.phone(), null,
            null, null, null, "email", null, null, null, null, attributes), idempotencyKey);
        return new Outcome(true, who.id().value(), receipt.signalId(), null, null);
    }

    /** A bounce or a complaint, recorded; what it did to the email consent (null: nothing). */
    private String recordTrouble(Person who, Optional<SentMessage> message, Delivery delivery, EmailEvent event) {
        String detail = delivery == Delivery.BOUNCED ? (Boolean.TRUE.equals(event.hard()) ? "hard" : "soft") + bounceDetail(event) : event.detail();
        deliveries.record(who.id(), Channel.EMAIL, message, delivery, detail);
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (delivery == Delivery.COMPLAINED) {
            people.recordConsent(who.id(), Channel.EMAIL, false, now, "spam complaint", null, ConsentVia.COMPLAINT);
            return "email withdrawn (complaint)";
        }
        if (delivery == Delivery.BOUNCED && Boolean.TRUE.equals(event.hard())) {
            people.recordConsent(who.id(), Channel.EMAIL, false, now, "hard bounce", null, ConsentVia.BOUNCE);
            return "email withdrawn (hard bounce)";
        }
        if (delivery == Delivery.BOUNCED) {
            int soft = deliveries.count(who.id(), Channel.EMAIL, Delivery.BOUNCED, "soft", SOFT_BOUNCE_PERIOD);
            if (soft >= softBounceLimit) {
                people.recordConsent(who.id(), Channel.EMAIL, false, now, soft + " soft bounces in 30 days", null, ConsentVia.BOUNCE);
                return "email withdrawn (" + soft + " soft bounces)";
            }
        }
        return null;
    }

    private static String bounceDetail(EmailEvent event) {
        return event.detail() == null || event.detail().isBlank() ? "" : ": " + event.detail();
    }

    private static Delivery delivery(EmailEvent event) {
        String type = event.type() == null ? "" : event.type().trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "delivered" -> Delivery.DELIVERED;
            case "bounced" -> Delivery.BOUNCED;
            case "complained" -> Delivery.COMPLAINED;
            case "opened" -> Delivery.OPENED;
            case "clicked" -> Delivery.CLICKED;
            default -> throw new InvalidRequestException("type", "must be delivered, bounced, complained, opened or clicked");
        };
    }
}
