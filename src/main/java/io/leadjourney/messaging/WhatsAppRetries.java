package io.leadjourney.messaging;

import io.leadjourney.platform.BackgroundWork;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** On nodes that run jobs: sends again, every minute, the WhatsApp messages Meta's marketing limit held back 24 hours ago. */
@Component
class WhatsAppRetries {

    private final MarketingMessages messages;
    private final TransactionTemplate transaction;
    private final boolean enabled;

    WhatsAppRetries(MarketingMessages messages, TransactionTemplate transaction, BackgroundWork background) {
        this.messages = messages;
        this.transaction = transaction;
        this.enabled = background.enabled();
    }

    @Scheduled(fixedDelayString = "${journey.whatsapp.retry-interval:PT1M}", initialDelayString = "PT30S")
    void resendDue() {
        if (enabled) {
            resend(50);
        }
    }

    /** One batch in one transaction; returns how many were handled. */
    int resend(int max) {
        Integer handled = transaction.execute(status -> messages.resendDue(max));
        return handled == null ? 0 : handled;
    }
}
