package io.leadjourney.people;

import java.util.Map;

/**
 * Published (synchronously, in the same transaction) when a person moved to another stage. {@code processInstanceId} is
 * the process that moved them (null when none did), {@code context} what that process tells the person's journey along
 * with the stage (the loss reason, the deal's sales team and owner).
 */
public record StageChanged(PersonId person, Stage from, Stage to, String processInstanceId, Map<String, Object> context) {
}
