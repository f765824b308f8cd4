package io.leadjourney.messaging;

import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.AbstractConfigurableTemplateResolver;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.FileTemplateResolver;

/**
 * Message templates: {@code messages/<template>.<language>.txt} (first line "Subject: …", then the plain text) and,
 * optionally, {@code <template>.<language>.html}. Thymeleaf syntax ({@code [[${firstName}]]} in text,
 * {@code th:text} in HTML). A folder set in journey.messages.dir overrides the templates packaged in the jar, so
 * marketing ops can change copy without a rebuild. A missing language falls back to Indonesian.
 */
@Component
class MessageTemplates {

    static final String DEFAULT_LANGUAGE = "id";
    private static final String SUBJECT = "Subject:";

    record Rendered(String subject, String text, String html) {
    }

    private static final long CHECK_AGAIN_AFTER_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);

    private final TemplateEngine text;
    private final TemplateEngine html;
    private final java.util.Map<String, Existence> existence = new java.util.concurrent.ConcurrentHashMap<>();

    MessageTemplates(MessagingSettings settings) {
        this.text = engine(TemplateMode.TEXT, ".txt", settings.messages().dir());
        this.html = engine(TemplateMode.HTML, ".html", settings.messages().dir());
    }

    Rendered render(String template, String language, Map<String, Object> variables) {
        String lang = exists(text, template + "." + language) ? language : DEFAULT_LANGUAGE;
        String name = template + "." + lang;
        if (!exists(text, name)) {
            throw new IllegalStateException("No message template '" + template + "' (looked for messages/" + name + ".txt)");
        }
        Context context = new Context(java.util.Locale.forLanguageTag(lang), variables);
        String rendered = text.process(name, context);
        int newline = rendered.indexOf('\n');
        String first = newline < 0 ? rendered : rendered.substring(0, newline);
        if (!first.startsWith(SUBJECT)) {
            throw new IllegalStateException("Message template messages/" + name + ".txt must start with a 'Subject:' line");
        }
        String subject = first.substring(SUBJECT.length()).trim();
        String body = newline < 0 ? "" : rendered.substring(newline + 1).strip();
        String htmlBody = exists(html, name) ? html.process(name, context) : null;
        return new Rendered(subject, body, htmlBody);
    }

    /** A fragment of text shared by every message of a kind (e.g. the marketing footer), or empty. */
    Optional<Rendered> renderOptional(String template, String language, Map<String, Object> variables) {
        if (!exists(text, template + "." + language) && !exists(text, template + "." + DEFAULT_LANGUAGE)) {
            return Optional.empty();
        }
        String lang = exists(text, template + "." + language) ? language : DEFAULT_LANGUAGE;
        Context context = new Context(java.util.Locale.forLanguageTag(lang), variables);
        String name = template + "." + lang;
        return Optional.of(new Rendered(null, text.process(name, context).strip(), exists(html, name) ? html.process(name, context) : null));
    }

    /**
     * The HTML part of a message whose template has no .html of its own: the plain text's paragraphs in the shared
     * layout (messages/_layout.html), with the footer (sender, postal address, unsubscribe link) when given.
     */
    String htmlFromText(String subject, String text, String language, String footer, String unsubscribeUrl) {
        Map<String, Object> variables = new java.util.HashMap<>();
        variables.put("subject", subject);
        variables.put("paragraphs", java.util.Arrays.stream(text.split("\\n\\s*\\n")).map(String::strip).filter(p -> !p.isEmpty()).toList());
        variables.put("language", language);
        variables.put("footer", footer);
        variables.put("unsubscribeUrl", unsubscribeUrl);
        return html.process("_layout", new Context(java.util.Locale.forLanguageTag(language), variables));
    }

    /**
     * Whether a template exists, remembered for a minute like the templates themselves: asking the class loader scans
     * every jar, and at hundreds of messages a second that was the largest cost of a send (timer-storm benchmark).
     */
    private boolean exists(TemplateEngine engine, String name) {
        String key = (engine == text ? "text:" : "html:") + name;
        long now = System.nanoTime();
        Existence known = existence.get(key);
        if (known != null && now - known.checkedAt() < CHECK_AGAIN_AFTER_NANOS) {
            return known.exists();
        }
        boolean exists = lookUp(engine, name);
        existence.put(key, new Existence(exists, now));
        return exists;
    }

    private record Existence(boolean exists, long checkedAt) {
    }

    /** Whether messages/{template}.{language}.txt exists now (uncached: a deployment checks against what is there). */
    boolean textExists(String template, String language) {
        return lookUp(text, template + "." + language);
    }

    private static boolean lookUp(TemplateEngine engine, String name) {
        return engine.getTemplateResolvers().stream()
            .map(resolver -> resolver.resolveTemplate(engine.getConfiguration(), null, name, null))
            .anyMatch(resolution -> resolution != null && resolution.getTemplateResource().exists());
    }

    private static TemplateEngine engine(TemplateMode mode, String suffix, String dir) {
        // the Spring flavour evaluates expressions with SpEL (plain Thymeleaf would need OGNL)
        TemplateEngine engine = new org.thymeleaf.spring6.SpringTemplateEngine();
        int order = 1;
        if (dir != null && !dir.isBlank()) {
            engine.addTemplateResolver(configure(new FileTemplateResolver(), dir.endsWith("/") ? dir : dir + "/", mode, suffix, order++));
        }
        engine.addTemplateResolver(configure(new ClassLoaderTemplateResolver(), "messages/", mode, suffix, order));
        return engine;
    }

    private static AbstractConfigurableTemplateResolver configure(AbstractConfigurableTemplateResolver resolver, String prefix,
                                                                  TemplateMode mode, String suffix, int order) {
        resolver.setPrefix(prefix);
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCheckExistence(true);
        resolver.setCacheable(true);
        resolver.setCacheTTLMs(60_000L); // edited templates show within a minute
        resolver.setOrder(order);
        return resolver;
    }
}
