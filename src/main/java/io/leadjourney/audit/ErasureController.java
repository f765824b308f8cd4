package io.leadjourney.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    /** Outside the database on purpose: after a restore from an older backup, these lines say whom to erase again. */
    private static final Logger ERASURES = LoggerFactory.getLogger("io.leadjourney.erasures");

    @DeleteMapping(path = "/api/people/{id}", produces = "application/json")
    Erasure.Erased erase(Caller caller, @PathVariable String id) {
        Erasure.Erased erased = erasure.erase(PersonId.of(id), caller.name());
        ERASURES.info("Erased person {} at {} by {}", erased.personId(), erased.erasedAt(), caller.name());
        return erased;
    }
}
