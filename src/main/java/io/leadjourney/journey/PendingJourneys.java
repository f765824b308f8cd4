package io.leadjourney.journey;

import java.util.List;

import io.leadjourney.people.Person;
import io.leadjourney.people.PersonRepository;
import io.leadjourney.platform.BackgroundWork;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts the journeys of people registered without one (contact imports), in batches in the background, so that an
 * import of 100,000 contacts is not held up by 100,000 process starts. Rows are claimed with SKIP LOCKED, so any
 * number of nodes share the work. Runs on nodes whose job executor runs.
 */
@Component
public class PendingJourneys {

    private final PersonRepository people;
    private final JourneyService journeys;
    private final TransactionTemplate transaction;
    private final boolean enabled;
    private final int batch;

    PendingJourneys(PersonRepository people, JourneyService journeys, TransactionTemplate transaction,
                    BackgroundWork background, JourneySettings settings) {
        this.people = people;
        this.journeys = journeys;
        this.transaction = transaction;
        this.enabled = background.enabled();
        this.batch = settings.pendingJourneys().batch();
    }

    @Scheduled(fixedDelayString = "${journey.pending-journeys.interval:PT2S}", initialDelayString = "PT10S")
    void startPendingInTheBackground() {
        if (enabled) {
            while (startPending(batch) == batch) {
                // more are waiting: keep going until the queue is empty
            }
        }
    }

    /** Starts up to {@code max} pending journeys in one transaction; returns how many. */
    public int startPending(int max) {
        Integer started = transaction.execute(status -> {
            List<Person> pending = people.lockPendingJourneys(max);
            for (Person person : pending) {
                journeys.ensureJourney(person);
                people.journeyStarted(person.id());
            }
            return pending.size();
        });
        return started == null ? 0 : started;
    }
}
