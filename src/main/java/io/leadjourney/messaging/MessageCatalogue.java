package io.leadjourney.messaging;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

import io.leadjourney.people.PersonId;
import io.leadjourney.platform.engine.TemplateCatalogue;
import org.springframework.stereotype.Component;

/** Which message templates exist (packaged, or in journey.messages.dir): what a model may name. */
@Component
public class MessageCatalogue implements TemplateCatalogue {

    private final MessageTemplates templates;

    MessageCatalogue(MessageTemplates templates) {
        this.templates = templates;
    }

    @Override
    public boolean exists(String template, String language) {
        return templates.textExists(template, language);
    }

    /**
     * The version of an email template this person gets: the template itself or one of its A/B variants
     * ({@code messages/<template>~<variant>.<language>.txt}), in equal shares. The pick is the person's for good: the same
     * person gets the same version at every arrival, on every node (as long as the set of variants stays the same).
     */
    public String versionFor(PersonId person, String template) {
        List<String> variants = templates.variants(template);
        if (variants.isEmpty()) {
            return template;
        }
        CRC32 crc = new CRC32();
        crc.update((person.value() + "|" + template).getBytes(StandardCharsets.UTF_8));
        int pick = (int) (crc.getValue() % (variants.size() + 1));
        return pick == 0 ? template : template + MessageTemplates.VARIANT_SEPARATOR + variants.get(pick - 1);
    }

    /** The template a version belongs to and the version's name ("a" for the template itself). */
    public static String[] experimentOf(String template) {
        int separator = template.indexOf(MessageTemplates.VARIANT_SEPARATOR);
        return separator < 0 ? new String[] {template, "a"} : new String[] {template.substring(0, separator), template.substring(separator + 1)};
    }
}
