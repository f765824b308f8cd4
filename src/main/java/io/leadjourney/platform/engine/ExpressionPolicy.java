package io.leadjourney.platform.engine;

import java.util.Set;

/**
 * What an expression in a model may do with a value: checked when a model is deployed (journey/models) and enforced when
 * the expression runs ({@link GuardedExpressions}).
 */
public final class ExpressionPolicy {

    /** The only methods an expression may call on a value: reading results and comparing text. */
    public static final Set<String> METHODS = Set.of("getSingleResult", "getSingleEntry", "getResultList", "getFirstResult", "collectEntries",
        "getEntry", "isEmpty", "size", "get", "contains", "containsKey", "equals", "equalsIgnoreCase", "startsWith", "endsWith",
        "toLowerCase", "toUpperCase", "trim", "length", "substring", "indexOf");
    /** Properties that lead from a value to the Java runtime or the engine. */
    public static final Set<String> DENIED_PROPERTIES = Set.of("class", "classLoader", "module", "declaringClass", "protectionDomain",
        "processEngineServices", "processEngine", "processEngineConfiguration");

    private ExpressionPolicy() {
    }
}
