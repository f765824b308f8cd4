package io.leadjourney.campaigns;

import java.util.Map;

import io.leadjourney.platform.security.AllowedGroups;
import io.leadjourney.platform.security.Caller;
import io.leadjourney.platform.security.Groups;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Broadcasts for marketing ops and admins: start one, watch it, cancel it. */
@RestController
@AllowedGroups({Groups.MARKETING_OPS, Groups.ADMIN})
class BroadcastController {

    private final Broadcasts broadcasts;

    BroadcastController(Broadcasts broadcasts) {
        this.broadcasts = broadcasts;
    }

    @PostMapping(path = "/api/broadcasts", consumes = "application/json", produces = "application/json")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, String> create(Caller caller, @RequestBody BroadcastRequest request) {
        return Map.of("broadcastId", broadcasts.create(caller, request));
    }

    @GetMapping(path = "/api/broadcasts/{id}", produces = "application/json")
    Broadcasts.View view(@PathVariable String id) {
        return broadcasts.view(id);
    }

    @PostMapping(path = "/api/broadcasts/{id}/cancel", produces = "application/json")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Broadcasts.View cancel(@PathVariable String id) {
        return broadcasts.cancel(id);
    }
}
