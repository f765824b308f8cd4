package io.leadjourney.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
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
    /** The languages messages are written in (a person's language is one of them). */
    static final List<String> LANGUAGES = List.of("id", "en");
    private static final String SUBJECT = "Subject:";

    record Rendered(String subject, String text, String html) {
    }

    private static final long CHECK_AGAIN_AFTER_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** Separates a template from its A/B variant: messages/lead-education-1~b.id.txt is variant "b" of lead-education-1. */
    static final String VARIANT_SEPARATOR = "~";

    private final TemplateEngine text;
    private final TemplateEngine html;
    private final String dir;
    private final Map<String, Existence> existence = new ConcurrentHashMap<>();
    private final Map<String, Variants> variants = new ConcurrentHashMap<>();
    final PreparedLayouts layouts = new PreparedLayouts(this::renderLayout);

    MessageTemplates(MessagingSettings settings) {
        this.dir = settings.messages().dir();
        this.text = engine(TemplateMode.TEXT, ".txt", dir);
        this.html = engine(TemplateMode.HTML, ".html", dir);
    }

    /**
     * The A/B variants of a template, sorted: the names {@code v} of every {@code <template>~<v>.<language>.txt} that
     * exists in each language the template itself exists in (a variant missing a language is no variant). Looked up
     * again after a minute, like the templates, so a variant dropped into journey.messages.dir starts within a minute.
     */
    List<String> variants(String template) {
        long now = System.nanoTime();
        Variants known = variants.get(template);
        if (known != null && now - known.checkedAt() < CHECK_AGAIN_AFTER_NANOS) {
            return known.names();
        }
        List<String> names = lookUpVariants(template);
        variants.put(template, new Variants(names, now));
        return names;
    }

    private record Variants(List<String> names, long checkedAt) {
    }

    private List<String> lookUpVariants(String template) {
        Pattern file = Pattern.compile(Pattern.quote(template + VARIANT_SEPARATOR)
            + "([a-z0-9]+)\\.[a-z]{2}\\.txt");
        Set<String> candidates = new TreeSet<>();
        Consumer<String> offer = name -> {
            Matcher variant = file.matcher(name);
            if (variant.matches()) {
                candidates.add(variant.group(1));
            }
        };
        if (dir != null && !dir.isBlank() && Files.isDirectory(Path.of(dir))) {
            try (Stream<Path> files = Files.list(Path.of(dir))) {
                files.map(path -> path.getFileName().toString()).forEach(offer);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver()
                .getResources("classpath*:messages/" + template + VARIANT_SEPARATOR + "*.txt")) {
                if (resource.getFilename() != null) {
                    offer.accept(resource.getFilename());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> languages = LANGUAGES.stream().filter(language -> textExists(template, language)).toList();
        candidates.remove("a"); // "a" names the template itself
        return candidates.stream()
            .filter(variant -> !languages.isEmpty() && languages.stream().allMatch(language -> textExists(template + VARIANT_SEPARATOR + variant, language)))
            .toList();
    }

    Rendered render(String template, String language, Map<String, Object> variables) {
        String lang = exists(text, template + "." + language) ? language : DEFAULT_LANGUAGE;
        String name = template + "." + lang;
        if (!exists(text, name)) {
            throw new IllegalStateException("No message template '" + template + "' (looked for messages/" + name + ".txt)");
        }
        Context context = new Context(Locale.forLanguageTag(lang), variables);
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
        Context context = new Context(Locale.forLanguageTag(lang), variables);
        String name = template + "." + lang;
        return Optional.of(new Rendered(null, text.process(name, context).strip(), exists(html, name) ? html.process(name, context) : null));
    }

    /**
     * The HTML part of a message whose template has no .html of its own: the plain text's paragraphs in the shared
     * layout (messages/_layout.html), with the footer (sender, postal address, unsubscribe link) when given. The layout
     * is rendered once per language and filled per message ({@link PreparedLayouts}).
     */
    String htmlFromText(String subject, String text, String language, String footer, String unsubscribeUrl) {
        List<String> paragraphs = Arrays.stream(text.split("\\n\\s*\\n")).map(String::strip).filter(p -> !p.isEmpty()).toList();
        return layouts.render(language, subject, paragraphs, footer, unsubscribeUrl);
    }

    /** The layout rendered by Thymeleaf, as {@link #htmlFromText} would without the prepared layouts. */
    String renderLayout(String language, String subject, List<String> paragraphs, String footer, String unsubscribeUrl) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("subject", subject);
        variables.put("paragraphs", paragraphs);
        variables.put("language", language);
        variables.put("footer", footer);
        variables.put("unsubscribeUrl", unsubscribeUrl);
        return html.process("_layout", new Context(Locale.forLanguageTag(language), variables));
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
        TemplateEngine engine = new SpringTemplateEngine();
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
