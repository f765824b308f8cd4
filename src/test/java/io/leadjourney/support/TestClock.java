package io.leadjourney.support;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The one clock of the test suite. Every test starts the engine clock at {@link #START}, derived from the day the
 * suite runs (never a fixed date, so the suite is green on any day), and moves it forward from there.
 */
public final class TestClock {

    public static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

    /** The next Monday 10:00 in Jakarta after today: a working day, inside the send window, never in the past. */
    public static final Instant START = nextMondayTenInJakarta(Instant.now());

    private TestClock() {
    }

    static Instant nextMondayTenInJakarta(Instant now) {
        return now.atZone(JAKARTA).toLocalDate().with(TemporalAdjusters.next(DayOfWeek.MONDAY))
            .atTime(LocalTime.of(10, 0)).atZone(JAKARTA).toInstant();
    }

    /** START's day in Jakarta at the given local time. */
    public static Instant startDayAt(LocalTime time) {
        return ZonedDateTime.ofInstant(START, JAKARTA).with(time).toInstant();
    }

    public static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    public static void set(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    public static void reset() {
        ClockUtil.reset();
    }
}
