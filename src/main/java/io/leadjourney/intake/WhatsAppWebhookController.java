package io.leadjourney.intake;

import io.leadjourney.platform.security.SelfAuthenticated;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The WhatsApp Cloud API webhook (Meta's App Dashboard points its callback URL here). */
@RestController
@SelfAuthenticated("Meta's hub.verify_token (GET) and X-Hub-Signature-256 with the app secret (POST)")
class WhatsAppWebhookController {

    private final WhatsAppWebhook webhook;

    WhatsAppWebhookController(WhatsAppWebhook webhook) {
        this.webhook = webhook;
    }

    @GetMapping(path = "/api/whatsapp/webhook", produces = "text/plain")
    String verify(@RequestParam(name = "hub.mode", required = false) String mode,
                  @RequestParam(name = "hub.verify_token", required = false) String token,
                  @RequestParam(name = "hub.challenge", required = false) String challenge) {
        return webhook.verify(mode, token, challenge);
    }

    @PostMapping(path = "/api/whatsapp/webhook")
    ResponseEntity<Void> receive(@RequestBody byte[] body, @RequestHeader(name = "X-Hub-Signature-256", required = false) String signature) {
        webhook.receive(body, signature);
        return ResponseEntity.ok().build();
    }
}
