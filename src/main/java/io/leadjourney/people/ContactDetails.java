package io.leadjourney.people;

/** Normalised contact data about a person from one source (a signal, an import line). Null means "not given". */
public record ContactDetails(
    String email,
    String phone,
    String name,
    String company,
    String title,
    String industry,
    String source,
    String language,
    String timeZone) {

    public boolean identifiable() {
        return email != null || phone != null;
    }
}
