package io.leadjourney.platform;

import java.time.ZoneId;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The journey.* settings of the platform (names of ARCHITECTURE.md, Configuration), checked at startup. Settings that
 * have an environment variable get their default in application.yaml, beside the variable's name; the others here.
 *
 * @param publicBaseUrl   where people and sales reach the service (links in mails and alerts); env PUBLIC_BASE_URL
 * @param defaultTimeZone the team's zone, the one {@link ZoneId} bean ({@link TeamTimeZone}); env DEFAULT_TIME_ZONE
 */
@Validated
@ConfigurationProperties("journey")
public record PlatformSettings(
    @NotBlank String publicBaseUrl,
    @NotNull ZoneId defaultTimeZone,
    @Valid @NotNull Models models,
    @Valid @DefaultValue Api api,
    @Valid @DefaultValue EngineRest engineRest) {

    /** Where bpmn/ and dmn/ are looked for on disk (env MODELS_DIR); the jar's copies are used when they are absent. */
    public record Models(@NotNull String dir) {
    }

    /** The largest body the service's own API takes (multipart imports have their own limit). */
    public record Api(@Positive @DefaultValue("65536") long maxBodySize) {
    }

    /** The largest body Camunda's REST API takes, and the largest deployment (Camunda Modeler's deploy). */
    public record EngineRest(@Positive @DefaultValue("1048576") long maxBodySize,
                             @Positive @DefaultValue("10485760") long maxDeploymentSize) {
    }
}
