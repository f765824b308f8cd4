package io.leadjourney.messaging;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.leadjourney.people.Channel;
import io.leadjourney.people.ConsentRepository;
import io.leadjourney.people.PeopleService;
import io.leadjourney.people.Person;
import io.leadjourney.platform.PlatformSettings;
import io.leadjourney.platform.calendar.BusinessCalendar;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Service;

/**
 * Sends the marketing messages journey steps order. Right before each send, in this order: consent and unsubscribe,
 * the send window in the person's time zone, the weekly frequency cap across all journeys. Each (person, journey,
 * step) is sent at most once (see {@link Outbox}).
 */
@Service
public class MarketingMessages {

    private final Outbox outbox;
    private final PeopleService people;
    private final ConsentRepository consents;
    private final MessageTemplates templates;
    private final EmailSender email;
    private final WhatsAppClient whatsApp;
    private final MessagingSettings settings;
    private final SendPolicy policy;
    private final Clock clock;
    /** The team's zone (journey.default-time-zone): for a person who gave none. */
    private final ZoneId teamZone;
    private final MeterRegistry meters;
    private final String unsubscribeBase;

    MarketingMessages(Outbox outbox, PeopleService people, ConsentRepository consents, MessageTemplates templates, EmailSender email,
                      WhatsAppClient whatsApp, MessagingSettings settings, PlatformSettings platform, Clock clock,
                      MeterRegistry meters, BusinessCalendar calendar) {
        this.meters = meters;
        this.outbox = outbox;
        this.people = people;
        this.consents = consents;
        this.templates = templates;
        this.email = email;
        this.whatsApp = whatsApp;
        this.settings = settings;
        this.policy = new SendPolicy(settings.sendWindow(), settings.frequencyCap().perWeek(), calendar);
        this.clock = clock;
        this.teamZone = calendar.zone();
        this.unsubscribeBase = platform.publicBaseUrl().replaceFirst("/*$", "/") + "unsubscribe/";
    }

    public SendOutcome send(MessageOrder order) {
        SendOutcome outcome = decideAndSend(order);
        meters.counter("leadjourney.marketing.messages", "channel", order.channel().name(),
            "outcome", outcome.getClass().getSimpleName().toLowerCase()).increment();
        return outcome;
    }

    private SendOutcome decideAndSend(MessageOrder wanted) {
        Optional<Outbox.Row> earlier = outbox.find(wanted);
        if (earlier.isPresent()) {
            return Outbox.Status.SENT.name().equals(earlier.get().status())
                ? new SendOutcome.Sent(earlier.get().messageId(), true)
                : new SendOutcome.Skipped(earlier.get().detail());
        }
        Person person = people.find(wanted.person()).orElseThrow(() -> new IllegalStateException("no person " + wanted.person()));
        MessageOrder order = emailInstead(wanted, person) ? new MessageOrder(wanted.person(), wanted.processInstanceId(), wanted.stepKey(),
            wanted.template(), Channel.EMAIL, wanted.anyDay()) : wanted;

        String refusal = refusal(person, order.channel());
        if (refusal != null) {
            outbox.skipped(order, Outbox.Kind.MARKETING, refusal);
            return new SendOutcome.Skipped(refusal);
        }
        Optional<SendOutcome.Deferred> later = notNow(order, person);
        if (later.isPresent()) {
            return later.get();
        }

        String messageId = messageId(order);
        Map<String, Object> variables = variables(person);
        switch (order.channel()) {
            case EMAIL -> sendEmail(order, person, messageId, variables);
            case WHATSAPP -> {
                String id = whatsApp.sendTemplate(person.phone(), order.template(), language(person), firstName(person));
                outbox.sent(order, Outbox.Kind.MARKETING, id, person.phone(), "WhatsApp template " + order.template());
                return new SendOutcome.Sent(id, false);
            }
        }
        return new SendOutcome.Sent(messageId, false);
    }

    /** When the message may not go now: outside the person's send window, or over the weekly cap. */
    private Optional<SendOutcome.Deferred> notNow(MessageOrder order, Person person) {
        Instant now = clock.instant();
        ZoneId zone = zone(person);
        Optional<Instant> opening = policy.nextWindowOpening(now, zone, order.anyDay());
        if (opening.isPresent()) {
            return Optional.of(new SendOutcome.Deferred(opening.get(), "outside the send window " + settings.sendWindow().start() + "–"
                + settings.sendWindow().end() + " " + zone + (order.anyDay() ? "" : " on a business day")));
        }
        Optional<Instant> capFrees = policy.capFreesAt(now, outbox.marketingSentSince(person.id().value(), now.minus(SendPolicy.CAP_PERIOD)));
        if (capFrees.isPresent()) {
            Instant until = policy.nextWindowOpening(capFrees.get(), zone, order.anyDay()).orElse(capFrees.get());
            return Optional.of(new SendOutcome.Deferred(until, "weekly cap of " + policy.perWeek() + " marketing messages reached"));
        }
        return Optional.empty();
    }

