package io.leadjourney.platform.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An /api endpoint that proves its caller itself — a provider's webhook signed with a shared secret (WhatsApp's
 * X-Hub-Signature-256) or answering a verify token — instead of an API key or a sign-in. {@code value} says how.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface SelfAuthenticated {
    String value();
}
