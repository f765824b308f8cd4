package io.leadjourney.intake;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The engagement signals intake accepts (ARCHITECTURE.md). What each is worth and which stage it supports is decided
 * by the DMN tables (engagement-scoring, lead-qualification), not here.
 */
public enum SignalType {
    FORM_SUBMITTED, CONTENT_DOWNLOADED, WEBINAR_REGISTERED, SOCIAL_FOLLOWED, BOOTH_VISITED, MESSAGE_RECEIVED,
    EMAIL_OPENED, EMAIL_CLICKED, ACCOUNT_REGISTERED, NEWSLETTER_JOINED,
    TRIAL_STARTED, SAMPLE_REQUESTED, PRODUCT_USED,
    PRICE_REQUESTED, CATALOG_REQUESTED, DEMO_REQUESTED, QUOTE_REQUESTED,
    REPLIED, MEETING_BOOKED;

    /** The snake_case name used on the wire and in the DMN tables. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SignalType> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(t -> t.wire().equals(value.trim())).findFirst();
    }

    public static String allowed() {
        return Arrays.stream(values()).map(SignalType::wire).collect(Collectors.joining(", "));
    }
}
