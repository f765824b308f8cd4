package io.leadjourney.platform;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock of the service: the engine's. Timers are due by the engine clock, so everything that compares with
 * them (send windows, caps, SLAs) and every row the service writes reads the same time; tests move it with ClockUtil
 * and nothing else needs to know. Main code takes its time only from this bean (ClockRulesTest).
 */
@Configuration
class EngineClock {

    @Bean
    Clock clock() {
        return new EngineTime(ZoneOffset.UTC);
    }

    private static final class EngineTime extends Clock {
        private final ZoneId zone;

        EngineTime(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new EngineTime(other);
        }

        @Override
        public Instant instant() {
            return ClockUtil.getCurrentTime().toInstant();
        }
    }
}
