package io.leadjourney.messaging;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The category Meta gives each WhatsApp template (MARKETING, UTILITY, AUTHENTICATION), kept current from the
 * template_category_update webhook. Meta routes by it: marketing templates go through the Marketing Messages API
 * ({@code /marketing_messages}), the others through {@code /messages}. Every template the journeys send is written as
 * marketing, so a template Meta never reported on counts as MARKETING.
 */
@Component
public class WhatsAppTemplates {

    public static final String MARKETING = "MARKETING";
    private static final Logger log = LoggerFactory.getLogger(WhatsAppTemplates.class);

    private final JdbcClient jdbc;
    private final Clock clock;

    WhatsAppTemplates(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The category Meta last reported for the template in that language; MARKETING when it never did. */
    String category(String name, String language) {
        return jdbc.sql("select category from lj_whatsapp_template where name = ? and language = ?").params(name, language)
            .query(String.class).optional().orElse(MARKETING);
    }

    /**
     * A category change Meta completed: sends of the template follow it from now on. An impending change (Meta will
     * recategorise the template at {@code at}) is logged for marketing ops and changes nothing yet.
     */
    public void categoryChanged(String name, String language, String templateId, String newCategory, boolean completed, String detail) {
        if (name == null || name.isBlank() || language == null || language.isBlank() || newCategory == null || newCategory.isBlank()) {
            log.warn("WhatsApp template category update without name, language or category ignored: {}", detail);
            return;
        }
        String category = newCategory.trim().toUpperCase(Locale.ROOT);
        if (!completed) {
            log.warn("Meta will recategorise WhatsApp template {} ({}) as {}: {}", name, language, category, detail);
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        int updated = jdbc.sql("update lj_whatsapp_template set category = ?, template_id = coalesce(?, template_id), updated_at = ? "
                + "where name = ? and language = ?")
            .params(category, templateId, now, name, language).update();
        if (updated == 0) {
            jdbc.sql("insert into lj_whatsapp_template (name, language, category, template_id, updated_at) values (?, ?, ?, ?, ?)")
                .params(name, language, category, templateId, now).update();
        }
        log.info("WhatsApp template {} ({}) is now {}", name, language, category);
    }
}
