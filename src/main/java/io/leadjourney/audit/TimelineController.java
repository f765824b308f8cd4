package io.leadjourney.audit;

import java.util.List;

import io.leadjourney.people.PeopleService;
import io.leadjourney.people.PersonId;
import io.leadjourney.platform.security.AllowedGroups;
import io.leadjourney.platform.security.Groups;
import io.leadjourney.platform.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** GET /api/people/{id}/journey: the person's timeline for auditors. */
@RestController
@AllowedGroups({Groups.AUDITORS, Groups.ADMIN, Groups.MARKETING_OPS})
class TimelineController {

    record Journey(String personId, List<TimelineEntry> timeline) {
    }

    private final Timelines timelines;
    private final PeopleService people;

    TimelineController(Timelines timelines, PeopleService people) {
        this.timelines = timelines;
        this.people = people;
    }

    @GetMapping(path = "/api/people/{id}/journey", produces = "application/json")
    Journey journey(@PathVariable String id) {
        PersonId person = PersonId.parse(id).orElseThrow(() -> new NotFoundException("No person " + id));
        if (people.find(person).isEmpty()) {
            throw new NotFoundException("No person " + id);
        }
        return new Journey(id, timelines.of(person));
    }
}
