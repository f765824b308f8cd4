package io.leadjourney.messaging;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

/**
 * Mail that is not marketing (alerts to sales managers): no consent check, no send window or cap, no unsubscribe.
 * Still at most once per (recipient, journey, step).
 */
@Service
public class TransactionalMail {

    private final EmailSender email;
    private final MessageTemplates templates;
    private final Outbox outbox;

    TransactionalMail(EmailSender email, MessageTemplates templates, Outbox outbox) {
        this.email = email;
        this.templates = templates;
        this.outbox = outbox;
    }

    public record Recipient(String email, String name) {
    }

    /**
     * Sends {@code template} to each recipient; {@code order} names the person the mail is about and the step.
     * Recipients already mailed by an earlier attempt of the step are not mailed again.
     */
    public void send(MessageOrder order, List<Recipient> recipients, String language, Map<String, Object> variables) {
        MessageTemplates.Rendered message = templates.render(order.template(), language, variables);
        for (Recipient recipient : recipients) {
            MessageOrder perRecipient = new MessageOrder(order.person(), order.processInstanceId(),
                order.stepKey() + "|" + recipient.email(), order.template(), order.channel());
            if (outbox.find(perRecipient).isPresent()) {
                continue;
            }
            String messageId = "<" + UUID.randomUUID() + "@leadjourney>";
            String html = message.html() != null ? message.html() : templates.htmlFromText(message.subject(), message.text(), language, null, null);
            email.send(new EmailSender.Email(recipient.email(), recipient.name(), message.subject(), message.text(), html,
                messageId, Map.of("X-Lead-Journey-Template", order.template())));
            outbox.sent(perRecipient, Outbox.Kind.TRANSACTIONAL, messageId, recipient.email(), message.subject());
        }
    }
}
