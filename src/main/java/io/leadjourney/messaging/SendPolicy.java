package io.leadjourney.messaging;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import io.leadjourney.platform.calendar.BusinessCalendar;

/** When a marketing message may go out: inside the person's send window and under the weekly cap. Pure rules. */
final class SendPolicy {

    static final Duration CAP_PERIOD = Duration.ofDays(7);

    private final MessagingSettings.SendWindow window;
    private final int perWeek;
    private final BusinessCalendar calendar;

    SendPolicy(MessagingSettings.SendWindow window, int perWeek, BusinessCalendar calendar) {
        this.window = window;
        this.perWeek = perWeek;
        this.calendar = calendar;
    }

    /**
     * Empty when {@code now} is inside the window in {@code zone} on a business day (any day when {@code anyDay}: the
     * nurture table allows weekends and holidays), else the next opening.
     */
    Optional<Instant> nextWindowOpening(Instant now, ZoneId zone, boolean anyDay) {
        if (!window.enabled()) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        boolean dayOpen = anyDay || calendar.isBusinessDay(local.toLocalDate());
        if (dayOpen && !time.isBefore(window.start()) && time.isBefore(window.end())) {
            return Optional.empty();
        }
        ZonedDateTime opening = local.with(window.start()).withSecond(0).withNano(0);
        if (!time.isBefore(window.start())) {
            opening = opening.plusDays(1);
        }
        while (!anyDay && !calendar.isBusinessDay(opening.toLocalDate())) {
            opening = opening.plusDays(1);
        }
        return Optional.of(opening.toInstant());
    }

    /** Empty when one more message fits the cap, else when the oldest counted message leaves the 7-day period. */
    Optional<Instant> capFreesAt(Instant now, List<Instant> sentInLastWeek) {
        if (sentInLastWeek.size() < perWeek) {
            return Optional.empty();
        }
        Instant oldest = sentInLastWeek.stream().min(Instant::compareTo).orElseThrow();
        Instant frees = oldest.plus(CAP_PERIOD);
        return Optional.of(frees.isAfter(now) ? frees : now);
    }

    int perWeek() {
        return perWeek;
    }
}
