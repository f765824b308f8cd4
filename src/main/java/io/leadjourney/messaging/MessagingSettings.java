package io.leadjourney.messaging;

import java.time.LocalTime;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The journey.* settings messaging reads (names of ARCHITECTURE.md, Configuration), checked at startup. Defaults of
 * settings with an environment variable stand in application.yaml beside its name.
 */
@Validated
@ConfigurationProperties("journey")
public record MessagingSettings(
    @DefaultValue SendWindow sendWindow,
    @DefaultValue FrequencyCap frequencyCap,
    @DefaultValue Sender sender,
    @DefaultValue WhatsApp whatsapp,
    @DefaultValue Messages messages,
    @Valid @DefaultValue Mail mail,
    @Valid @NotNull LocalSmtp localSmtp) {

    public record SendWindow(@DefaultValue("true") boolean enabled, @DefaultValue("08:00") LocalTime start,
                             @DefaultValue("20:00") LocalTime end) {
    }

    public record FrequencyCap(@PositiveOrZero @DefaultValue("3") int perWeek) {
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

    /** How many messages go through one SMTP connection before it is opened again ({@link SmtpConnections}). */
    public record Mail(@Positive @DefaultValue("100") int messagesPerConnection) {
    }

    /** The embedded SMTP server of the local profile (env SMTP_PORT); the mail it received is listed at /mail. */
    public record LocalSmtp(boolean enabled, @Positive int port) {
    }

    /** An optional folder of message templates that overrides the ones packaged in the jar (messages/*.txt, *.html). */
    public record Messages(@DefaultValue("") String dir) {
    }
}
