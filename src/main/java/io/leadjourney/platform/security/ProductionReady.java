package io.leadjourney.platform.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.springframework.core.env.Environment;

/**
 * In the prod profile the service refuses to start, before the engine touches the database, without what only a real
 * installation has: an administrator password (not the user id), an SMTP host, intake API keys of its own. Each missing
 * piece is named with its environment variable.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ProductionReady.Check.class)
@interface ProductionReady {

    String message() default "The prod profile refuses to start";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Intake keys that are written in this project's public files: never in production. */
    Set<String> PUBLIC_KEYS = Set.of("local-intake-key", "compose-intake-key");

    /** Created by Spring (the validator of configuration properties), which hands it the environment. */
    class Check implements ConstraintValidator<ProductionReady, SecuritySettings> {

        private final Environment environment;

        Check(Environment environment) {
            this.environment = environment;
        }

        @Override
        public boolean isValid(SecuritySettings settings, ConstraintValidatorContext context) {
            if (settings == null || settings.admin() == null || settings.intake() == null || !environment.matchesProfiles("prod")) {
                return true;
            }
            List<String> problems = problems(settings, environment.getProperty("spring.mail.host", ""));
            context.disableDefaultConstraintViolation();
            // the message is not a template: braces and dollars it may hold are taken literally
            problems.forEach(problem -> context.buildConstraintViolationWithTemplate(
                ("The prod profile refuses to start: " + problem).replaceAll("([\\\\{}$])", "\\\\$1")).addConstraintViolation());
            return problems.isEmpty();
        }

        static List<String> problems(SecuritySettings settings, String smtpHost) {
            List<String> problems = new ArrayList<>();
            String adminId = settings.admin().id();
            String password = settings.admin().password();
            if (password == null || password.isBlank()) {
                problems.add("the administrator password is not set (journey.admin.password, env ADMIN_PASSWORD)");
            } else if (password.equalsIgnoreCase(adminId)) {
                problems.add("the administrator password must not be the user id '" + adminId + "' (journey.admin.password, env ADMIN_PASSWORD)");
            }
            if (smtpHost.isBlank()) {
                problems.add("no SMTP host is set (spring.mail.host, env SMTP_HOST)");
            }
            List<String> keys = Arrays.stream(settings.intake().apiKeys().split(",")).map(pair -> pair.split("=", 2)[0].trim())
                .filter(key -> !key.isEmpty()).toList();
            if (keys.isEmpty()) {
                problems.add("no intake API key is set (journey.intake.api-keys, env INTAKE_API_KEYS: key=system,key2=system2)");
            } else if (keys.stream().anyMatch(PUBLIC_KEYS::contains)) {
                problems.add("an intake API key is one of the published defaults " + PUBLIC_KEYS
                    + ": set your own (journey.intake.api-keys, env INTAKE_API_KEYS)");
            }
            return problems;
        }
    }
}
