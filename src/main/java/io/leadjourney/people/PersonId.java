package io.leadjourney.people;

import java.util.Optional;

import java.util.UUID;

/** A person's identifier; also the business key of the person's lead-journey. */
public record PersonId(String value) {

    public PersonId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("person id is empty");
        }
    }

    public static PersonId newId() {
        return new PersonId(UUID.randomUUID().toString());
    }

    public static PersonId of(String value) {
        return new PersonId(value);
    }

    /** The id a request names, if it can be one: not blank, at most 64 characters, no control characters. */
    public static Optional<PersonId> parse(String value) {
        if (value == null || value.isBlank() || value.length() > 64 || value.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        return Optional.of(new PersonId(value.trim()));
    }

    @Override
    public String toString() {
        return value;
    }
}
