package io.leadjourney.campaigns;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The journey.* settings of campaigns, checked at startup. */
@Validated
@ConfigurationProperties("journey")
public record CampaignSettings(@Valid @DefaultValue Broadcasts broadcasts) {

    /** People sent to per job of a broadcast: a 50 000-person broadcast holds no long transaction. */
    public record Broadcasts(@Positive @DefaultValue("200") int batchSize) {
    }
}
