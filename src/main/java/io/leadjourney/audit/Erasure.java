package io.leadjourney.audit;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
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

    /** Decision inputs and task answers that say nothing about who the person is. */
    static final Set<String> ANONYMOUS_INPUTS = Set.of("Signal type", "Latest signal", "Readiness (latest signal)", "Current stage", "Stage",
        "Score", "Score after the signal", "Segment", "WhatsApp consent", "Tracks finished without engagement", "Re-engaged after a lost deal",
        "Need (kebutuhan)", "Budget (anggaran)", "Authority (otoritas)", "Timeline (waktu pembelian)", "Grade", "Loss reason",
        "A competitor is pursuing them", "Potential revenue (IDR)");
    static final Set<String> ANONYMOUS_ANSWERS = Set.of("contacted", "need", "budget", "authority", "timeline", "outcome", "lossReason",
        "value", "escalationAction", "referralGiven", "disqualified", "disqualifyReason");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

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

    Erasure(PersonRepository personRepository, PeopleService people, Timelines timelines, Opportunities opportunities,
            RuntimeService runtime, HistoryService history, TaskService tasks, JdbcClient jdbc, Clock clock, SignalHistory signals) {
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
            .params(id.value(), now, erasedBy, anonymised(timeline)).update();

        List<String> own = ownProcessInstances(id);
        releaseOtherContacts(id);
        leaveOthersOpportunities(id, person);
        for (String instance : own) {
            if (runtime.createProcessInstanceQuery().processInstanceId(instance).count() > 0) {
                runtime.deleteProcessInstance(instance, "erasure", true, true, true);
            }
        }
        if (!own.isEmpty()) {
            history.deleteHistoricProcessInstancesIfExists(own);
        }

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
        people.moveTo(id, Stage.DISQUALIFIED, "erased", null);
        jdbc.sql("update lj_person set email = null, phone = null, name = null, company = null, title = null, industry = null, source = null, "
                + "unsubscribe_token = ?, marketing_stopped_at = coalesce(marketing_stopped_at, ?), journey_pending = false, erased_at = ?, "
                + "updated_at = ? where id = ?")
            .params(newToken(), now, now, now, id.value()).update();
        return new Erased(id.value(), now, own.size());
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
            Set<String> named = new java.util.HashSet<>();
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

    /** Stages, dates, decisions (anonymous inputs only) and task outcomes; nothing that says who the person was. */
    static String anonymised(List<TimelineEntry> timeline) {
        List<Map<String, Object>> record = new ArrayList<>();
        for (TimelineEntry entry : timeline) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("at", entry.at());
            item.put("kind", entry.kind().name());
            Map<String, Object> details = entry.details();
            switch (entry.kind()) {
                case STAGE -> {
                    item.put("from", details.get("from"));
                    item.put("to", details.get("to"));
                }
                case SIGNAL -> item.put("type", entry.summary());
                case MESSAGE -> {
                    item.put("channel", details.get("channel"));
                    item.put("template", details.get("template"));
                    item.put("status", details.get("status"));
                }
                case TASK -> {
                    item.put("task", details.get("taskDefinitionKey"));
                    item.put("state", details.get("state"));
                    item.put("ended", details.get("ended"));
                    item.put("answers", filter(details.get("answers"), ANONYMOUS_ANSWERS));
                }
                case DECISION -> {
                    item.put("decisionKey", details.get("decisionKey"));
                    item.put("version", details.get("version"));
                    item.put("inputs", filter(details.get("inputs"), ANONYMOUS_INPUTS));
                    item.put("outputs", details.get("outputs"));
                    item.put("matchedRules", details.get("matchedRules"));
                }
            }
            record.add(item);
        }
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> filter(Object values, Set<String> allowed) {
        Map<String, Object> kept = new LinkedHashMap<>();
        if (values instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (allowed.contains(String.valueOf(key))) {
                    kept.put(String.valueOf(key), value);
                }
            });
        }
        return kept;
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
