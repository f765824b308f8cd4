package io.leadjourney.journey;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import io.leadjourney.people.Notes;
import io.leadjourney.people.PeopleService;
import io.leadjourney.people.Person;
import io.leadjourney.people.SignalHistory;
import io.leadjourney.sales.Opportunities;
import io.leadjourney.sales.TaskContext;
import org.springframework.stereotype.Service;

/** Builds the {@link TaskContext} of a person's sales task, times as the sales team reads them. */
@Service
class TaskContexts {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);

    private final PeopleService people;
    private final SignalHistory signals;
    private final Notes notes;
    private final DecisionExplanations decisions;
    private final Opportunities opportunities;
    private final ZoneId teamZone;

    TaskContexts(PeopleService people, SignalHistory signals, Notes notes, DecisionExplanations decisions, Opportunities opportunities,
                 ZoneId teamZone) {
        this.people = people;
        this.signals = signals;
        this.notes = notes;
        this.decisions = decisions;
        this.opportunities = opportunities;
        this.teamZone = teamZone;
    }

    /**
     * The context of a task of {@code person} in {@code processInstanceId} ({@code opportunityId} when it belongs to an
     * opportunity); {@code qualifiedNow} explains the qualification when no decision history does.
     */
    TaskContext of(Person person, String processInstanceId, String opportunityId, String qualifiedNow) {
        List<SignalHistory.Signal> recent = signals.recent(person.id(), 5);
        String recentSignals = recent.stream()
            .map(s -> "• " + s.type() + " — " + WHEN.format(s.occurredAt().atZoneSameInstant(teamZone)) + (s.source() == null ? "" : " (" + s.source() + ")"))
            .collect(Collectors.joining("\n"));
        String previousNotes = notes.of(person.id(), 5).stream()
            .map(n -> "• " + WHEN.format(n.writtenAt().atZoneSameInstant(teamZone)) + (n.author() == null ? "" : " " + n.author())
                + (n.outcome() == null ? "" : " [" + n.outcome() + "]") + (n.text() == null ? "" : ": " + n.text()))
            .collect(Collectors.joining("\n"));
        String contacts = opportunityId == null ? null : opportunities.contacts(opportunityId).stream()
            .map(id -> people.find(id).map(p -> TaskContext.orNone(p.name()) + " <" + (p.email() != null ? p.email() : p.phone()) + ">")
                .orElse(id.value()))
            .collect(Collectors.joining("\n"));
        String why = whySalesReady(recent).or(() -> lastQualification(processInstanceId)).orElse(qualifiedNow);
        return new TaskContext(TaskContext.orNone(person.name()), TaskContext.orNone(person.company()), TaskContext.orNone(person.title()),
            TaskContext.orNone(person.email()), TaskContext.orNone(person.phone()),
            person.phone() == null ? TaskContext.NONE : "https://wa.me/" + person.phone().substring(1), person.stage().name(), person.score(),
            TaskContext.orNone(person.grade()), TaskContext.orNone(recentSignals), why, TaskContext.orNone(previousNotes), contacts);
    }

    /** lead-qualification on the newest signal it judged (SignalScoring links a signal to its decisions), with its row. */
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

    /** The journey's own last lead-qualification (signals received before the lean signal path were qualified in the journey). */
    private Optional<String> lastQualification(String processInstanceId) {
        return decisions.of(List.of(processInstanceId), List.of()).stream()
            .filter(decision -> decision.decisionKey().equals(SignalScoring.LEAD_QUALIFICATION))
            .reduce((first, second) -> second)
            .map(DecisionExplanations.Explained::summary);
    }
}
