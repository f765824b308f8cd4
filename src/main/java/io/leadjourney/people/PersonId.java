package io.leadjourney.people;

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

    @Override
    public String toString() {
        return value;
    }
}
