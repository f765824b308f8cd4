package io.leadjourney.intake;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.leadjourney.journey.SignalCatalogue;
import io.leadjourney.people.ContactData;
import io.leadjourney.people.ContactDetails;
import io.leadjourney.platform.web.Dates;
import io.leadjourney.platform.web.FieldProblem;
import io.leadjourney.platform.web.InvalidRequestException;

/** Checks and normalises a signal as received: every problem of a request is named at once, in a 400. */
final class SignalValidation {

    private static final Set<String> LANGUAGES = Set.of("id", "en");
    /**
     * Keys sorted, nothing else configured: what is stored and compared (attributes, the idempotency fingerprint, the
     * receipt) must not change when Spring's mapper is configured otherwise.
     */
    static final ObjectMapper CANONICAL = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final SignalCatalogue catalogue;
    private final Clock clock;

    SignalValidation(SignalCatalogue catalogue, Clock clock) {
        this.catalogue = catalogue;
        this.clock = clock;
    }

    record ValidSignal(String type, ContactDetails contact, SignalRequest.ConsentStatement consent,
                       OffsetDateTime occurredAt, Map<String, Object> attributes, String attributesJson) {
    }

    /** The types of the deployed engagement-scoring table (marketing ops add a type by adding a row). */
    private String allowedTypes() {
        return String.join(", ", catalogue.types());
    }

    ValidSignal validate(SignalRequest r) {
        if (r == null) {
            throw new InvalidRequestException("body", "is required");
        }
        List<FieldProblem> problems = new ArrayList<>();
        String type = type(r.type(), problems);
        String email = normalise(problems, "email", () -> ContactData.email(r.email()));
        String phone = normalise(problems, "phone", () -> ContactData.phone(r.phone()));
        if (email == null && phone == null && problems.stream().noneMatch(p -> p.field().equals("email") || p.field().equals("phone"))) {
            problems.add(new FieldProblem("email", "email or phone is required"));
        }
        String language = r.language() == null || r.language().isBlank() ? null : r.language().trim().toLowerCase();
        if (language != null && !LANGUAGES.contains(language)) {
            problems.add(new FieldProblem("language", "must be 'id' or 'en'"));
        }
        String timeZone = normalise(problems, "timeZone", () -> timeZone(r.timeZone()));
        OffsetDateTime occurredAt = occurredAt(r.occurredAt(), problems);
        if (r.consent() != null && r.consent().wording() != null && r.consent().wording().length() > 100) {
            problems.add(new FieldProblem("consent.wording", "must be at most 100 characters"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        String attributes;
        try {
            attributes = r.attributes() == null || r.attributes().isEmpty() ? null : CANONICAL.writeValueAsString(r.attributes());
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("attributes", "must be a JSON object");
        }
        ContactDetails contact = new ContactDetails(email, phone,
            ContactData.text(r.name(), 200), ContactData.text(r.company(), 200), ContactData.text(r.title(), 200),
            ContactData.text(r.industry(), 100), ContactData.text(r.source(), 100), language, timeZone);
        return new ValidSignal(type, contact, r.consent(), occurredAt, r.attributes(), attributes);
    }

    /** A type of the deployed engagement-scoring table, or null with the problem noted. */
    private String type(String given, List<FieldProblem> problems) {
        if (given == null || given.isBlank()) {
            problems.add(new FieldProblem("type", "is required; allowed: " + allowedTypes()));
            return null;
        }
        if (!catalogue.accepts(given.trim())) {
            problems.add(new FieldProblem("type", "'" + ContactData.text(given, 40) + "' is not a signal type; allowed: " + allowedTypes()));
            return null;
        }
        return given.trim();
    }

    private static String timeZone(String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(given.trim()).getId();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("must be an IANA time zone such as Asia/Jakarta");
        }
    }

    /** When the signal happened (now when not given), in UTC, between FIRST_YEAR and tomorrow; now with the problem noted. */
    private OffsetDateTime occurredAt(String given, List<FieldProblem> problems) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime occurredAt = now;
        if (given != null && !given.isBlank()) {
            try {
                occurredAt = OffsetDateTime.parse(given.trim()).withOffsetSameInstant(ZoneOffset.UTC);
            } catch (DateTimeException e) {
                try {
                    occurredAt = Instant.parse(given.trim()).atOffset(ZoneOffset.UTC);
                } catch (DateTimeException again) {
                    problems.add(new FieldProblem("occurredAt", "must be an ISO-8601 date-time with an offset, e.g. 2026-11-22T09:30:00+07:00"));
                }
            }
        }
        if (occurredAt.getYear() < Dates.FIRST_YEAR || occurredAt.isAfter(now.plusDays(1))) {
            problems.add(new FieldProblem("occurredAt", "must lie between " + Dates.FIRST_YEAR + " and tomorrow"));
        }
        return occurredAt;
    }

    private static String normalise(List<FieldProblem> problems, String field, Supplier<String> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem(field, e.getMessage()));
            return null;
        }
    }
}
