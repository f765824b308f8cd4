package io.leadjourney.audit;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One thing that happened to a person: a stage change, a signal, a message, a task, a decision, a journey moved to a
 * new version of its model.
 * {@code details} carries the kind's own facts (decision inputs and outputs, who completed a task, …).
 */
public record TimelineEntry(OffsetDateTime at, Kind kind, String summary, Map<String, Object> details) {

    public enum Kind { STAGE, SIGNAL, MESSAGE, TASK, DECISION, MIGRATION }
}
