package io.leadjourney.messaging;

import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.annotation.PreDestroy;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The local profile's SMTP server (GreenMail): a real SMTP server on localhost that keeps what it receives in memory,
 * shown at /mail. Never active in prod.
 */
@Component
@ConditionalOnProperty(name = "journey.local-smtp.enabled", havingValue = "true")
public class LocalSmtpServer {

    private static final Logger log = LoggerFactory.getLogger(LocalSmtpServer.class);
    private final GreenMail greenMail;
    private final int port;

    LocalSmtpServer(MessagingSettings settings) {
        this.port = settings.localSmtp().port();
        this.greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        start();
    }

    public synchronized void start() {
        greenMail.start();
        log.info("Local SMTP server listening on 127.0.0.1:{}; received mail is listed at /mail", port);
    }

    /** Stops accepting mail (tests use it to simulate an SMTP outage). */
    public synchronized void stop() {
        greenMail.stop();
    }

    public List<MimeMessage> received() {
        return Arrays.asList(greenMail.getReceivedMessages());
    }

    public void purge() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot purge the local mailbox", e);
        }
    }

    public int port() {
        return port;
    }

    @PreDestroy
    void shutdown() {
        greenMail.stop();
    }
}
