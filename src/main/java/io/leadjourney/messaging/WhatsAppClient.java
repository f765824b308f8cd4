package io.leadjourney.messaging;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * A client of the WhatsApp Cloud API message endpoints: template messages (the only kind a business may start a
 * conversation with), marketing ones through the Marketing Messages API ({@link WhatsAppTemplates}). The template name on WhatsApp is ours with '_' for '-' (lead-education-1 → lead_education_1),
 * in the person's language, with the first name as body parameter {{1}}.
 */
@Component
class WhatsAppClient {

    private final MessagingSettings.WhatsApp settings;
    private final WhatsAppTemplates templates;
    private final RestClient client;

    WhatsAppClient(MessagingSettings settings, WhatsAppTemplates templates, RestClient.Builder builder) {
        this.settings = settings.whatsapp();
        this.templates = templates;
        SimpleClientHttpRequestFactory timeouts = new SimpleClientHttpRequestFactory();
        // within the job lock time (application.yaml): a stuck call must not outlive the node's lock on the step
        timeouts.setConnectTimeout(4_000);
        timeouts.setReadTimeout(8_000);
        this.client = builder.requestFactory(timeouts).build();
    }

    boolean configured() {
        return settings.configured();
    }

    /**
     * Where Meta wants the template sent: marketing templates through the Marketing Messages API (the only way after
     * Meta's sunset of marketing on /messages), unless journey.whatsapp.marketing-messages-api is off; others /messages.
     */
    private String endpoint(String name, String language) {
        return settings.marketingMessagesApi() && WhatsAppTemplates.MARKETING.equals(templates.category(name, language)) ? "marketing_messages"
            : "messages";
    }

    /** Sends a template message to an E.164 number; returns the WhatsApp message id. Fails on any non-2xx answer. */
    String sendTemplate(String e164, String template, String language, String firstName) {
        if (!configured()) {
            throw new IllegalStateException("WhatsApp is not configured (journey.whatsapp.token and journey.whatsapp.phone-number-id)");
        }
        String name = template.replace('-', '_');
        Map<String, Object> body = Map.of(
            "messaging_product", "whatsapp",
            "recipient_type", "individual",
            "to", e164.startsWith("+") ? e164.substring(1) : e164,
            "type", "template",
            "template", Map.of(
                "name", name,
                "language", Map.of("code", language),
                "components", List.of(Map.of(
                    "type", "body",
                    "parameters", List.of(Map.of("type", "text", "text", firstName == null ? "" : firstName))))));
        try {
            JsonNode answer = client.post()
                .uri(settings.baseUrl() + "/{phoneNumberId}/{endpoint}", settings.phoneNumberId(), endpoint(name, language))
                .header("Authorization", "Bearer " + settings.token())
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .body(JsonNode.class);
            JsonNode id = answer == null ? null : answer.path("messages").path(0).path("id");
            if (id == null || id.isMissingNode() || id.asText().isBlank()) {
                throw new IllegalStateException("WhatsApp accepted the request but returned no message id: " + answer);
            }
            return id.asText();
        } catch (RestClientException e) {
            throw new IllegalStateException("WhatsApp Cloud API refused or failed the message: " + e.getMessage(), e);
        }
    }
}
