package io.leadjourney.intake;

import java.util.Map;

/** The body of POST /api/signals, as received (validated and normalised by {@link SignalIntake}). */
public record SignalRequest(
    String type,
    String email,
    String phone,
    String name,
    String company,
    String title,
    String industry,
    String source,
    String language,
    String timeZone,
    ConsentStatement consent,
    String occurredAt,
    Map<String, Object> attributes) {

    /** Consent the person gave where the signal came from; a later {@code false} withdraws. */
    public record ConsentStatement(Boolean email, Boolean whatsapp, String wording) {
    }
}
