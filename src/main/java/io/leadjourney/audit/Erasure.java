package io.leadjourney.audit;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadjourney.journey.JourneyVariables;
import io.leadjourney.people.PeopleService;
import io.leadjourney.people.Person;
import io.leadjourney.people.PersonId;
import io.leadjourney.people.PersonRepository;
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

    private static final SecureRandom RANDOM = new SecureRandom();

    public record Erased(String personId, OffsetDateTime erasedAt, int processInstancesDeleted) {
    }

    private final PersonRepository personRepository;
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

    Erasure(PersonRepository personRepository, PeopleService people, Timelines timelines, Opportunities opportunities,
            RuntimeService runtime, HistoryService history, TaskService tasks, JdbcClient jdbc, Clock clock, SignalHistory signals,
            ObjectMapper json) {
        this.json = json;
        this.signals = signals;
        this.personRepository = personRepository;
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
        Person person = personRepository.lock(id).orElseThrow(() -> new NotFoundException("No person " + id));
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
        jdbc.sql("update lj_person set email = null, phone = null, name = null, company = null, title = null, industry = null, source = null, "
                + "unsubscribe_token = ?, marketing_stopped_at = coalesce(marketing_stopped_at, ?), journey_pending = false, erased_at = ?, "
                + "updated_at = ? where id = ?")
            .params(newToken(), now, now, now, id.value()).update();
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
        jdbc.sql("delete from lj_note where person_id = ?").param(id.value()).update();
        jdbc.sql("delete from lj_consent where person_id = ?").param(id.value()).update();
        // the decisions that scored the person's signals outside the journey hold their title and industry as inputs
        String[] scoring = signals.all(id).stream().flatMap(signal -> signal.decisionInstanceIds().stream()).toArray(String[]::new);
        if (scoring.length > 0) { // those still there: history cleanup or an earlier erasure may have removed some
            history.createHistoricDecisionInstanceQuery().decisionInstanceIdIn(scoring).list()
                .forEach(decision -> history.deleteHistoricDecisionInstanceByInstanceId(decision.getId()));
        }
        jdbc.sql("update lj_signal set attributes = null, decisions = null where person_id = ?").param(id.value()).update();
        jdbc.sql("update lj_message set recipient = null, detail = null where person_id = ?").param(id.value()).update();
        jdbc.sql("update lj_delivery_event set detail = null where person_id = ?").param(id.value()).update();
        for (String identity : identifiers(person)) {
            jdbc.sql("delete from lj_import_error where message like ?").param("%" + identity + "%").update();
        }
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
        for (String opportunityId : jdbc.sql("select id from lj_opportunity where primary_person_id = ? and status = 'OPEN'")
            .param(id.value()).query(String.class).list()) {
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
        List<String[]> memberships = jdbc.sql("select o.id, o.process_instance_id from lj_opportunity o join lj_opportunity_contact c "
                + "on c.opportunity_id = o.id where c.person_id = ? and o.primary_person_id <> ?")
            .params(id.value(), id.value()).query((rs, row) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        for (String[] membership : memberships) {
            opportunities.removeContact(membership[0], id);
            // a variable whose value, now or in any earlier update, names the person loses its history
            Set<String> named = new HashSet<>();
            for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery().processInstanceId(membership[1]).list()) {
                if (names(variable.getValue(), person)) {
                    named.add(variable.getId());
                }
            }
            history.createHistoricDetailQuery().processInstanceId(membership[1]).variableUpdates().list().stream()
                .map(detail -> (HistoricVariableUpdate) detail)
                .filter(update -> names(update.getValue(), person))
                .forEach(update -> named.add(update.getVariableInstanceId()));
            named.forEach(history::deleteHistoricVariableInstance);
            for (Task task : tasks.createTaskQuery().processInstanceId(membership[1]).list()) {
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

    private static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
