package io.leadjourney.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import io.leadjourney.intake.SignalRequest;
import io.leadjourney.platform.security.Caller;
import io.leadjourney.support.ProcessTest;
import org.junit.jupiter.api.Test;

/** Ad audiences hold hashes only, and only of identifiers the person's consent allows. */
class AudiencesTest extends ProcessTest {

    private String person(String email, String phone, Boolean emailConsent, Boolean whatsappConsent, String type) {
        return intake.receive(Caller.intake("test"), new SignalRequest(type, email, phone, "Ayu", null, null, null, "webinar", "id", null,
            new SignalRequest.ConsentStatement(emailConsent, whatsappConsent, "webinar-form-v1"), null, null), null).personId();
    }

    private static String mobile() {
        return "+62813" + String.format("%08d", (long) (Math.random() * 100_000_000L));
    }

    @Test
    void theExportHoldsHashesOfWhatTheConsentAllowsAndNeverARawIdentity() {
        String both = newEmail("aud.both");
        String bothPhone = mobile();
        person(both, bothPhone, true, true, "form_submitted");
        String emailOnly = newEmail("aud.emailonly");
        String emailOnlyPhone = mobile();
        person(emailOnly, emailOnlyPhone, true, false, "form_submitted");
        String none = newEmail("aud.none");
        person(none, null, null, null, "form_submitted");
        String stopped = newEmail("aud.stopped");
        String stoppedId = person(stopped, null, true, null, "form_submitted");
        transaction.executeWithoutResult(status -> people.stopMarketing(PersonId.of(stoppedId), now(), "unsubscribe link"));

        HttpResponse<String> meta = http().as("marketing", "demo").get("/api/audiences/export?format=meta");
        assertThat(meta.statusCode()).isEqualTo(200);
        assertThat(meta.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(meta.body()).startsWith("email,phone")
            .contains(Audiences.sha256(both) + "," + Audiences.sha256(bothPhone.substring(1)))
            .contains(Audiences.sha256(emailOnly) + ",\r\n")
            .doesNotContain(Audiences.sha256(emailOnlyPhone.substring(1)))
            .doesNotContain(Audiences.sha256(none))
            .doesNotContain(Audiences.sha256(stopped))
            .doesNotContain("@").doesNotContain(bothPhone.substring(1));

        HttpResponse<String> google = http().as("admin", "demo").get("/api/audiences/export?format=google&stages=lead,mql");
        assertThat(google.body()).startsWith("Email,Phone").contains(Audiences.sha256(both) + "," + Audiences.sha256(bothPhone));
        assertThat(http().as("admin", "demo").get("/api/audiences/export?format=google&stages=SQL").body())
            .doesNotContain(Audiences.sha256(both));
    }

    @Test
    void onlyMarketingOpsAndAdminsExportAndBadParametersAreRefused() {
        assertThat(http().as("sales", "demo").get("/api/audiences/export").statusCode()).isEqualTo(403);
        assertThat(http().as("auditor", "demo").get("/api/audiences/export").statusCode()).isEqualTo(403);
        assertThat(http().as("marketing", "demo").get("/api/audiences/export?format=tiktok").statusCode()).isEqualTo(400);
        assertThat(http().as("marketing", "demo").get("/api/audiences/export?stages=VIP").statusCode()).isEqualTo(400);
    }

    @Test
    void webinarAttendanceIsASignalTheScoringTableKnows() {
        String email = newEmail("webinar");
        String personId = person(email, null, true, null, "webinar_attended");
        assertThat(people.find(PersonId.of(personId)).orElseThrow().score()).isPositive();
    }
}
