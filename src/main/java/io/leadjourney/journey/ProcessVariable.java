package io.leadjourney.journey;

import java.util.Map;
import java.util.Objects;

import org.camunda.bpm.engine.delegate.VariableScope;

/** A typed process variable: one name, one type, read and written without casts at the call sites. */
public final class ProcessVariable<T> {

    private final String name;
    private final Class<T> type;

    private ProcessVariable(String name, Class<T> type) {
        this.name = name;
        this.type = type;
    }

    public static <T> ProcessVariable<T> of(String name, Class<T> type) {
        return new ProcessVariable<>(name, type);
    }

    public String name() {
        return name;
    }

    /** The value visible from the scope (local first, then parents); null when unset. */
    public T from(VariableScope scope) {
        return type.cast(scope.getVariable(name));
    }

    public T from(VariableScope scope, T fallback) {
        T value = from(scope);
        return value == null ? fallback : value;
    }

    /**
     * A whole number the model may give as a number or as text: an element template's field writes "10", a decision
     * table 10. Null when unset; a text that is not a whole number is a modelling mistake, named in the incident.
     */
    public Long wholeNumber(VariableScope scope) {
        Object value = scope.getVariable(name);
        if (value == null || value instanceof Number) {
            return value == null ? null : ((Number) value).longValue();
        }
        if (value instanceof String text && text.trim().matches("-?[0-9]{1,18}")) {
            return Long.parseLong(text.trim());
        }
        throw new IllegalArgumentException(name + " '" + value + "' is not a whole number");
    }

    public T from(Map<String, Object> variables) {
        return type.cast(variables.get(name));
    }

    public void set(VariableScope scope, T value) {
        scope.setVariable(name, value);
    }

    /**
     * Sets the value only when it differs from the visible one: an unchanged write still costs a variable update, a
     * history detail and a round of conditional-event evaluation.
     */
    public void setIfChanged(VariableScope scope, T value) {
        setIfChanged(scope, name, value);
    }

    static void setIfChanged(VariableScope scope, String name, Object value) {
        if (!same(scope.getVariable(name), value) || (value == null && !scope.hasVariable(name))) {
            scope.setVariable(name, value);
        }
    }

    /** The same value as a variable holds it (numbers of the same type and value). */
    static boolean same(Object current, Object value) {
        return current instanceof Number a && value instanceof Number b ? a.longValue() == b.longValue() && a.getClass() == b.getClass()
            : Objects.equals(current, value);
    }

    public void setLocal(VariableScope scope, T value) {
        scope.setVariableLocal(name, value);
    }

    public Map.Entry<String, Object> entry(T value) {
        return Map.entry(name, value);
    }

    @Override
    public String toString() {
        return name;
    }
}
