package io.leadjourney.people;

/** Published (synchronously, in the same transaction) when a person's own new consent lifts their stop on marketing. */
public record MarketingResumed(PersonId person, String source) {
}
