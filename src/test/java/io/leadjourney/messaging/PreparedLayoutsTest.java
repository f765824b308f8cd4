package io.leadjourney.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared layout is rendered once per language and filled per message, giving exactly what a full render gives. */
class PreparedLayoutsTest {

    @TempDir
    Path dir;

    private MessageTemplates templates() {
        return new MessageTemplates(new MessagingSettings(null, null, null, null, new MessagingSettings.Messages(dir.toString()), null, null));
    }

    private static final String TEXT = "Halo Budi & Siti <PT \"Maju\" Jaya>,\n\nTerima kasih sudah mampir.\nBaris kedua, 'dikutip'.\n\n"
        + "Salam © 2026 — tim kami\n\n\n\nP.S. https://example.com/?a=1&b=2";

    @Test
    void theFilledLayoutIsWhatThymeleafRendersForEveryLanguageFooterAndLink() {
        MessageTemplates templates = templates();
        for (String language : List.of("id", "en")) {
            for (String footer : Arrays.asList("Lead Journey · Jl. Sudirman 1 & 2, Jakarta", null)) {
                for (String link : Arrays.asList("https://leadjourney.example/unsubscribe/t0k\"en&x=<1>", null)) {
                    for (String text : List.of(TEXT, "Satu paragraf saja.", TEXT.repeat(3))) {
                        String subject = "Panduan <untuk> \"Anda\" & 'tim'";
                        String expected = templates.renderLayout(language, subject, paragraphs(text), footer, link);
                        assertThat(templates.htmlFromText(subject, text, language, footer, link)).isEqualTo(expected);
                        assertThat(templates.layouts.prepared(language, footer != null, link != null))
                            .as("filled, not rendered: %s, footer %s, link %s", language, footer, link).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void aLayoutWhoseParagraphsDifferByPositionIsRenderedInFullEveryTime() throws IOException {
        Files.writeString(dir.resolve("_layout.html"), """
            <html xmlns:th="http://www.thymeleaf.org"><body><h1 th:text="${subject}">S</h1>
            <p th:each="paragraph, at : ${paragraphs}" th:classappend="${at.odd} ? 'odd'" th:text="${paragraph}">P</p>
            <small th:text="${footer}">F</small></body></html>
            """);
        MessageTemplates templates = templates();

        String html = templates.htmlFromText("Hi", TEXT, "en", "Footer", null);

        assertThat(html).isEqualTo(templates.renderLayout("en", "Hi", paragraphs(TEXT), "Footer", null)).contains("class=\"odd\"");
        assertThat(templates.layouts.prepared("en", true, false)).isFalse();
    }

    @Test
    void valuesCarryingTheMarkerCharacterAreRenderedInFull() {
        MessageTemplates templates = templates();
        String subject = "Odd \uE000subject\uE000";
        assertThat(templates.htmlFromText(subject, TEXT, "id", null, null))
            .isEqualTo(templates.renderLayout("id", subject, paragraphs(TEXT), null, null));
    }

    private static List<String> paragraphs(String text) {
        return Arrays.stream(text.split("\\n\\s*\\n")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }
}
