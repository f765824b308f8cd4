package io.leadjourney.journey.migration;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One run of {@link JourneyMigrations}: the running journeys (instances of older versions of {@code processKey}) that
 * a new version found, how many were moved to it, how many stay and why.
 */
public record MigrationRun(String id, String processKey, List<Integer> fromVersions, int toVersion, int migrated, int remaining,
                           List<String> problems, OffsetDateTime startedAt, OffsetDateTime finishedAt, String deployedBy,
                           boolean optedOut) {
}
