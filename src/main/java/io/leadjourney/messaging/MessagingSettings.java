package io.leadjourney.messaging;

import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The journey.* settings messaging reads (names of ARCHITECTURE.md, Configuration). */
@ConfigurationProperties("journey")
public record MessagingSettings(
    @DefaultValue("http://localhost:8080") String publicBaseUrl,
    @DefaultValue SendWindow sendWindow,
    @DefaultValue FrequencyCap frequencyCap,
    @DefaultValue Sender sender,
    @DefaultValue WhatsApp whatsapp,
    @DefaultValue Messages messages) {

    public record SendWindow(@DefaultValue("true") boolean enabled, @DefaultValue("08:00") LocalTime start,
                             @DefaultValue("20:00") LocalTime end) {
    }

    public record FrequencyCap(@DefaultValue("3") int perWeek) {
    }

    /** Who marketing mail comes from; the postal address goes into every marketing email's footer. */
    public record Sender(@DefaultValue("Lead Journey") String name, @DefaultValue("halo@leadjourney.local") String email,
                         @DefaultValue("Jl. Contoh No. 1, Jakarta 10110, Indonesia") String postalAddress) {
    }

    /**
     * WhatsApp Cloud API: POST {baseUrl}/{phoneNumberId}/messages with a bearer token; the webhook answers Meta's
     * verification with {@code verifyToken} and accepts only bodies signed with {@code appSecret}. Marketing templates
     * go to {baseUrl}/{phoneNumberId}/marketing_messages unless {@code marketingMessagesApi} is off.
     */
    public record WhatsApp(@DefaultValue("https://graph.facebook.com/v21.0") String baseUrl, @DefaultValue("") String token,
                           @DefaultValue("") String phoneNumberId, @DefaultValue("") String verifyToken, @DefaultValue("") String appSecret,
                           @DefaultValue("true") boolean marketingMessagesApi) {
        public boolean configured() {
            return !token.isBlank() && !phoneNumberId.isBlank();
        }
    }

    /** An optional folder of message templates that overrides the ones packaged in the jar (messages/*.txt, *.html). */
    public record Messages(@DefaultValue("") String dir) {
    }
}
