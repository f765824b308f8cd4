package io.leadjourney.messaging;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** Email over SMTP (Spring Mail). Addresses and headers come only from validated values; Jakarta Mail encodes them. */
@Component
class EmailSender {

    record Email(String to, String toName, String subject, String text, String html, String messageId, Map<String, String> headers) {
    }

    private final JavaMailSender mailSender;
    private final MessagingSettings settings;

    EmailSender(JavaMailSender mailSender, MessagingSettings settings) {
        this.mailSender = mailSender;
        this.settings = settings;
    }

    void send(Email email) {
        try {
            MimeMessage message = new FixedIdMimeMessage(session(), email.messageId());
            MimeMessageHelper helper = new MimeMessageHelper(message, email.html() != null, StandardCharsets.UTF_8.name());
            helper.setFrom(new InternetAddress(settings.sender().email(), singleLine(settings.sender().name()), StandardCharsets.UTF_8.name()));
            helper.setTo(new InternetAddress(email.to(), singleLine(email.toName()), StandardCharsets.UTF_8.name()));
            helper.setSubject(singleLine(email.subject()));
            if (email.html() != null) {
                helper.setText(email.text(), email.html());
            } else {
                helper.setText(email.text());
            }
            for (Map.Entry<String, String> header : email.headers().entrySet()) {
                message.setHeader(header.getKey(), singleLine(header.getValue()));
            }
            mailSender.send(message);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalStateException("Cannot build the email to " + email.to() + ": " + e.getMessage(), e);
        }
    }

    private Session session() {
        return mailSender instanceof JavaMailSenderImpl impl ? impl.getSession() : Session.getInstance(new java.util.Properties());
    }

    /** Header values never carry line breaks, whatever a template or a person's data holds. */
    static String singleLine(String value) {
        return value == null ? null : value.replaceAll("[\\r\\n\\t\\u0000-\\u001f\\u2028\\u2029\\u0085]+", " ").trim();
    }

    /** Keeps the Message-ID we give it (stable per person and step) instead of a new random one on save. */
    private static final class FixedIdMimeMessage extends MimeMessage {
        private final String messageId;

        FixedIdMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            if (messageId == null) {
                super.updateMessageID();
            } else {
                setHeader("Message-ID", messageId);
            }
        }
    }
}
