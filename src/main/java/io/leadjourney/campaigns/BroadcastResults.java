package io.leadjourney.campaigns;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

/**
 * What a broadcast has done so far. Its progress (sent per variant, skipped by reason, pending) is counted on every
 * view. Opens, clicks and conversions per variant take one statement over every recipient it sent to, so while a
 * broadcast runs (and its page refreshes itself, and marketing ops poll its API) they are counted at most every 15
 * seconds per node; a finished broadcast's on every view.
 */
@Component
class BroadcastResults {

    private static final long FRESH_NANOS = TimeUnit.SECONDS.toNanos(15);

    private final BroadcastRepository repository;
    private final Map<String, Counted> running = new ConcurrentHashMap<>();

    BroadcastResults(BroadcastRepository repository) {
        this.repository = repository;
    }

    record Progress(Map<String, Integer> sentByTemplate, Map<String, Integer> skipped, int pending) {
    }

    Progress progress(String broadcastId) {
        Map<String, Integer> skipped = new LinkedHashMap<>();
        Map<String, Integer> sent = new HashMap<>();
        int pending = 0;
        for (BroadcastRepository.Count count : repository.counts(broadcastId)) {
            switch (count.status()) {
                case SKIPPED -> skipped.merge(count.detail(), count.count(), Integer::sum);
                case SENT -> sent.merge(count.template(), count.count(), Integer::sum);
                case PENDING -> pending += count.count();
                case CANCELLED -> { }
            }
        }
        return new Progress(sent, skipped, pending);
    }

    /** Template -> {opened, clicked, converted}. */
    Map<String, int[]> engagement(BroadcastRepository.Broadcast broadcast) {
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
