package io.leadjourney.messaging;

import java.util.concurrent.TimeUnit;

import jakarta.mail.MessagingException;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * The SMTP server, as a detail of /actuator/health: UP, or DEGRADED while it cannot be reached. DEGRADED does not
 * change the aggregate status (which gates a load balancer's traffic): during a mail outage the service keeps taking
 * signals and serving Tasklist, and the sends retry, then become incidents (docs/operations.md).
 */
@Component("smtp")
class MailHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "the SMTP server cannot be reached; sends retry and then raise incidents");
    private static final long CHECK_AGAIN_AFTER_NANOS = TimeUnit.SECONDS.toNanos(15);

    private final JavaMailSenderImpl mail;
    private volatile Health last;
    private volatile long checkedAt;

    MailHealth(JavaMailSenderImpl mail) {
        this.mail = mail;
    }

    @Override
    public Health health() {
        long now = System.nanoTime();
        Health known = last;
        if (known != null && now - checkedAt < CHECK_AGAIN_AFTER_NANOS) {
            return known;
        }
        Health checked;
        try {
            mail.testConnection();
            checked = Health.up().withDetail("server", mail.getHost() + ":" + mail.getPort()).build();
        } catch (MessagingException e) {
            checked = Health.status(DEGRADED).withDetail("server", mail.getHost() + ":" + mail.getPort()).withDetail("error", e.getMessage()).build();
        }
        last = checked;
        checkedAt = now;
        return checked;
    }
}
