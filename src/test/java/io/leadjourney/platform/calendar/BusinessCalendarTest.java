package io.leadjourney.platform.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Business time in Jakarta: Monday to Friday 09:00–17:00, holidays as given (dates in 2026 are the shipped ones). */
class BusinessCalendarTest {

    static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    static final Clock CLOCK = Clock.systemUTC(); // only for the start-up warning about next year's holidays
    final BusinessCalendar calendar = new BusinessCalendar(new CalendarSettings(Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
        List.of(LocalDate.parse("2026-08-17")), "09:00-17:00"), JAKARTA, CLOCK);

    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(JAKARTA).toInstant();
    }

    @Test
    void hoursCountInsideBusinessHoursAndSkipNightsWeekendsAndHolidays() {
        assertThat(calendar.addBusinessTime(at("2026-12-07T10:00"), Duration.ofHours(1))).isEqualTo(at("2026-12-07T11:00"));
        assertThat(calendar.addBusinessTime(at("2026-12-04T16:30"), Duration.ofHours(1))).as("Friday late → Monday").isEqualTo(at("2026-12-07T09:30"));
        assertThat(calendar.addBusinessTime(at("2026-12-05T11:00"), Duration.ofHours(4))).as("Saturday → Monday").isEqualTo(at("2026-12-07T13:00"));
        assertThat(calendar.addBusinessTime(at("2026-12-07T07:00"), Duration.ofHours(1))).as("before opening").isEqualTo(at("2026-12-07T10:00"));
        assertThat(calendar.addBusinessTime(at("2026-12-07T20:00"), Duration.ofMinutes(30))).as("after closing").isEqualTo(at("2026-12-08T09:30"));
        assertThat(calendar.addBusinessTime(at("2026-08-14T16:00"), Duration.ofHours(2))).as("Independence Day Monday").isEqualTo(at("2026-08-18T10:00"));
        assertThat(calendar.addBusinessTime(at("2026-12-07T10:00"), Duration.ofHours(10))).as("over a night").isEqualTo(at("2026-12-08T12:00"));
    }

    @Test
    void daysCountBusinessDays() {
        assertThat(calendar.addBusinessTime(at("2026-12-04T10:00"), Duration.ofDays(1))).isEqualTo(at("2026-12-07T10:00"));
        assertThat(calendar.addBusinessTime(at("2026-12-07T10:00"), Duration.ofDays(7))).isEqualTo(at("2026-12-16T10:00"));
        assertThat(calendar.addBusinessTime(at("2026-08-14T10:00"), Duration.ofDays(1))).isEqualTo(at("2026-08-18T10:00"));
    }

    @Test
    void daysOffAreWeekendsAndHolidays() {
        assertThat(calendar.isBusinessDay(LocalDate.parse("2026-12-07"))).isTrue();
        assertThat(calendar.isBusinessDay(LocalDate.parse("2026-12-05"))).isFalse();
        assertThat(calendar.isBusinessDay(LocalDate.parse("2026-08-17"))).isFalse();
    }

    @Test
    void theShippedHolidaysHoldIndonesiasDaysOffForThisYearAndTheNext() {
        Set<LocalDate> shipped = BusinessCalendar.shipped();
        assertThat(shipped).contains(LocalDate.parse("2026-08-17"), LocalDate.parse("2026-12-25"), LocalDate.parse("2026-12-24"),
            LocalDate.parse("2027-01-01"), LocalDate.parse("2027-08-17"));
        BusinessCalendar indonesia = new BusinessCalendar(new CalendarSettings(Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), null, "09:00-17:00"),
            JAKARTA, CLOCK);
        assertThat(indonesia.isBusinessDay(LocalDate.parse("2026-12-25"))).isFalse();
        assertThat(indonesia.isBusinessDay(LocalDate.parse("2026-12-23"))).isTrue();
    }

    @Test
    void allDayAndNoDaysOffIsPlainTime() {
        BusinessCalendar always = new BusinessCalendar(new CalendarSettings(Set.of(), List.of(), "00:00-24:00"), JAKARTA, CLOCK);
        assertThat(always.addBusinessTime(at("2026-12-05T23:30"), Duration.ofHours(1))).isEqualTo(at("2026-12-06T00:30"));
        assertThat(always.addBusinessTime(at("2026-12-05T23:30"), Duration.ofDays(2))).isEqualTo(at("2026-12-07T23:30"));
    }

    @Test
    void businessHoursMustReadLikeARange() {
        assertThatThrownBy(() -> new BusinessCalendar(new CalendarSettings(Set.of(), List.of(), "9 to 5"), JAKARTA, CLOCK))
            .hasMessageContaining("09:00-17:00");
        assertThatThrownBy(() -> new BusinessCalendar(new CalendarSettings(Set.of(), List.of(), "17:00-09:00"), JAKARTA, CLOCK))
            .hasMessageContaining("close after it opens");
    }
}
