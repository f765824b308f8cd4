package io.leadjourney.messaging;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * One SMTP connection per sending thread (the job executor's threads), kept open between messages instead of Spring
 * Mail's connect-log-in-send-quit per message. A connection is checked (NOOP) before it is used after a pause, renewed
 * after {@code journey.mail.messages-per-connection} messages, closed when idle for a minute, and dropped on any failure
 * — the failing send fails its job as before, and its retry connects afresh.
 */
@Component
class SmtpConnections {

    private static final long CHECK_AFTER_IDLE_NANOS = Duration.ofSeconds(5).toNanos();
    private static final long CLOSE_AFTER_IDLE_NANOS = Duration.ofMinutes(1).toNanos();

    private final JavaMailSenderImpl mail;
    private final Clock clock;
    private final int messagesPerConnection;
    private final Counter opened;
    private final Map<Thread, Connection> connections = new ConcurrentHashMap<>();

    SmtpConnections(JavaMailSenderImpl mail, Clock clock, MessagingSettings settings, MeterRegistry meters) {
        this.mail = mail;
        this.clock = clock;
        this.messagesPerConnection = settings.mail().messagesPerConnection();
        this.opened = Counter.builder("leadjourney.smtp.connections").description("SMTP connections opened").register(meters);
    }

    private static final class Connection {
        final ReentrantLock lock = new ReentrantLock();
        Transport transport;
        int sent;
        long lastUsed;
    }

    MimeMessage createMimeMessage() {
        return mail.createMimeMessage();
    }

    void send(MimeMessage message) {
        Connection connection = connections.computeIfAbsent(Thread.currentThread(), thread -> new Connection());
        connection.lock.lock();
        try {
            String messageId = message.getMessageID();
            message.setSentDate(Date.from(clock.instant()));
            message.saveChanges();
            if (messageId != null) {
                message.setHeader("Message-ID", messageId); // saveChanges() makes a new one
            }
            Transport transport = usable(connection);
            try {
                transport.sendMessage(message, message.getAllRecipients());
            } catch (MessagingException | RuntimeException e) {
                close(connection);
                throw e;
            }
            connection.sent++;
            connection.lastUsed = System.nanoTime();
        } catch (MessagingException e) {
            throw new MailSendException("Mail server (SMTP) " + mail.getHost() + ":" + mail.getPort() + " refused or failed the message: " + e.getMessage(), e);
        } finally {
            connection.lock.unlock();
        }
    }

    private Transport usable(Connection connection) throws MessagingException {
        long now = System.nanoTime();
        if (connection.transport != null && (connection.sent >= messagesPerConnection
            || (now - connection.lastUsed > CHECK_AFTER_IDLE_NANOS && !connection.transport.isConnected()))) {
            close(connection);
        }
        if (connection.transport == null) {
            Transport transport = mail.getSession().getTransport(mail.getProtocol() == null ? "smtp" : mail.getProtocol());
            transport.connect(mail.getHost(), mail.getPort(), blankToNull(mail.getUsername()), blankToNull(mail.getPassword()));
            opened.increment();
            connection.transport = transport;
            connection.sent = 0;
        }
        return connection.transport;
    }

    /** Connections idle for a minute are closed (an SMTP server drops them itself after a few). */
    @Scheduled(fixedDelay = 30_000, initialDelay = 30_000)
    void closeIdle() {
        long now = System.nanoTime();
        connections.forEach((thread, connection) -> {
            if (connection.lock.tryLock()) {
                try {
                    if (connection.transport != null && (now - connection.lastUsed > CLOSE_AFTER_IDLE_NANOS || !thread.isAlive())) {
                        close(connection);
                    }
                    if (!thread.isAlive()) {
                        connections.remove(thread);
                    }
                } finally {
                    connection.lock.unlock();
                }
            }
        });
    }

    private static void close(Connection connection) {
        if (connection.transport != null) {
            try {
                connection.transport.close();
            } catch (MessagingException ignored) {
                // the connection is gone either way
            }
            connection.transport = null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
