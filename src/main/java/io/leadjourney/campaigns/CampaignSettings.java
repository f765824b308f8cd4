package io.leadjourney.campaigns;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The journey.* settings of campaigns, checked at startup. */
@Validated
@ConfigurationProperties("journey")
public record CampaignSettings(@Valid @DefaultValue Broadcasts broadcasts) {

    /**
     * People sent to per job of a broadcast (a 50 000-person broadcast holds no long transaction), and how many
     * batches of one broadcast run side by side (on any job-executor threads and nodes).
     */
    public record Broadcasts(@Positive @DefaultValue("200") int batchSize, @Positive @Max(32) @DefaultValue("4") int lanes) {
    }
}
