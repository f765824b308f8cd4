package io.leadjourney.messaging;

import io.leadjourney.people.Channel;
import io.leadjourney.people.PersonId;

/**
 * One marketing message a journey step wants sent. {@code stepKey} identifies the step's arrival (stable across
 * retries of the same step), so (person, journey, step) is sent at most once.
 */
public record MessageOrder(PersonId person, String processInstanceId, String stepKey, String template, Channel channel, boolean anyDay) {

    /** A message that keeps to the team's business days (marketing does not go out on weekends and holidays). */
    public MessageOrder(PersonId person, String processInstanceId, String stepKey, String template, Channel channel) {
        this(person, processInstanceId, stepKey, template, channel, false);
    }
}
