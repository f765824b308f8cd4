package io.leadjourney.platform.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The team's working time (journey.calendar.*, in journey.default-time-zone): business days are the days that are
 * neither weekend nor holiday, business hours the part of them sales work. Sales SLAs count business time; marketing
 * does not send on days off.
 */
@Component
public class BusinessCalendar {

    private static final Logger log = LoggerFactory.getLogger(BusinessCalendar.class);
    static final String SHIPPED_HOLIDAYS = "calendar/holidays-id.txt";

    private final Set<DayOfWeek> weekend;
    private final Set<LocalDate> holidays;
    private final LocalTime opens;
    /** Null: business hours run to midnight. */
    private final LocalTime closes;
    private final ZoneId zone;

    public BusinessCalendar(CalendarSettings settings, ZoneId zone, Clock clock) {
        this.weekend = settings.weekend() == null || settings.weekend().isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(settings.weekend());
        this.holidays = new TreeSet<>(settings.holidays() != null ? settings.holidays() : shipped());
        String[] hours = settings.businessHours().split("-");
        if (hours.length != 2) {
            throw new IllegalArgumentException("journey.calendar.business-hours must read like 09:00-17:00, not '" + settings.businessHours() + "'");
        }
        this.opens = LocalTime.parse(hours[0].trim());
        this.closes = "24:00".equals(hours[1].trim()) ? null : LocalTime.parse(hours[1].trim());
        if (closes != null && !closes.isAfter(opens)) {
            throw new IllegalArgumentException("journey.calendar.business-hours: the day must close after it opens (" + settings.businessHours() + ")");
        }
        this.zone = zone;
        if (settings.holidays() == null && holidays.stream().noneMatch(day -> day.getYear() == LocalDate.now(clock.withZone(zone)).getYear() + 1)) {
            log.warn("The shipped holidays ({}) end with {}: set journey.calendar.holidays to next year's days off", SHIPPED_HOLIDAYS,
                holidays.isEmpty() ? "nothing" : ((TreeSet<LocalDate>) holidays).last());
        }
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isBusinessDay(LocalDate day) {
        return !weekend.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }

    /**
     * {@code from} plus {@code amount} of business time: whole days count business days (same time of day, or the next
     * opening when that falls outside business hours), hours and minutes count business hours.
     */
    public Instant addBusinessTime(Instant from, Duration amount) {
        ZonedDateTime at = from.atZone(zone);
        long days = amount.toDays();
        for (long i = 0; i < days; i++) {
            at = at.plusDays(1);
            while (!isBusinessDay(at.toLocalDate())) {
                at = at.plusDays(1);
            }
        }
        Duration left = amount.minusDays(days);
        at = open(at);
        while (!left.isZero() && !left.isNegative()) {
            ZonedDateTime closing = closes == null ? at.toLocalDate().plusDays(1).atStartOfDay(zone) : at.with(closes);
            Duration today = Duration.between(at, closing);
            if (left.compareTo(today) <= 0) {
                return at.plus(left).toInstant();
            }
            left = left.minus(today);
            at = open(closing);
        }
        return at.toInstant();
    }

    /** The first moment at or after {@code at} inside business hours of a business day. */
    private ZonedDateTime open(ZonedDateTime at) {
        ZonedDateTime moment = at;
        while (true) {
            LocalTime time = moment.toLocalTime();
            boolean closed = closes != null && !time.isBefore(closes);
            if (!isBusinessDay(moment.toLocalDate()) || closed) {
                moment = moment.toLocalDate().plusDays(1).atTime(opens).atZone(zone);
            } else if (time.isBefore(opens)) {
                moment = moment.with(opens);
            } else {
                return moment;
            }
        }
    }

    /** Empty when {@code day} is a business day, else the next one. */
    public Optional<LocalDate> nextBusinessDayAfterDayOff(LocalDate day) {
        if (isBusinessDay(day)) {
            return Optional.empty();
        }
        LocalDate next = day.plusDays(1);
        while (!isBusinessDay(next)) {
            next = next.plusDays(1);
        }
        return Optional.of(next);
    }

    static Set<LocalDate> shipped() {
        try (InputStream in = BusinessCalendar.class.getClassLoader().getResourceAsStream(SHIPPED_HOLIDAYS)) {
            if (in == null) {
                throw new IllegalStateException(SHIPPED_HOLIDAYS + " is missing from the class path");
            }
            Set<LocalDate> days = new TreeSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String date = line.replaceAll("#.*", "").trim();
                if (!date.isEmpty()) {
                    try {
                        days.add(LocalDate.parse(date));
                    } catch (DateTimeParseException e) {
                        throw new IllegalStateException(SHIPPED_HOLIDAYS + ": '" + date + "' is not a date (YYYY-MM-DD)", e);
                    }
                }
            }
            return days;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
