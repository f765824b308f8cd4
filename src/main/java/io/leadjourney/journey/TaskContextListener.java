package io.leadjourney.journey;

import static io.leadjourney.journey.JourneyVariables.OPPORTUNITY_ID;
import static io.leadjourney.journey.JourneyVariables.PERSON_ID;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import io.leadjourney.people.Notes;
import io.leadjourney.people.PeopleService;
import io.leadjourney.people.Person;
import io.leadjourney.people.PersonId;
import io.leadjourney.people.SignalHistory;
import io.leadjourney.sales.Opportunities;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On every sales task's creation: what a salesperson needs before calling, as task variables the forms show —
 * who (name, company, title, phone with a click-to-WhatsApp link), where they stand (stage, score, grade), why they
 * are sales-ready (recent signals and the qualification decision) and the conversation so far (notes).
 */
@Component
class TaskContextListener implements TaskListener {

    /** Shown for what is not known; not "-", which the forms' Markdown would turn into an empty list. */
    static final String NONE = "—";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);

    private final PeopleService people;
    private final SignalHistory signals;
    private final Notes notes;
    private final DecisionExplanations decisions;
    private final Opportunities opportunities;
    private final ZoneId teamZone;

    TaskContextListener(PeopleService people, SignalHistory signals, Notes notes, DecisionExplanations decisions, Opportunities opportunities,
                        @org.springframework.beans.factory.annotation.Value("${journey.default-time-zone:Asia/Jakarta}") ZoneId teamZone) {
        this.teamZone = teamZone;
        this.people = people;
        this.signals = signals;
        this.notes = notes;
        this.decisions = decisions;
        this.opportunities = opportunities;
    }

    @Override
    public void notify(DelegateTask task) {
        String personId = PERSON_ID.from(task);
        if (personId == null) {
            return;
        }
        Person person = people.find(PersonId.of(personId)).orElse(null);
        if (person == null) {
            return;
        }
        ZoneId zone = teamZone; // times as the salesperson reads them
        task.setVariableLocal("personName", orDash(person.name()));
        task.setVariableLocal("personCompany", orDash(person.company()));
        task.setVariableLocal("personTitle", orDash(person.title()));
        task.setVariableLocal("personEmail", orDash(person.email()));
        task.setVariableLocal("personPhone", orDash(person.phone()));
        task.setVariableLocal("whatsappLink", person.phone() == null ? NONE : "https://wa.me/" + person.phone().substring(1));
        task.setVariableLocal("personStage", person.stage().name());
        task.setVariableLocal("personScore", person.score());
        task.setVariableLocal("personGrade", orDash(person.grade()));
        List<SignalHistory.Signal> recent = signals.recent(person.id(), 5);
        task.setVariableLocal("recentSignals", orDash(recent.stream()
            .map(s -> "• " + s.type() + " — " + WHEN.format(s.occurredAt().atZoneSameInstant(zone)) + (s.source() == null ? "" : " (" + s.source() + ")"))
            .collect(Collectors.joining("\n"))));
        task.setVariableLocal("whySalesReady", whySalesReady(recent).orElseGet(() -> qualificationNow(task)));
        task.setVariableLocal("previousNotes", orDash(notes.of(person.id(), 5).stream()
            .map(n -> "• " + WHEN.format(n.writtenAt().atZoneSameInstant(zone)) + (n.author() == null ? "" : " " + n.author())
                + (n.outcome() == null ? "" : " [" + n.outcome() + "]") + (n.text() == null ? "" : ": " + n.text()))
            .collect(Collectors.joining("\n"))));
        String opportunityId = OPPORTUNITY_ID.from(task);
        if (opportunityId != null) {
            task.setVariableLocal("opportunityContacts", opportunities.contacts(opportunityId).stream()
                .map(id -> people.find(id).map(p -> orDash(p.name()) + " <" + (p.email() != null ? p.email() : p.phone()) + ">").orElse(id.value()))
                .collect(Collectors.joining("\n")));
        }
    }

    /** lead-qualification on the newest signal it judged (SignalScoring links a signal to its decisions), as Tasklist shows it. */
    private Optional<String> whySalesReady(List<SignalHistory.Signal> newestFirst) {
        for (SignalHistory.Signal signal : newestFirst) {
            Optional<String> why = decisions.of(List.of(), signal.decisionInstanceIds()).stream()
                .filter(decision -> decision.decisionKey().equals(SignalScoring.LEAD_QUALIFICATION))
                .map(decision -> decision.summary() + " after " + signal.type())
                .findFirst();
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }

    private static String qualificationNow(DelegateTask task) {
        String signal = JourneyVariables.LAST_SIGNAL_TYPE.from(task);
        String stage = JourneyVariables.QUALIFIED_STAGE.from(task);
        if (signal == null || stage == null) {
            return NONE;
        }
        return "lead-qualification: " + stage + " after " + signal + " (score " + JourneyVariables.SCORE.from(task) + ")";
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? NONE : value;
    }
}
