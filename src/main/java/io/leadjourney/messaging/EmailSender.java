package io.leadjourney.messaging;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** Email over SMTP (Spring Mail's session, connections kept per thread by {@link SmtpConnections}). Addresses and headers come only from validated values; Jakarta Mail encodes them. */
@Component
class EmailSender {

    record Email(String to, String toName, String subject, String text, String html, String messageId, Map<String, String> headers) {
    }

    private final SmtpConnections mailSender;
    private final MessagingSettings settings;

    EmailSender(SmtpConnections mailSender, MessagingSettings settings) {
        this.mailSender = mailSender;
        this.settings = settings;
    }

    void send(Email email) {
        try {
            // the sender's own MimeMessage type shares its MIME type map (a plain MimeMessage makes the helper re-read
            // mime.types from the class path on every message) and keeps a Message-ID set before sending
            MimeMessage message = mailSender.createMimeMessage();
            if (email.messageId() != null) {
                message.setHeader("Message-ID", email.messageId());
            }
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

    /** Header values never carry line breaks, whatever a template or a person's data holds. */
    static String singleLine(String value) {
        return value == null ? null : value.replaceAll("[\\r\\n\\t\\u0000-\\u001f\\u2028\\u2029\\u0085]+", " ").trim();
    }
}
