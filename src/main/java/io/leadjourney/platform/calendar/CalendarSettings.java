package io.leadjourney.platform.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * journey.calendar.*: the team's working week. {@code holidays} left unset means the shipped data (Indonesia's national
 * holidays and cuti bersama, calendar/holidays-id.txt); set it (even empty) to replace it.
 */
@ConfigurationProperties("journey.calendar")
public record CalendarSettings(@DefaultValue({"SATURDAY", "SUNDAY"}) Set<DayOfWeek> weekend, List<LocalDate> holidays,
                               @DefaultValue("09:00-17:00") String businessHours) {
}
