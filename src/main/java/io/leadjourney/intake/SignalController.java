package io.leadjourney.intake;

import io.leadjourney.platform.security.Caller;
import io.leadjourney.platform.security.IntakeApi;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@IntakeApi
class SignalController {

    private final SignalIntake intake;

    SignalController(SignalIntake intake) {
        this.intake = intake;
    }

    @PostMapping(path = "/api/signals", consumes = "application/json", produces = "application/json")
    @ResponseStatus(HttpStatus.ACCEPTED)
    SignalReceipt receive(Caller caller, @RequestBody SignalRequest request,
                          @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        return intake.receive(caller, request, idempotencyKey);
    }
}
