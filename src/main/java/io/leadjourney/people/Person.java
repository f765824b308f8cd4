package io.leadjourney.people;

import java.time.OffsetDateTime;

/** A person as stored; contact data is already normalised. */
public record Person(
    PersonId id,
    String email,
    String phone,
    String name,
    String company,
    String title,
    String industry,
    String source,
    String language,
    String timeZone,
    Stage stage,
    int score,
    String grade,
    String unsubscribeToken,
    OffsetDateTime marketingStoppedAt,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

    public boolean marketingStopped() {
        return marketingStoppedAt != null;
    }
}
