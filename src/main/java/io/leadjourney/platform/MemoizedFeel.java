package io.leadjourney.platform;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Remembers the outcome of the DMN tables' input entries. The FEEL engine of Camunda 7.24 parses each entry and
 * builds its function library again on every evaluation: with the scoring and qualification tables evaluated for
 * every signal that was most of the intake's CPU (docs/benchmarks.md). An entry made only of literals
 * ({@code "demo_requested","quote_requested"}, {@code >= 40}, {@code [1..2]}, {@code matches(lower case(?), "…")}) is
 * a pure function of the cell's input value, so its result is kept per (entry, value). Entries that name any variable
 * or function outside that list (dates, {@code now()}, other inputs) are always evaluated.
 */
@Component
@ConditionalOnProperty(name = "journey.feel.memoize", havingValue = "true", matchIfMissing = true)
class MemoizedFeel extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null ? configuration.getDmnEngineConfiguration()
            : (DefaultDmnEngineConfiguration) DefaultDmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        if (dmn.getFeelEngineFactory() == null && !configuration.isDmnFeelEnableLegacyBehavior()) {
            ScalaFeelEngineFactory scala = new ScalaFeelEngineFactory(configuration.getDmnFeelCustomFunctionProviders());
            dmn.feelEngineFactory(new Factory(scala));
            configuration.setDmnEngineConfiguration(dmn);
        }
    }

    record Factory(FeelEngineFactory delegate) implements FeelEngineFactory {
        @Override
        public FeelEngine createInstance() {
            return new Memoizing(delegate.createInstance());
        }
    }

    /** What decides whether an entry is pure: string literals removed, only these words and symbols may remain. */
    static final Pattern PURE = Pattern.compile("^(\\s|[0-9.,\\-+<>=!\\[\\]()?]|\\bnot\\b|\\btrue\\b|\\bfalse\\b|\\bnull\\b|\\bmatches\\b|\\blower case\\b)*$");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> KEYWORDS = Set.of("true", "false", "null", "not");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    static final int MAX_ENTRIES = 50_000;

    static final class Memoizing implements FeelEngine {
        private final FeelEngine delegate;
        private final Map<String, Boolean> pure = new ConcurrentHashMap<>();
        private final Map<Key, Boolean> results = new ConcurrentHashMap<>();
        private final Map<String, Object> literals = new ConcurrentHashMap<>();

        Memoizing(FeelEngine delegate) {
            this.delegate = delegate;
        }

        record Key(String entry, Object value) {
        }

        /**
         * Input expressions that only name a variable ({@code signalType}) read it; output entries made of literals
         * ({@code "SQL"}, {@code 20}) are evaluated once. Everything else goes to FEEL.
         */
        @Override
        @SuppressWarnings("unchecked")
        public <T> T evaluateSimpleExpression(String expression, VariableContext variableContext) {
            String trimmed = expression == null ? "" : expression.trim();
            if (IDENTIFIER.matcher(trimmed).matches() && !KEYWORDS.contains(trimmed) && variableContext.containsVariable(trimmed)) {
                Object value = simpleValue(variableContext.resolve(trimmed));
                if (value == NULL) {
                    return null;
                }
                if (value != NOT_SIMPLE) {
                    return (T) variableContext.resolve(trimmed).getValue();
                }
            }
            if (pure.computeIfAbsent(trimmed, MemoizedFeel::isPure) && !trimmed.contains("?")) {
                Object known = literals.get(trimmed);
                if (known == null) {
                    known = Objects.requireNonNullElse(delegate.evaluateSimpleExpression(expression, variableContext), NULL);
                    literals.put(trimmed, known);
                }
                return known == NULL ? null : (T) known;
            }
            return delegate.evaluateSimpleExpression(expression, variableContext);
        }

        @Override
        public boolean evaluateSimpleUnaryTests(String unaryTests, String inputVariable, VariableContext variableContext) {
            Object value = simpleValue(variableContext.resolve(inputVariable));
            if (value == NOT_SIMPLE || !pure.computeIfAbsent(unaryTests, MemoizedFeel::isPure)) {
                return delegate.evaluateSimpleUnaryTests(unaryTests, inputVariable, variableContext);
            }
            Key key = new Key(unaryTests, value);
            Boolean known = results.get(key);
            if (known != null) {
                return known;
            }
            boolean result = delegate.evaluateSimpleUnaryTests(unaryTests, inputVariable, variableContext);
            if (results.size() >= MAX_ENTRIES) {
                results.clear();
            }
            results.put(key, result);
            return result;
        }
    }

    private static final Object NOT_SIMPLE = new Object();
    private static final Object NULL = new Object();

    /** Strings, numbers and booleans (typed, so 1 and 1.0 stay apart); anything else is not memoized. */
    static Object simpleValue(TypedValue typed) {
        if (typed == null || typed.getValue() == null) {
            return NULL;
        }
        Object value = typed.getValue();
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return List.of(value.getClass().getName(), value);
        }
        return NOT_SIMPLE;
    }

    static boolean isPure(String unaryTests) {
        return PURE.matcher(STRING_LITERAL.matcher(Objects.requireNonNullElse(unaryTests, "")).replaceAll("")).matches();
    }

}
