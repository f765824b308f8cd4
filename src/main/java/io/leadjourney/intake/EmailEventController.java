package io.leadjourney.intake;

import io.leadjourney.platform.security.Caller;
import io.leadjourney.platform.security.IntakeApi;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** POST /api/email-events: the email provider's webhooks (intake key), mapped as docs/operations.md "Email events" says. */
@RestController
@IntakeApi
class EmailEventController {

    private final EmailEvents events;

    EmailEventController(EmailEvents events) {
        this.events = events;
    }

    @PostMapping(path = "/api/email-events", consumes = "application/json", produces = "application/json")
    @ResponseStatus(HttpStatus.ACCEPTED)
    EmailEvents.Outcome receive(Caller caller, @RequestBody EmailEvents.EmailEvent event,
                                @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        return events.apply(caller, event, idempotencyKey);
    }
}