    /**
     * Meta held a WhatsApp marketing message back for its per-user marketing limit (error 131049): it goes out again
     * after 24 hours, checked like a first send; it is no failure and does not count against the weekly cap meanwhile.
     */
    public void deferForMarketingLimit(Deliveries.SentMessage message, String detail) {
        outbox.retryLater(message.id(), clock.instant().plus(MARKETING_LIMIT_WAIT), "held back by WhatsApp's marketing limit: " + detail);
    }

    static final Duration MARKETING_LIMIT_WAIT = Duration.ofHours(24);

    /** Sends again the held-back messages whose retry is due, with every check of a first send; returns how many it handled. */
    int resendDue(int max) {
        Instant now = clock.instant();
        List<Outbox.Retry> due = outbox.claimRetries(now, max);
        for (Outbox.Retry retry : due) {
            MessageOrder order = retry.order();
            Person person = people.find(order.person()).orElse(null);
            String refusal = person == null ? "no such person" : refusal(person, order.channel());
            if (refusal != null) {
                outbox.retried(retry.id(), Outbox.Status.SKIPPED, null, null, refusal);
                continue;
            }
            ZoneId zone = zone(person);
            Optional<Instant> later = policy.nextWindowOpening(now, zone, order.anyDay())
                .or(() -> policy.capFreesAt(now, outbox.marketingSentSince(person.id().value(), now.minus(SendPolicy.CAP_PERIOD))));
            if (later.isPresent()) {
                outbox.retried(retry.id(), Outbox.Status.RETRY, later.get(), null, "held back by WhatsApp's marketing limit; waits for the send window or the cap");
                continue;
            }
            String id = whatsApp.sendTemplate(person.phone(), order.template(), language(person), firstName(person));
            outbox.retried(retry.id(), Outbox.Status.SENT, null, id, "WhatsApp template " + order.template() + ", again after WhatsApp's marketing limit");
        }
        return due.size();
    }

    private void sendEmail(MessageOrder order, Person person, String messageId, Map<String, Object> variables) {
        String language = language(person);
        MessageTemplates.Rendered message = templates.render(order.template(), language, variables);
        String footer = templates.renderOptional("_footer", language, variables).map(MessageTemplates.Rendered::text).orElse("");
        String text = message.text() + "\n\n-- \n" + footer;
        String html = message.html() != null ? message.html()
            : templates.htmlFromText(message.subject(), message.text(), language, footer.lines().findFirst().orElse(""), unsubscribeUrl(person));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + unsubscribeUrl(person) + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        headers.put("X-Lead-Journey-Template", order.template());
        email.send(new EmailSender.Email(person.email(), person.name(), message.subject(), text, html, messageId, headers));
        outbox.sent(order, Outbox.Kind.MARKETING, messageId, person.email(), message.subject());
    }

    /** WhatsApp is not set up here: a person who may get email gets the step's email version rather than nothing. */
    private boolean emailInstead(MessageOrder order, Person person) {
        return order.channel() == Channel.WHATSAPP && !whatsApp.configured() && refusal(person, Channel.EMAIL) == null
            && templates.textExists(order.template(), language(person));
    }

    /** Why the person must not get marketing on the channel, or null when they may. */
    private String refusal(Person person, Channel channel) {
        if (person.marketingStopped()) {
            return "unsubscribed";
        }
        if (!consents.granted(person.id(), channel)) {
            return "no " + channel.name().toLowerCase() + " consent";
        }
        if (channel == Channel.EMAIL && person.email() == null) {
            return "no email address";
        }
        if (channel == Channel.WHATSAPP && person.phone() == null) {
            return "no phone number";
        }
        if (channel == Channel.WHATSAPP && !whatsApp.configured()) {
            return "WhatsApp is not configured";
        }
        return null;
    }

    private Map<String, Object> variables(Person person) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("firstName", firstName(person));
        variables.put("name", person.name());
        variables.put("company", person.company());
        variables.put("unsubscribeUrl", unsubscribeUrl(person));
        variables.put("senderName", settings.sender().name());
        variables.put("senderAddress", settings.sender().postalAddress());
        return variables;
    }

    String unsubscribeUrl(Person person) {
        return unsubscribeBase + person.unsubscribeToken();
    }

    private ZoneId zone(Person person) {
        try {
            return ZoneId.of(person.timeZone());
        } catch (DateTimeException | NullPointerException e) {
            return teamZone;
        }
    }

    private static String language(Person person) {
        return person.language() == null ? MessageTemplates.DEFAULT_LANGUAGE : person.language();
    }

    static String firstName(Person person) {
        if (person.name() == null) {
            return null;
        }
        String[] parts = person.name().trim().split("\\s+");
        return parts[0];
    }

    /** Stable per (person, journey, step): a resend after a crash carries the same Message-ID. */
    private String messageId(MessageOrder order) {
        String domain = settings.sender().email().substring(settings.sender().email().indexOf('@') + 1);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                (order.person().value() + "|" + order.processInstanceId() + "|" + order.stepKey()).getBytes(StandardCharsets.UTF_8));
            return "<" + HexFormat.of().formatHex(digest, 0, 16) + "@" + domain + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
