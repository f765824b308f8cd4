package io.leadjourney.intake;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The journey.* settings of intake, checked at startup (the API keys and rate limits: platform/security). */
@Validated
@ConfigurationProperties("journey")
public record IntakeSettings(@Valid @DefaultValue Imports imports, @Valid @DefaultValue EmailEvents emailEvents) {

    /** A running contact import without a sign of life for {@code staleAfter} is taken as interrupted and resumed. */
    public record Imports(@NotNull @DefaultValue("PT10M") Duration staleAfter) {
    }

    /** Soft bounces within 30 days that withdraw a person's email consent. */
    public record EmailEvents(@Positive @DefaultValue("3") int softBounceLimit) {
    }
}
