package io.leadjourney.people;

/** Published (synchronously, in the same transaction) when a person must get no more marketing. */
public record MarketingStopped(PersonId person, String source) {
}
