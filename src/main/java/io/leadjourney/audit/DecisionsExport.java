package io.leadjourney.audit;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadjourney.journey.DecisionExplanations;
import io.leadjourney.people.SignalHistory;
import io.leadjourney.platform.security.AllowedGroups;
import io.leadjourney.platform.security.Groups;
import io.leadjourney.platform.web.Dates;
import io.leadjourney.platform.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The auditors' export of every decision of a period, with the person (and the signal) each one was about. */
@Controller
@AllowedGroups({Groups.AUDITORS, Groups.ADMIN, Groups.MARKETING_OPS})
class DecisionsExport {

    private final DecisionExplanations decisions;
    private final SignalHistory signals;
    private final HistoryService history;
    private final ZoneId zone;
    private final ObjectMapper json;

    DecisionsExport(DecisionExplanations decisions, SignalHistory signals, HistoryService history, ZoneId zone, ObjectMapper json) {
        this.json = json;
        this.decisions = decisions;
        this.signals = signals;
        this.history = history;
        this.zone = zone;
    }

    @GetMapping(path = "/audit/decisions.csv")
    void decisionsCsv(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                      HttpServletResponse response) throws IOException {
        Dates.reasonable("from", from);
        Dates.reasonable("to", to);
        if (to.isBefore(from)) {
            throw new InvalidRequestException("to", "must not be before from");
        }
        Date start = Date.from(from.atStartOfDay(zone).toInstant());
        Date end = Date.from(to.plusDays(1).atStartOfDay(zone).toInstant());
        List<List<Object>> rows = new ArrayList<>();
        // a signal's scoring decisions have no process: the signal says whose they were (a minute's margin for the commit)
        Map<String, SignalHistory.Scoring> scored = signals.scoredBetween(Timelines.at(start).minusMinutes(1), Timelines.at(end).plusMinutes(1));
        for (DecisionExplanations.Explained decision : decisions.between(start, end)) {
            SignalHistory.Scoring signal = scored.get(decision.decisionInstanceId());
            rows.add(Arrays.asList(Csv.local(Timelines.at(decision.evaluatedAt()), zone), decision.decisionKey(), decision.version(),
                decision.processInstanceId(), signal != null ? signal.personId() : businessKey(decision.processInstanceId()), signal == null ? null : signal.signalId(),
                decision.activityId(), Csv.json(json, decision.inputs()), Csv.json(json, decision.outputs()),
                decision.rules().stream().map(DecisionExplanations.MatchedRule::label).collect(Collectors.joining("; "))));
        }
        Csv.download(response, "decisions-" + from + "-" + to + ".csv", List.of("evaluatedAt", "decision", "version", "processInstanceId", "personId",
            "signalId", "activityId", "inputs", "outputs", "matchedRules"), rows);
    }

    private String businessKey(String processInstanceId) {
        if (processInstanceId == null) {
            return null;
        }
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        if (instance == null) {
            return null;
        }
        if (instance.getBusinessKey() == null && instance.getSuperProcessInstanceId() != null) {
            return businessKey(instance.getSuperProcessInstanceId());
        }
        return instance.getBusinessKey();
    }
}
