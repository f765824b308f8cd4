package io.leadjourney.platform;

import java.time.ZoneId;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The team's time zone, {@code journey.default-time-zone} (Asia/Jakarta unless set; env DEFAULT_TIME_ZONE): the one
 * {@link ZoneId} bean. The business calendar, pages, exports, reports and sales alerts read times in it, and a person
 * without a zone of their own gets it. A zone name the JDK does not know stops the start.
 */
@Configuration
class TeamTimeZone {

    @Bean
    ZoneId zone(PlatformSettings settings) {
        return settings.defaultTimeZone();
    }
}
