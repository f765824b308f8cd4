package io.leadjourney.platform.security;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who made the current request: a Camunda user with groups, or an intake system identified by its API key's name.
 * Controllers receive it as a method argument.
 */
public record Caller(String userId, Set<String> groups, String intakeSystem) {

    static final String ATTRIBUTE = Caller.class.getName();

    public static Caller user(String userId, Set<String> groups) {
        return new Caller(userId, Set.copyOf(groups), null);
    }

    public static Caller intake(String system) {
        return new Caller(null, Set.of(), system);
    }

    public boolean isIntake() {
        return intakeSystem != null;
    }

    public boolean inAny(String... candidates) {
        for (String group : candidates) {
            if (groups.contains(group)) {
                return true;
            }
        }
        return false;
    }

    /** Who to record as having done something. */
    public String name() {
        return isIntake() ? "intake:" + intakeSystem : userId;
    }

    public static Caller of(HttpServletRequest request) {
        return (Caller) request.getAttribute(ATTRIBUTE);
    }
}
