package io.leadjourney.journey;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The journey.* settings of the journey's background work, checked at startup. */
@Validated
@ConfigurationProperties("journey")
public record JourneySettings(@Valid @DefaultValue PendingJourneys pendingJourneys, @Valid @DefaultValue Migrations migrations) {

    /** Journeys started per transaction by {@link PendingJourneys} (people registered while their journey could not start). */
    public record PendingJourneys(@Positive @DefaultValue("200") int batch) {
    }

    /** Journeys moved to a new version per transaction (journey/migration). */
    public record Migrations(@Positive @DefaultValue("50") int batch) {
    }
}
