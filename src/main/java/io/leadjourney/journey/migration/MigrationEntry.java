package io.leadjourney.journey.migration;

import java.time.OffsetDateTime;

/** What a migration did to one process instance of a person (the auditors' timeline shows it). */
public record MigrationEntry(OffsetDateTime at, String processInstanceId, String processKey, int fromVersion, int toVersion,
                             String status, String detail, String deployedBy) {
}
