package io.leadjourney.people;

import java.time.OffsetDateTime;

/**
 * One row of a person's consent ledger. {@code effective} says whether it changed (or confirmed) the channel's consent
 * when it was recorded: an import's grant after a withdrawal is kept for the record but is not effective.
 */
public record ConsentStatement(Channel channel, boolean granted, OffsetDateTime at, String source, String wording, ConsentVia via,
                               boolean effective) {
}
