package io.leadjourney.platform.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.stereotype.Component;

/**
 * Requests per intake API key (Bucket4j token buckets, per node): {@code journey.intake.rate-limit.per-minute}
 * sustained, with bursts up to {@code journey.intake.rate-limit.burst}.
 */
@Component
class RateLimits {

    private final long perMinute;
    private final long burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimits(SecuritySettings settings) {
        this.perMinute = settings.intake().rateLimit().perMinute();
        this.burst = settings.intake().rateLimit().burst();
    }

    /** 0 when the request may go ahead (and is counted), otherwise the whole seconds to wait. */
    long secondsToWait(String system) {
        Bucket bucket = buckets.computeIfAbsent(system, key -> Bucket.builder()
            .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
            .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
    }
}
