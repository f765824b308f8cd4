package io.leadjourney.messaging;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared HTML layout rendered once per language (with or without footer and unsubscribe link) instead of once per
 * message: rendered with markers in place of the subject, three paragraphs, the footer and the link, then filled per
 * message with the escaped values. A layout whose output is not of that shape (the markers not each once, paragraphs
 * not repeated alike) or that fills differently from a full render of sample values is rendered in full for every
 * message, as before. Prepared again after a minute, so an edited layout shows like an edited template.
 */
final class PreparedLayouts {

    /** The full Thymeleaf render of the layout. */
    interface Renderer {
        String render(String language, String subject, List<String> paragraphs, String footer, String unsubscribeUrl);
    }

    private static final Logger log = LoggerFactory.getLogger(PreparedLayouts.class);
    private static final long PREPARE_AGAIN_AFTER_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final char MARK = '\uE000';
    private static final String SUBJECT = MARK + "subject" + MARK;
    private static final String FOOTER = MARK + "footer" + MARK;
    private static final String LINK = MARK + "link" + MARK;
    private static final List<String> PARAGRAPHS = List.of(MARK + "p1" + MARK, MARK + "p2" + MARK, MARK + "p3" + MARK);

    private final Renderer renderer;
    private final Map<String, Prepared> prepared = new ConcurrentHashMap<>();

    PreparedLayouts(Renderer renderer) {
        this.renderer = renderer;
    }

    String render(String language, String subject, List<String> paragraphs, String footer, String unsubscribeUrl) {
        if (paragraphs.isEmpty() || containsMark(subject, footer, unsubscribeUrl) || paragraphs.stream().anyMatch(p -> p.indexOf(MARK) >= 0)) {
            return renderer.render(language, subject, paragraphs, footer, unsubscribeUrl);
        }
        String key = language + "|" + (footer != null) + "|" + (unsubscribeUrl != null);
        long now = System.nanoTime();
        Prepared layout = prepared.get(key);
        if (layout == null || now - layout.preparedAt() > PREPARE_AGAIN_AFTER_NANOS) {
            layout = prepare(language, footer != null, unsubscribeUrl != null, now);
            prepared.put(key, layout);
        }
        return layout.parts() == null ? renderer.render(language, subject, paragraphs, footer, unsubscribeUrl)
            : layout.parts().fill(subject, paragraphs, footer, unsubscribeUrl);
    }

    /** Whether the layout of this language is filled rather than rendered per message (for tests and the log). */
    boolean prepared(String language, boolean footer, boolean link) {
        Prepared layout = prepared.get(language + "|" + footer + "|" + link);
        return layout != null && layout.parts() != null;
    }

    private Prepared prepare(String language, boolean footer, boolean link, long now) {
        Parts parts = Parts.of(renderer.render(language, SUBJECT, PARAGRAPHS, footer ? FOOTER : null, link ? LINK : null));
        if (parts != null) {
            String subject = "Probe <&> \"quoted\" 'single' ü";
            List<String> paragraphs = List.of("one & two", "three <b>\nfour", "five", "six ©");
            String footerSample = footer ? "Footer & 'co' <x>" : null;
            String linkSample = link ? "https://example.com/u/?a=1&b=\"2\"" : null;
            if (!parts.fill(subject, paragraphs, footerSample, linkSample)
                .equals(renderer.render(language, subject, paragraphs, footerSample, linkSample))) {
                log.info("The message layout for '{}' is rendered for every message: filling it gave another result than rendering it", language);
                parts = null;
            }
        }
        return new Prepared(parts, now);
    }

    private static boolean containsMark(String... values) {
        for (String value : values) {
            if (value != null && value.indexOf(MARK) >= 0) {
                return true;
            }
        }
        return false;
    }

    private record Prepared(Parts parts, long preparedAt) {
    }

    /** The layout's output before the first paragraph, between two paragraphs and after the last. */
    private record Parts(String head, String between, String tail) {

        static Parts of(String output) {
            int[] at = new int[PARAGRAPHS.size()];
            for (int i = 0; i < at.length; i++) {
                at[i] = output.indexOf(PARAGRAPHS.get(i));
                if (at[i] < 0 || output.indexOf(PARAGRAPHS.get(i), at[i] + 1) >= 0 || (i > 0 && at[i] < at[i - 1])) {
                    return null;
                }
            }
            int length = PARAGRAPHS.get(0).length();
            String between = output.substring(at[0] + length, at[1]);
            if (!between.equals(output.substring(at[1] + length, at[2]))) {
                return null;
            }
            return new Parts(output.substring(0, at[0]), between, output.substring(at[2] + length));
        }

        String fill(String subject, List<String> paragraphs, String footer, String unsubscribeUrl) {
            StringBuilder html = new StringBuilder(head.length() + tail.length() + 256 * paragraphs.size());
            html.append(replaced(head, subject, footer, unsubscribeUrl));
            String separator = replaced(between, subject, footer, unsubscribeUrl);
            for (int i = 0; i < paragraphs.size(); i++) {
                html.append(i == 0 ? "" : separator).append(escape(paragraphs.get(i)));
            }
            return html.append(replaced(tail, subject, footer, unsubscribeUrl)).toString();
        }

        private static String replaced(String part, String subject, String footer, String unsubscribeUrl) {
            if (part.indexOf(MARK) < 0) {
                return part;
            }
            String result = part.replace(SUBJECT, escape(subject));
            result = footer == null ? result : result.replace(FOOTER, escape(footer));
            return unsubscribeUrl == null ? result : result.replace(LINK, escape(unsubscribeUrl));
        }
    }

    /** As Thymeleaf escapes th:text and attribute values (HTML 4/XML level 1); checked against a full render. */
    static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
