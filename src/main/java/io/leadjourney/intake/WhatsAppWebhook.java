package io.leadjourney.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadjourney.messaging.Deliveries;
import io.leadjourney.messaging.Deliveries.Delivery;
import io.leadjourney.messaging.MarketingMessages;
import io.leadjourney.messaging.MessagingSettings;
import io.leadjourney.messaging.WhatsAppTemplates;
import io.leadjourney.people.Channel;
import io.leadjourney.people.ConsentVia;
import io.leadjourney.people.ContactData;
import io.leadjourney.people.PeopleService;
import io.leadjourney.platform.security.Caller;
import io.leadjourney.platform.web.InvalidRequestException;
import io.leadjourney.platform.web.NotAllowedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The WhatsApp Cloud API webhook: Meta's verification call, then signed notifications. A person's message becomes a
 * {@code message_received} signal of the person with that number (an unknown number registers a person with source
 * "whatsapp"); "STOP" or "BERHENTI" withdraws their WhatsApp consent instead (ledger {@code via} WHATSAPP_STOP); the
 * statuses of the messages the service sent (sent, delivered, read, failed) are recorded on them.
 */
@Service
public class WhatsAppWebhook {

    private static final Logger log = LoggerFactory.getLogger(WhatsAppWebhook.class);
    static final Set<String> STOP_WORDS = Set.of("STOP", "BERHENTI");
    static final Caller CALLER = Caller.intake("whatsapp");
    /** Meta's error for a marketing message over the per-user marketing limit: retry later, not a failure. */
    static final int MARKETING_LIMIT = 131049;

    private final MessagingSettings.WhatsApp settings;
    private final SignalIntake signals;
    private final PeopleService people;
    private final Deliveries deliveries;
    private final MarketingMessages marketing;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ObjectMapper json;
    private final WhatsAppTemplates templates;

    WhatsAppWebhook(MessagingSettings settings, SignalIntake signals, PeopleService people, Deliveries deliveries, MarketingMessages marketing,
                    TransactionTemplate transaction, Clock clock, ObjectMapper json, WhatsAppTemplates templates) {
        this.templates = templates;
        this.marketing = marketing;
        this.settings = settings.whatsapp();
        this.signals = signals;
        this.people = people;
        this.deliveries = deliveries;
        this.transaction = transaction;
        this.clock = clock;
        this.json = json;
    }

    /** Meta's subscription check: the challenge back when mode and token are right. */
    public String verify(String mode, String token, String challenge) {
        if (settings.verifyToken().isBlank()) {
            throw NotAllowedException.forbidden("The WhatsApp webhook is not set up here (journey.whatsapp.verify-token)");
        }
        if (!"subscribe".equals(mode) || token == null || !constantTimeEquals(token, settings.verifyToken()) || challenge == null) {
            throw NotAllowedException.forbidden("Wrong hub.mode or hub.verify_token");
        }
        return challenge;
    }

    /** A notification, applied only when {@code signature} is the body's HMAC-SHA256 with the app secret. */
    public void receive(byte[] body, String signature) {
        if (settings.appSecret().isBlank()) {
            throw NotAllowedException.forbidden("The WhatsApp webhook is not set up here (journey.whatsapp.app-secret)");
        }
        if (signature == null || !constantTimeEquals(signature.trim(), "sha256=" + hmac(body))) {
            throw NotAllowedException.unauthenticated("X-Hub-Signature-256 is missing or does not match the body");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new InvalidRequestException("body", "is not JSON");
        }
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                if ("template_category_update".equals(change.path("field").asText())) {
                    // completed changes name the previous category; impending ones the correct one and when
                    templates.categoryChanged(value.path("message_template_name").asText(null), value.path("message_template_language").asText(null),
                        value.path("message_template_id").asText(null), value.path("new_category").asText(null), value.has("previous_category"),
                        value.toString());
                    continue;
                }
                Map<String, String> names = new HashMap<>();
                value.path("contacts").forEach(contact -> names.put(contact.path("wa_id").asText(), contact.path("profile").path("name").asText(null)));
                value.path("messages").forEach(message -> message(message, names));
                value.path("statuses").forEach(this::status);
            }
        }
    }

    private void message(JsonNode message, Map<String, String> names) {
        String from = message.path("from").asText("");
        String id = message.path("id").asText("");
        String phone;
        try {
            phone = ContactData.phone("+" + from);
        } catch (IllegalArgumentException e) {
            log.warn("WhatsApp message {} from an impossible number '{}' ignored", id, from);
            return;
        }
        String text = text(message);
        if (text != null && STOP_WORDS.contains(text.trim().toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", ""))) {
            transaction.executeWithoutResult(status -> people.findByContact(null, phone).ifPresent(person -> people.recordConsent(person.id(),
                Channel.WHATSAPP, false, OffsetDateTime.now(clock), "WhatsApp " + text.trim(), null, ConsentVia.WHATSAPP_STOP)));
            return;
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("whatsappMessageId", id);
        attributes.put("messageType", message.path("type").asText("unknown"));
        String occurredAt = message.has("timestamp") ? Instant.ofEpochSecond(message.path("timestamp").asLong()).toString() : null;
        signals.receive(CALLER, new SignalRequest("message_received", null, phone, names.get(from), null, null, null, "whatsapp", null, null,
            null, occurredAt, attributes), "whatsapp:" + id);
    }

    private static String text(JsonNode message) {
        return switch (message.path("type").asText("")) {
            case "text" -> message.path("text").path("body").asText(null);
            case "button" -> message.path("button").path("text").asText(null);
            case "interactive" -> message.path("interactive").path("button_reply").path("title")
                .asText(message.path("interactive").path("list_reply").path("title").asText(null));
            default -> null;
        };
    }

    private void status(JsonNode status) {
        Optional<Deliveries.SentMessage> message = deliveries.byMessageId(status.path("id").asText(null));
        if (message.isEmpty()) {
            return;
        }
        Delivery delivery = switch (status.path("status").asText("")) {
            case "sent" -> Delivery.SENT;
            case "delivered" -> Delivery.DELIVERED;
            case "read" -> Delivery.READ;
            case "failed" -> Delivery.FAILED;
            default -> null;
        };
        if (delivery == null) {
            return;
        }
        StringBuilder detail = new StringBuilder();
        boolean marketingLimit = false;
        for (JsonNode error : status.path("errors")) {
            detail.append(detail.isEmpty() ? "" : "; ").append(error.path("code").asText()).append(' ').append(error.path("title").asText(""));
            marketingLimit |= error.path("code").asInt() == MARKETING_LIMIT;
        }
        boolean held = delivery == Delivery.FAILED && marketingLimit;
        transaction.executeWithoutResult(tx -> {
            // Meta's per-user marketing limit is no failure: the message goes out again in 24 hours
            deliveries.record(message.get().person(), Channel.WHATSAPP, message, held ? Delivery.HELD : delivery,
                detail.isEmpty() ? null : detail.toString());
            if (held) {
                marketing.deferForMarketingLimit(message.get(), detail.toString());
            }
        });
    }

    private String hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(settings.appSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
