package io.leadjourney.people;

/** The outcome of registering contact details: the stored person, and whether it was new or merged into. */
public record Registration(Person person, boolean created) {
}
