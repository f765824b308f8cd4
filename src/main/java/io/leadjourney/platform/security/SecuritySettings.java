package io.leadjourney.platform.security;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The journey.* settings of who may do what (ARCHITECTURE.md, Configuration and Security), checked at startup; the prod
 * profile also requires what only a real installation has ({@link ProductionReady}). Defaults of settings with an
 * environment variable stand in application.yaml beside its name.
 */
@Validated
@ProductionReady
@ConfigurationProperties("journey")
public record SecuritySettings(
    @Valid @NotNull Admin admin,
    @NotNull DemoUsers demoUsers,
    @Valid @NotNull Intake intake,
    @Valid @DefaultValue SignIn signIn) {

    /** The administrator created at the first start of a profile without demo users (env ADMIN_USER, ADMIN_PASSWORD). */
    public record Admin(@NotBlank String id, String password) {
    }

    /** The documented demo users (password 'demo'): the local profile only. */
    public record DemoUsers(boolean enabled) {
    }

    /**
     * @param apiKeys "key=system,key2=system2" (env INTAKE_API_KEYS): the system is recorded as the source of what the key sends
     */
    public record Intake(String apiKeys, @Valid @DefaultValue RateLimit rateLimit) {

        public String apiKeys() {
            return apiKeys == null ? "" : apiKeys;
        }
    }

    /** Requests per intake API key and node: sustained per minute, with bursts up to {@code burst}. */
    public record RateLimit(@Positive @DefaultValue("1200") long perMinute, @Positive @DefaultValue("200") long burst) {
    }

    /** Password guessing: see {@link SignInThrottle}. */
    public record SignIn(@Positive @DefaultValue("5") int freeAttempts, @Positive @DefaultValue("30") int freeAttemptsPerAddress,
                         @NotNull @DefaultValue("PT15M") Duration maxWait, @NotNull @DefaultValue("PT1H") Duration forgetAfter) {
    }
}
