package io.leadjourney.audit;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadjourney.intake.ImportErasure;
import io.leadjourney.journey.JourneyVariables;
import io.leadjourney.messaging.Deliveries;
import io.leadjourney.people.PeopleService;
import io.leadjourney.people.Person;
import io.leadjourney.people.PersonErasure;
import io.leadjourney.people.PersonId;
import io.leadjourney.people.SignalHistory;
import io.leadjourney.people.Stage;
import io.leadjourney.platform.web.NotFoundException;
import io.leadjourney.sales.Opportunities;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The right to erasure: removes the person's identity from every table — the project's and Camunda's runtime and
 * history (variables, task data, decision inputs, byte arrays, comments, logs) — and keeps an anonymised record of
 * the journey (stages, dates, decisions and task outcomes without personal data) in lj_erasure.
 */
@Service
public class Erasure {


    public record Erased(String personId, OffsetDateTime erasedAt, int processInstancesDeleted) {
    }

    private final PersonErasure personErasure;
    private final Deliveries deliveries;
    private final ImportErasure imports;
    private final PeopleService people;
    private final Timelines timelines;
    private final Opportunities opportunities;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final TaskService tasks;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final SignalHistory signals;
    private final ObjectMapper json;

    Erasure(PersonErasure personErasure, Deliveries deliveries, ImportErasure imports, PeopleService people, Timelines timelines,
            Opportunities opportunities, RuntimeService runtime, HistoryService history, TaskService tasks, JdbcClient jdbc, Clock clock,
            SignalHistory signals, ObjectMapper json) {
        this.personErasure = personErasure;
        this.deliveries = deliveries;
        this.imports = imports;
        this.json = json;
        this.signals = signals;
        this.people = people;
        this.timelines = timelines;
        this.opportunities = opportunities;
        this.runtime = runtime;
        this.history = history;
        this.tasks = tasks;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public Erased erase(PersonId id, String erasedBy) {
        Person person = personErasure.lock(id).orElseThrow(() -> new NotFoundException("No person " + id));
        if (person.email() == null && person.phone() == null && person.name() == null
            && jdbc.sql("select count(*) from lj_erasure where person_id = ?").param(id.value()).query(Integer.class).single() > 0) {
            throw new NotFoundException("Person " + id + " was already erased");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<TimelineEntry> timeline = timelines.of(id);
        jdbc.sql("insert into lj_erasure (person_id, erased_at, erased_by, record) values (?, ?, ?, ?)")
            .params(id.value(), now, erasedBy, AnonymisedRecord.of(timeline, json)).update();

        List<String> own = ownProcessInstances(id);
        releaseOtherContacts(id);
        leaveOthersOpportunities(id, person);
        deleteProcesses(own);
        forgetContactData(id, person);
        people.moveTo(id, Stage.DISQUALIFIED, "erased", null);
        personErasure.anonymise(id, now);
        return new Erased(id.value(), now, own.size());
    }

    /** The person's processes, running or ended, with their whole history. */
    private void deleteProcesses(List<String> own) {
        for (String instance : own) {
            if (runtime.createProcessInstanceQuery().processInstanceId(instance).count() > 0) {
                runtime.deleteProcessInstance(instance, "erasure", true, true, true);
            }
        }
        if (!own.isEmpty()) {
            history.deleteHistoricProcessInstancesIfExists(own);
        }
    }

    /** Notes, consent, signal attributes and scoring decisions, message recipients, import errors naming the person. */
    private void forgetContactData(PersonId id, Person person) {
        // the decisions that scored the person's signals outside the journey hold their title and industry as inputs
        String[] scoring = signals.all(id).stream().flatMap(signal -> signal.decisionInstanceIds().stream()).toArray(String[]::new);
        if (scoring.length > 0) { // those still there: history cleanup or an earlier erasure may have removed some
            history.createHistoricDecisionInstanceQuery().decisionInstanceIdIn(scoring).list()
                .forEach(decision -> history.deleteHistoricDecisionInstanceByInstanceId(decision.getId()));
        }
        personErasure.forgetRecords(id);
        deliveries.forget(id);
        imports.forgetLinesNaming(identifiers(person));
    }

    /** The person's journeys and the processes they called (their opportunities), running or ended. */
    private List<String> ownProcessInstances(PersonId id) {
        List<String> ids = new ArrayList<>();
        for (HistoricProcessInstance journey : history.createHistoricProcessInstanceQuery()
            .processDefinitionKey(JourneyVariables.PROCESS_KEY).processInstanceBusinessKey(id.value()).list()) {
            ids.add(journey.getId());
            history.createHistoricProcessInstanceQuery().superProcessInstanceId(journey.getId()).list().forEach(sub -> ids.add(sub.getId()));
        }
        return ids;
    }

    /** Other people in an open opportunity of the erased person lose that opportunity: they go back to nurturing. */
    private void releaseOtherContacts(PersonId id) {
        for (String opportunityId : opportunities.openWithPrimary(id)) {
            opportunities.close(opportunityId, Opportunities.Status.LOST, "OTHER", null, "closed by erasure of its primary contact");
            for (PersonId contact : opportunities.contacts(opportunityId)) {
                if (!contact.equals(id)) {
                    people.moveTo(contact, Stage.LEAD, "opportunity closed by an erasure", null);
                }
            }
        }
    }

    /** In someone else's opportunity the erased person's name and address disappear from the task context. */
    private void leaveOthersOpportunities(PersonId id, Person person) {
        for (Opportunities.Membership membership : opportunities.ledByOthers(id)) {
            opportunities.removeContact(membership.opportunityId(), id);
            // a variable whose value, now or in any earlier update, names the person loses its history
            Set<String> named = new HashSet<>();
            for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery().processInstanceId(membership.processInstanceId()).list()) {
                if (names(variable.getValue(), person)) {
                    named.add(variable.getId());
                }
            }
            history.createHistoricDetailQuery().processInstanceId(membership.processInstanceId()).variableUpdates().list().stream()
                .map(detail -> (HistoricVariableUpdate) detail)
                .filter(update -> names(update.getValue(), person))
                .forEach(update -> named.add(update.getVariableInstanceId()));
            named.forEach(history::deleteHistoricVariableInstance);
            for (Task task : tasks.createTaskQuery().processInstanceId(membership.processInstanceId()).list()) {
                tasks.getVariablesLocal(task.getId()).forEach((name, value) -> {
                    if (names(value, person)) {
                        tasks.removeVariableLocal(task.getId(), name);
                    }
                });
            }
        }
    }

    private static boolean names(Object value, Person person) {
        return value instanceof String text && identifiers(person).stream().anyMatch(text::contains);
    }

    private static List<String> identifiers(Person person) {
        List<String> identifiers = new ArrayList<>();
        if (person.email() != null) {
            identifiers.add(person.email());
        }
        if (person.phone() != null) {
            identifiers.add(person.phone());
            identifiers.add(person.phone().substring(1));
        }
        return identifiers;
    }
}
