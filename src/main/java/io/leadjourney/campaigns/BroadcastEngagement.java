package io.leadjourney.campaigns;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

/**
 * Opens, clicks and conversions per variant of a broadcast: one statement over every recipient it sent to, so while a
 * broadcast runs (and its page refreshes itself, and marketing ops poll its API) the figures are counted at most every
 * 15 seconds per node; the progress (sent, skipped, pending) stays live. Finished broadcasts are counted on every view.
 */
@Component
class BroadcastEngagement {

    private static final long FRESH_NANOS = TimeUnit.SECONDS.toNanos(15);

    private final BroadcastRepository repository;
    private final Map<String, Counted> running = new ConcurrentHashMap<>();

    BroadcastEngagement(BroadcastRepository repository) {
        this.repository = repository;
    }

    /** Template -> {opened, clicked, converted}. */
    Map<String, int[]> of(BroadcastRepository.Broadcast broadcast) {
        if (broadcast.processInstanceId() == null) {
            return Map.of();
        }
        if (broadcast.status() != BroadcastRepository.Status.RUNNING) {
            running.remove(broadcast.id());
            return count(broadcast);
        }
        long now = System.nanoTime();
        Counted counted = running.get(broadcast.id());
        if (counted == null || now - counted.at() > FRESH_NANOS) {
            counted = new Counted(count(broadcast), now);
            running.put(broadcast.id(), counted);
        }
        return counted.figures();
    }

    private Map<String, int[]> count(BroadcastRepository.Broadcast broadcast) {
        return repository.engagement(broadcast.id(), broadcast.processInstanceId(), Broadcasts.stepKey(broadcast.id()));
    }

    private record Counted(Map<String, int[]> figures, long at) {
    }
}
