package io.leadjourney.messaging;

import java.time.Instant;

/** What became of a message order. */
public sealed interface SendOutcome {

    /** Sent now, or already sent by an earlier attempt of the same step. */
    record Sent(String messageId, boolean earlier) implements SendOutcome {
    }

    /** Not sent and never will be for this step: no consent, unsubscribed, no address on the channel. */
    record Skipped(String reason) implements SendOutcome {
    }

    /** Not now: outside the person's send window or over the weekly cap; try again at {@code until}. */
    record Deferred(Instant until, String reason) implements SendOutcome {
    }
}
