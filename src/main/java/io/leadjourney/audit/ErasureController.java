package io.leadjourney.audit;

import io.leadjourney.people.PersonId;
import io.leadjourney.platform.security.AllowedGroups;
import io.leadjourney.platform.security.Caller;
import io.leadjourney.platform.security.Groups;
import io.leadjourney.platform.web.NotFoundException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
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

    static final int MAX_ATTEMPTS = 5;

    /** Outside the database on purpose: after a restore from an older backup, these lines say whom to erase again. */
    private static final Logger ERASURES = LoggerFactory.getLogger("io.leadjourney.erasures");

    @DeleteMapping(path = "/api/people/{id}", produces = "application/json")
    Erasure.Erased erase(Caller caller, @PathVariable String id) {
        PersonId person = PersonId.parse(id).orElseThrow(() -> new NotFoundException("No person " + id));
        Erasure.Erased erased = null;
        for (int attempt = 1; erased == null; attempt++) {
            try {
                erased = erasure.erase(person, caller.name());
            } catch (OptimisticLockingException | ConcurrencyFailureException busy) {
                // the person's journey was applying a signal at that moment: erase again, from the start
                if (attempt == MAX_ATTEMPTS) {
                    throw busy;
                }
            }
        }
        ERASURES.info("Erased person {} at {} by {}", erased.personId(), erased.erasedAt(), caller.name());
        return erased;
    }
}
