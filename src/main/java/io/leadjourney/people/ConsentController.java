package io.leadjourney.people;

import java.util.List;

import io.leadjourney.platform.security.AllowedGroups;
import io.leadjourney.platform.security.Groups;
import io.leadjourney.platform.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A person's consent ledger, for those who answer for it: auditors, marketing ops, admins. */
@RestController
@AllowedGroups({Groups.AUDITORS, Groups.MARKETING_OPS, Groups.ADMIN})
class ConsentController {

    private final PeopleService people;

    ConsentController(PeopleService people) {
        this.people = people;
    }

    @GetMapping(path = "/api/people/{id}/consents", produces = "application/json")
    List<ConsentStatement> consents(@PathVariable String id) {
        PersonId person = PersonId.parse(id).filter(p -> people.find(p).isPresent()).orElseThrow(() -> new NotFoundException("No person " + id));
        return people.consentLedger(person);
    }
}
