package io.leadjourney.platform.engine;

import java.time.Instant;

/**
 * Thrown by an asynchronous step that must not act yet (a message outside the send window or over the weekly cap).
 * {@link DeferredJobs} moves the step's job to {@code until} without using a retry or raising an incident.
 */
public class JobDeferral extends RuntimeException {

    private final Instant until;

    public JobDeferral(Instant until, String reason) {
        super("Deferred until " + until + ": " + reason, null, false, false);
        this.until = until;
    }

    Instant until() {
        return until;
    }
}
