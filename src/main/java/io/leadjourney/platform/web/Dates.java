package io.leadjourney.platform.web;

import java.time.LocalDate;

/** The dates a request may name: this service's data lies between these years, anything else is a mistake (400). */
public final class Dates {

    public static final int FIRST_YEAR = 2000;
    public static final int LAST_YEAR = 2199;

    private Dates() {
    }

    public static void reasonable(String field, LocalDate date) {
        if (date != null && (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR)) {
            throw new InvalidRequestException(field, "must lie between " + FIRST_YEAR + " and " + LAST_YEAR);
        }
    }
}
