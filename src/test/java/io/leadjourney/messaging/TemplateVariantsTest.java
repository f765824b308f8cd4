package io.leadjourney.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.leadjourney.people.PersonId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A/B variants of a template are files next to it: in journey.messages.dir or packaged, in every language of the template. */
class TemplateVariantsTest {

    @TempDir
    Path dir;

    private MessageTemplates templates() {
        return new MessageTemplates(new MessagingSettings(null, null, null, null, new MessagingSettings.Messages(dir.toString()), null, null));
    }

    private void write(String name) throws IOException {
        Files.writeString(dir.resolve(name), "Subject: " + name + "\n\nText.\n");
    }

    @Test
    void aVariantCountsWhenItExistsInEveryLanguageOfItsTemplate() throws IOException {
        write("lead-education-1~d.id.txt");
        write("lead-education-1~d.en.txt");
        write("lead-education-1~e.id.txt");          // no English: not a variant
        write("lead-education-1~a.id.txt");          // "a" is the template itself
        write("lead-education-1~a.en.txt");
        write("lead-education-10~f.id.txt");         // another template's variant
        write("lead-education-10~f.en.txt");

        assertThat(templates().variants("lead-education-1")).containsExactly("d");
        assertThat(templates().variants("ab-test-offer")).as("packaged (test class path)").containsExactly("b");
        assertThat(templates().variants("lead-education-2")).isEmpty();
        assertThat(MessageCatalogue.experimentOf("lead-education-1~d")).containsExactly("lead-education-1", "d");
        assertThat(MessageCatalogue.experimentOf("lead-education-1")).containsExactly("lead-education-1", "a");
    }

    @Test
    void peopleAreSplitEvenlyAndEachKeepsTheirVersion() throws IOException {
        write("lead-education-2~b.id.txt");
        write("lead-education-2~b.en.txt");
        MessageCatalogue catalogue = new MessageCatalogue(templates());
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 2000; i++) {
            PersonId person = PersonId.of(UUID.randomUUID().toString());
            String version = catalogue.versionFor(person, "lead-education-2");
            assertThat(catalogue.versionFor(person, "lead-education-2")).isEqualTo(version);
            counts.merge(version, 1, Integer::sum);
        }
        assertThat(counts).containsOnlyKeys("lead-education-2", "lead-education-2~b");
        assertThat(counts.get("lead-education-2")).isBetween(900, 1100);
        assertThat(catalogue.versionFor(PersonId.of(UUID.randomUUID().toString()), "lead-education-3")).isEqualTo("lead-education-3");
    }
}
