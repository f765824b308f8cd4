package io.leadjourney.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadjourney.journey.DecisionExplanations;
import io.leadjourney.journey.JourneyVariables;
import io.leadjourney.journey.migration.MigrationEntry;
import io.leadjourney.journey.migration.MigrationHistory;
import io.leadjourney.messaging.Deliveries;
import io.leadjourney.people.PersonId;
import io.leadjourney.people.SignalHistory;
import io.leadjourney.people.StageHistory;
import io.leadjourney.sales.Opportunities;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A person's journey as auditors read it, in time order: stage changes, signals, messages sent (or skipped, and why),
 * tasks (created, who claimed and completed them, with the answers given) and every decision with its table,
 * version, inputs, outputs and matching row — from Camunda history and the project's tables.
 */
@Service
public class Timelines {

    private final StageHistory stages;
    private final SignalHistory signals;
    private final DecisionExplanations decisions;
    private final HistoryService history;
    private final JdbcClient jdbc;
    private final MigrationHistory migrations;
    private final Opportunities opportunities;
    private final Deliveries deliveries;

    private final ObjectMapper json;

    Timelines(StageHistory stages, SignalHistory signals, DecisionExplanations decisions, HistoryService history, JdbcClient jdbc,
              MigrationHistory migrations, Opportunities opportunities, Deliveries deliveries, ObjectMapper json) {
        this.migrations = migrations;
        this.opportunities = opportunities;
        this.deliveries = deliveries;
        this.json = json;
        this.stages = stages;
        this.signals = signals;
        this.decisions = decisions;
        this.history = history;
        this.jdbc = jdbc;
    }

    /** The person's lead-journeys, the opportunities they called, and opportunities the person is a contact of. */
    public List<String> processInstances(PersonId person) {
        Set<String> ids = new LinkedHashSet<>();
        for (HistoricProcessInstance journey : history.createHistoricProcessInstanceQuery()
            .processDefinitionKey(JourneyVariables.PROCESS_KEY).processInstanceBusinessKey(person.value())
            .orderByProcessInstanceStartTime().asc().list()) {
            ids.add(journey.getId());
            history.createHistoricProcessInstanceQuery().superProcessInstanceId(journey.getId()).list().forEach(sub -> ids.add(sub.getId()));
        }
        ids.addAll(opportunities.processInstancesOf(person));
        return new ArrayList<>(ids);
    }

    /** What happened to the person, oldest first; for an erased person, the anonymised record kept at erasure. */
    public List<TimelineEntry> of(PersonId person) {
        List<ErasedRecord> erased = jdbc.sql("select record, erased_at from lj_erasure where person_id = ?")
            .param(person.value()).query((rs, row) -> new ErasedRecord(rs.getString(1), rs.getObject(2, OffsetDateTime.class))).list();
        if (!erased.isEmpty()) {
            return anonymised(person, erased.get(0));
        }
        List<TimelineEntry> entries = new ArrayList<>();
        for (StageHistory.StageChange change : stages.of(person)) {
            entries.add(new TimelineEntry(change.at(), TimelineEntry.Kind.STAGE,
                (change.from() == null ? "" : change.from() + " → ") + change.to(),
                details("from", change.from() == null ? null : change.from().name(), "to", change.to().name(), "reason", change.reason(),
                    "processInstanceId", change.processInstanceId())));
        }
        Map<String, String> scoredSignals = new LinkedHashMap<>(); // decision instance → the signal it scored
        for (SignalHistory.Signal signal : signals.all(person)) {
            entries.add(new TimelineEntry(signal.occurredAt(), TimelineEntry.Kind.SIGNAL, signal.type(),
                details("signalId", signal.id(), "source", signal.source(), "receivedAt", signal.receivedAt(), "receivedBy", signal.receivedBy())));
            signal.decisionInstanceIds().forEach(decision -> scoredSignals.put(decision, signal.id()));
        }
        messages(person, entries);
        List<String> instances = processInstances(person);
        for (String instance : instances) {
            for (HistoricTaskInstance task : history.createHistoricTaskInstanceQuery().processInstanceId(instance).list()) {
                entries.add(task(task));
            }
        }
        decisions(instances, scoredSignals, entries);
        migrations(instances, entries);
        entries.sort(Comparator.comparing(TimelineEntry::at).thenComparing(entry -> entry.kind().ordinal()));
        return entries;
    }

    private void messages(PersonId person, List<TimelineEntry> entries) {
        for (Deliveries.MessageRecord message : deliveries.history(person)) {
            String status = message.status();
            entries.add(new TimelineEntry(message.sentAt() != null ? message.sentAt() : message.createdAt(), TimelineEntry.Kind.MESSAGE,
                message.channel() + " " + message.template() + " " + status.toLowerCase()
                    + ("SKIPPED".equals(status) ? " (" + message.detail() + ")" : ""),
                details("channel", message.channel(), "template", message.template(), "kind", message.kind(),
                    "status", status, "messageId", message.messageId(), "processInstanceId", message.processInstanceId())));
        }
    }

    /** The decisions of the person's journeys, and those that scored their signals (beside the signal). */
    private void decisions(List<String> instances, Map<String, String> scoredSignals, List<TimelineEntry> entries) {
        for (DecisionExplanations.Explained decision : decisions.of(instances, new ArrayList<>(scoredSignals.keySet()))) {
            entries.add(new TimelineEntry(at(decision.evaluatedAt()), TimelineEntry.Kind.DECISION, decision.summary(),
                details("decisionKey", decision.decisionKey(), "decisionName", decision.decisionName(), "version", decision.version(),
                    "activityId", decision.activityId(), "inputs", decision.inputs(), "outputs", decision.outputs(),
                    "matchedRules", decision.rules(), "processInstanceId", decision.processInstanceId(),
                    "signalId", scoredSignals.get(decision.decisionInstanceId()))));
        }
    }

