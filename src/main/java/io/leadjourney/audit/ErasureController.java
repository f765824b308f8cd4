package io.leadjourney.audit;

import io.leadjourney.people.PersonId;
import io.leadjourney.platform.security.AllowedGroups;
import io.leadjourney.platform.security.Caller;
import io.leadjourney.platform.security.Groups;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** DELETE /api/people/{id}: erasure, by administrators and marketing ops. */
@RestController
@AllowedGroups({Groups.ADMIN, Groups.MARKETING_OPS})
class ErasureController {

    private final Erasure erasure;

    ErasureController(Erasure erasure) {
        this.erasure = erasure;
    }

    @DeleteMapping(path = "/api/people/{id}", produces = "application/json")
    Erasure.Erased erase(Caller caller, @PathVariable String id) {
        return erasure.erase(PersonId.of(id), caller.name());
    }
}
