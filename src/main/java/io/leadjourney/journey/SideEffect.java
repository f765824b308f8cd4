package io.leadjourney.journey;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A delegate that acts outside the database (email, WhatsApp, HTTP). Every model step using it must be
 * {@code asyncBefore} with a {@code failedJobRetryTimeCycle}; ModelRulesTest enforces that.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SideEffect {
}