    private void migrations(List<String> instances, List<TimelineEntry> entries) {
        for (MigrationEntry moved : migrations.history(instances)) {
            entries.add(new TimelineEntry(moved.at(), TimelineEntry.Kind.MIGRATION, moved.processKey() + " v" + moved.fromVersion() + " → v"
                + moved.toVersion() + ("MIGRATED".equals(moved.status()) ? "" : " (" + moved.status().toLowerCase() + ")")
                + (moved.deployedBy() == null ? "" : ", deployed by " + moved.deployedBy()),
                details("processInstanceId", moved.processInstanceId(), "status", moved.status(), "detail", moved.detail(),
                    "deployedBy", moved.deployedBy())));
        }
    }

    private record ErasedRecord(String record, OffsetDateTime erasedAt) {
    }

    /**
     * The record {@link Erasure} kept (stages, signal types, messages, tasks with their anonymous answers, decisions with
     * their anonymous inputs), each entry marked {@code anonymised}, then what happened at and after the erasure.
     */
    private List<TimelineEntry> anonymised(PersonId person, ErasedRecord erased) {
        List<TimelineEntry> entries = new ArrayList<>();
        try {
            for (Map<String, Object> item : json.readValue(erased.record(), new TypeReference<List<Map<String, Object>>>() { })) {
                Map<String, Object> details = new LinkedHashMap<>(item);
                OffsetDateTime at = OffsetDateTime.parse((String) details.remove("at"));
                TimelineEntry.Kind kind = TimelineEntry.Kind.valueOf((String) details.remove("kind"));
                details.put("anonymised", true);
                entries.add(new TimelineEntry(at, kind, anonymisedSummary(kind, details), details));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable erasure record of " + person, e);
        }
        for (StageHistory.StageChange change : stages.of(person)) {
            if (!change.at().isBefore(erased.erasedAt())) {
                entries.add(new TimelineEntry(change.at(), TimelineEntry.Kind.STAGE, change.from() + " → " + change.to(),
                    details("from", change.from() == null ? null : change.from().name(), "to", change.to().name(), "reason", change.reason())));
            }
        }
        entries.sort(Comparator.comparing(TimelineEntry::at).thenComparing(entry -> entry.kind().ordinal()));
        return entries;
    }

    private static String anonymisedSummary(TimelineEntry.Kind kind, Map<String, Object> d) {
        return switch (kind) {
            case STAGE -> (d.get("from") == null ? "" : d.get("from") + " → ") + d.get("to");
            case SIGNAL -> String.valueOf(d.get("type"));
            case MESSAGE -> d.get("channel") + " " + d.get("template") + " " + String.valueOf(d.get("status")).toLowerCase();
            case TASK -> d.get("task") + " (" + d.get("state") + ")";
            case DECISION -> d.get("decisionKey") + " v" + d.get("version") + ": " + String.valueOf(d.get("outputs")).replaceAll("[{}]", "");
            case MIGRATION -> "journey moved to a new version of its model";
        };
    }

    private TimelineEntry task(HistoricTaskInstance task) {
        String claimedBy = null;
        String completedBy = null;
        for (UserOperationLogEntry entry : history.createUserOperationLogQuery().taskId(task.getId()).list()) {
            if (UserOperationLogEntry.OPERATION_TYPE_CLAIM.equals(entry.getOperationType()) && "assignee".equals(entry.getProperty())) {
                claimedBy = entry.getUserId();
            }
            if (UserOperationLogEntry.OPERATION_TYPE_COMPLETE.equals(entry.getOperationType())) {
                completedBy = entry.getUserId();
            }
        }
        // the answers given when completing: the variable updates the completion made (context variables excluded)
        Map<String, Object> answers = new LinkedHashMap<>();
        history.createHistoricDetailQuery().variableUpdates().activityInstanceId(task.getActivityInstanceId()).orderByTime().asc().list().stream()
            .map(detail -> (HistoricVariableUpdate) detail)
            .filter(update -> ANSWERS.contains(update.getVariableName()))
            .forEach(update -> answers.put(update.getVariableName(), update.getValue()));
        String state = task.getEndTime() == null ? "open" : "DELETED".equalsIgnoreCase(task.getDeleteReason()) ? "cancelled" : task.getDeleteReason();
        return new TimelineEntry(at(task.getStartTime()), TimelineEntry.Kind.TASK, task.getName() + " (" + state + ")",
            details("taskId", task.getId(), "taskDefinitionKey", task.getTaskDefinitionKey(), "assignee", task.getAssignee(),
                "claimedBy", claimedBy, "completedBy", completedBy != null ? completedBy : "completed".equals(task.getDeleteReason()) ? task.getAssignee() : null,
                "created", task.getStartTime(), "ended", task.getEndTime(), "due", task.getDueDate(), "priority", task.getPriority(),
                "state", state, "answers", answers, "processInstanceId", task.getProcessInstanceId()));
    }

    /** The variables sales answer in task forms (the contract's form variables and the forms' own fields). */
    static final Set<String> ANSWERS = Set.of("contacted", "need", "budget", "authority", "timeline", "notes", "outcome", "lossReason",
        "value", "addContact", "removeContact", "escalationAction", "referralGiven", "referralContacts", "disqualified", "disqualifyReason");

    static OffsetDateTime at(Date date) {
        return date == null ? null : OffsetDateTime.ofInstant(date.toInstant(), ZoneOffset.UTC);
    }

    private static Map<String, Object> details(Object... keysAndValues) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                details.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return details;
    }
}
