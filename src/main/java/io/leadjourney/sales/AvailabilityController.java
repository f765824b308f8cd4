package io.leadjourney.sales;

import java.util.List;

import io.leadjourney.platform.security.AllowedGroups;
import io.leadjourney.platform.security.Caller;
import io.leadjourney.platform.security.Groups;
import io.leadjourney.platform.web.InvalidRequestException;
import io.leadjourney.platform.web.NotFoundException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Who takes new follow-ups: salespeople mark themselves unavailable (leave, a full week), managers mark anyone.
 * Rotation skips unavailable people; their open tasks stay theirs until reassigned in Tasklist.
 */
@RestController
@AllowedGroups({Groups.SALES, Groups.SALES_MANAGERS, Groups.ADMIN})
class AvailabilityController {

    record Availability(String userId, String name, boolean available) {
    }

    record Change(Boolean available) {
    }

    private final SalesRotation rotation;
    private final IdentityService identity;

    AvailabilityController(SalesRotation rotation, IdentityService identity) {
        this.rotation = rotation;
        this.identity = identity;
    }

    @GetMapping(path = "/api/sales/availability", produces = "application/json")
    List<Availability> team() {
        return identity.createUserQuery().memberOfGroup(Groups.SALES).orderByUserId().asc().list().stream()
            .map(user -> new Availability(user.getId(), (user.getFirstName() + " " + user.getLastName()).trim(), rotation.isAvailable(user.getId())))
            .toList();
    }

    @PutMapping(path = "/api/sales/availability/{userId}", consumes = "application/json", produces = "application/json")
    Availability change(Caller caller, @PathVariable String userId, @RequestBody Change change) {
        if (change == null || change.available() == null) {
            throw new InvalidRequestException("available", "is required (true or false)");
        }
        if (!caller.userId().equals(userId) && !caller.inAny(Groups.SALES_MANAGERS, Groups.ADMIN)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only sales managers change someone else's availability.");
        }
        User user = identity.createUserQuery().userId(userId).singleResult();
        if (user == null) {
            throw new NotFoundException("No user " + userId);
        }
        rotation.setAvailable(userId, change.available());
        return new Availability(userId, (user.getFirstName() + " " + user.getLastName()).trim(), change.available());
    }
}
