package io.leadjourney.benchmark;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.leadjourney.messaging.LocalSmtpServer;

/** Empties the local SMTP server's in-memory mailbox every second, so a storm of 50k messages does not fill the heap. */
final class SmtpDrain {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    SmtpDrain(LocalSmtpServer smtp) {
        timer.scheduleWithFixedDelay(smtp::purge, 1, 1, TimeUnit.SECONDS);
    }

    void stop() {
        timer.shutdownNow();
    }
}
