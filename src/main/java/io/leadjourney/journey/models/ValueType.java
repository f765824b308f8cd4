package io.leadjourney.journey.models;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;

import io.leadjourney.people.Stage;

/** The kinds of value the journey reads from decision tables and element-template inputs. */
public enum ValueType {
    /** A timer duration: ISO-8601, months and years allowed (P6M, P14D, PT4H). */
    TIMER_DURATION("an ISO-8601 duration in quotes, e.g. \"P3M\", \"P14D\" or \"PT4H\""),
    /** A duration added to a point in time: ISO-8601 in days, hours, minutes (PT1H, P1D), no months. */
    FIXED_DURATION("an ISO-8601 duration in days, hours or minutes in quotes, e.g. \"PT1H\" or \"P1D\""),
    STAGE("a stage in quotes: " + Arrays.toString(Stage.values())),
    GROUP("the id of an existing group in quotes, e.g. \"sales\""),
    TRACK("a nurture track name in quotes (lower-case letters, digits, '-'), e.g. \"lead-education\""),
    CHANNEL("\"EMAIL\" or \"WHATSAPP\""),
    GRADE("\"A\", \"B\" or \"C\""),
    INTEGER("a whole number"),
    COUNT("a whole number, 0 or more"),
    BOOLEAN("true or false"),
    SIGNAL_TYPE("a signal type in quotes, snake_case, e.g. \"webinar_attended\""),
    TEMPLATE("the name of a message template (messages/<name>.id.txt and .en.txt)");

    private final String expected;

    ValueType(String expected) {
        this.expected = expected;
    }

    public String expected() {
        return expected;
    }

    private static final Set<String> CHANNELS = Set.of("EMAIL", "WHATSAPP");
    private static final Set<String> GRADES = Set.of("A", "B", "C");

    /** Why {@code value} is not of this type, or empty when it is. Groups and templates are checked by the caller. */
    public Optional<String> problem(Object value) {
        boolean ok = switch (this) {
            case TIMER_DURATION -> value instanceof String text && timerDuration(text);
            case FIXED_DURATION -> value instanceof String text && fixedDuration(text);
            case STAGE -> value instanceof String text && Arrays.stream(Stage.values()).anyMatch(s -> s.name().equals(text));
            case GROUP, TEMPLATE -> value instanceof String text && !text.isBlank();
            case TRACK -> value instanceof String text && text.matches("[a-z0-9]+(-[a-z0-9]+)*");
            case CHANNEL -> value instanceof String text && CHANNELS.contains(text);
            case GRADE -> value instanceof String text && GRADES.contains(text);
            case INTEGER -> wholeNumber(value) != null;
            case COUNT -> wholeNumber(value) != null && wholeNumber(value) >= 0;
            case BOOLEAN -> value instanceof Boolean;
            case SIGNAL_TYPE -> value instanceof String text && text.matches("[a-z][a-z0-9]*(_[a-z0-9]+)*");
        };
        return ok ? Optional.empty() : Optional.of(describe(value) + " is not " + expected);
    }

    static Long wholeNumber(Object value) {
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return number.longValue();
        }
        if (value instanceof String text && text.trim().matches("-?[0-9]{1,9}")) {
            return Long.parseLong(text.trim());
        }
        return null;
    }

    private static String describe(Object value) {
        return value instanceof String text ? "\"" + text + "\"" : value == null ? "an empty value" : String.valueOf(value);
    }

    private static boolean timerDuration(String text) {
        if (!text.startsWith("P")) {
            return false;
        }
        try {
            DatatypeFactory.newInstance().newDuration(text);
            return true;
        } catch (IllegalArgumentException | DatatypeConfigurationException e) {
            return false;
        }
    }

    private static boolean fixedDuration(String text) {
        try {
            return !Duration.parse(text).isNegative();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
