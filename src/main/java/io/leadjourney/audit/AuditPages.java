package io.leadjourney.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadjourney.journey.DecisionExplanations;
import io.leadjourney.people.Channel;
import io.leadjourney.people.ContactData;
import io.leadjourney.people.PeopleService;
import io.leadjourney.people.Person;
import io.leadjourney.people.PersonId;
import io.leadjourney.platform.security.AllowedGroups;
import io.leadjourney.platform.security.Groups;
import io.leadjourney.platform.web.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The auditors' pages (server-rendered, read-only): find a person, read their timeline with every decision explained,
 * see each of their processes with the path they took highlighted, and export CSV.
 */
@Controller
@AllowedGroups({Groups.AUDITORS, Groups.ADMIN, Groups.MARKETING_OPS})
class AuditPages {

    record Diagram(String processInstanceId, String name, String xml, List<String> visited, List<String> active, String started, String ended) {
    }


    private final PeopleService people;
    private final Timelines timelines;
    private final DecisionExplanations decisions;
    private final HistoryService history;
    private final RepositoryService repository;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ObjectMapper json;
    /** journey.default-time-zone: the pages and exports show times, and read dates, in it. */
    private final ZoneId zone;

    AuditPages(PeopleService people, Timelines timelines, DecisionExplanations decisions, HistoryService history, RepositoryService repository,
               JdbcClient jdbc, Clock clock, ZoneId zone, ObjectMapper json) {
        this.json = json;
        this.clock = clock;
        this.zone = zone;
        this.people = people;
        this.timelines = timelines;
        this.decisions = decisions;
        this.history = history;
        this.repository = repository;
        this.jdbc = jdbc;
    }

    @GetMapping("/audit")
    String search(@RequestParam(required = false) String q, Model model) {
        model.addAttribute("q", q == null ? "" : q);
        List<Map<String, Object>> found = new ArrayList<>();
        if (q != null && !q.isBlank()) {
            // a search term is text: control characters (NUL) are no part of a name, an email or an id
            String term = q.replaceAll("\\p{Cntrl}", "").trim();
            Optional<Person> exact = exact(term);
            if (exact.isPresent()) {
                found.add(row(exact.get()));
            } else {
                // part of a name, a company, an email or a phone number
                people.search(term, 50).forEach(person -> found.add(row(person)));
            }
        }
        model.addAttribute("people", found);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        model.addAttribute("today", today);
        model.addAttribute("monthAgo", today.minusMonths(1));
        return "audit/search";
    }

    @GetMapping("/audit/people/{id}")
    String person(@PathVariable String id, Model model) throws JsonProcessingException {
        Person person = PersonId.parse(id).flatMap(people::find).orElseThrow(() -> new NotFoundException("No person " + id));
        List<TimelineEntry> timeline = timelines.of(person.id());
        model.addAttribute("person", person);
        Map<Channel, Boolean> consent = people.consent(person.id());
        model.addAttribute("emailConsent", consent.getOrDefault(Channel.EMAIL, false));
        model.addAttribute("whatsappConsent", consent.getOrDefault(Channel.WHATSAPP, false));
        model.addAttribute("consents", people.consentLedger(person.id()));
        model.addAttribute("timeline", timeline);
        model.addAttribute("zone", zone);
        model.addAttribute("zoneName", zone.getDisplayName(TextStyle.SHORT, Locale.forLanguageTag("id")));
        model.addAttribute("details", timeline.stream().map(entry -> pretty(entry.details())).toList());
        List<Diagram> diagrams = new ArrayList<>();
        for (String instanceId : timelines.processInstances(person.id())) {
            HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processInstanceId(instanceId).singleResult();
            if (instance != null) { // an erasure removes the history of the person's own journeys and opportunities
                diagrams.add(diagram(instance));
            }
        }
        model.addAttribute("diagrams", diagrams);
        // a JSON data block for static/audit/diagrams.js (no inline script: the pages' CSP allows none); '<' escaped so
        // that nothing in a model's text can close the block
        model.addAttribute("diagramsJsonForScript", json.writeValueAsString(diagrams).replace("<", "\\u003c"));
        return "audit/person";
    }

    @GetMapping(path = "/audit/people/{id}/timeline.csv")
    void timelineCsv(@PathVariable String id, HttpServletResponse response) throws IOException {
        PersonId person = PersonId.parse(id).orElseThrow(() -> new NotFoundException("No person " + id));
        if (people.find(person).isEmpty()) {
            throw new NotFoundException("No person " + id);
        }
        List<List<Object>> rows = new ArrayList<>();
        for (TimelineEntry entry : timelines.of(person)) {
            rows.add(Arrays.asList(local(entry.at()), entry.kind(), entry.summary(), Csv.json(json, entry.details())));
        }
        Csv.download(response, "timeline-" + id + ".csv", List.of("at", "kind", "summary", "details"), rows);
    }

    /** The instant with the offset of the configured zone (+07:00 in Jakarta), as a reader there reads it. */
    private OffsetDateTime local(OffsetDateTime at) {
        return Csv.local(at, zone);
    }

    private Diagram diagram(HistoricProcessInstance instance) {
        String processInstanceId = instance.getId();
        String xml;
        try (var in = repository.getProcessModel(instance.getProcessDefinitionId())) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> visited = new ArrayList<>();
        List<String> active = new ArrayList<>();
        for (HistoricActivityInstance activity : history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId).list()) {
            (activity.getEndTime() == null ? active : visited).add(activity.getActivityId());
        }
        String name = instance.getProcessDefinitionName() == null ? instance.getProcessDefinitionKey() : instance.getProcessDefinitionName();
        return new Diagram(processInstanceId, name + " v" + instance.getProcessDefinitionVersion(), xml, visited, active,
            String.valueOf(Timelines.at(instance.getStartTime())), instance.getEndTime() == null ? "running" : String.valueOf(Timelines.at(instance.getEndTime())));
    }

    private Optional<Person> exact(String term) {
        if (term.contains("@")) {
            try {
                return people.findByContact(ContactData.email(term), null);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        if (term.matches("[+0-9()\\s.-]{6,}")) {
            try {
                return people.findByContact(null, ContactData.phone(term));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return PersonId.parse(term).flatMap(people::find);
    }

    private static Map<String, Object> row(Person person) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", person.id().value());
        row.put("name", person.name());
        row.put("email", person.email());
        row.put("phone", person.phone());
        row.put("company", person.company());
        row.put("stage", person.stage().name());
        return row;
    }

    private String pretty(Object value) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
