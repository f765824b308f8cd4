package io.leadjourney.messaging;

import org.springframework.stereotype.Component;

/** Which message templates exist (packaged, or in journey.messages.dir): what a model may name. */
@Component
public class MessageCatalogue {

    private final MessageTemplates templates;

    MessageCatalogue(MessageTemplates templates) {
        this.templates = templates;
    }

    public boolean exists(String template, String language) {
        return templates.textExists(template, language);
    }
}
