package io.leadjourney.journey;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricDecisionInputInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.springframework.stereotype.Component;

/**
 * Every decision the journeys made, explained from Camunda history: which table and version, the inputs, the outputs
 * and the rows that matched (with the row's description from the table).
 */
@Component
public class DecisionExplanations {

    /** A rule that matched: its id, its row (1-based position in the table, as the Modeler shows it), its description. */
    public record MatchedRule(String ruleId, int row, String description, Map<String, Object> outputs) {

        /** "row 6 Rule_lead_qualification_6: Any signal shows first interest". */
        public String label() {
            return "row " + row + " " + ruleId + (description == null ? "" : ": " + description);
        }
    }

    public record Explained(String decisionInstanceId, String decisionKey, String decisionName, int version, Date evaluatedAt,
                            String processInstanceId, String activityId, Map<String, Object> inputs, List<MatchedRule> rules,
                            Map<String, Object> outputs) {

        /** "lead-qualification v2: qualifiedStage=SQL (rule 1: Asks a price, …)", rule by its row in the table. */
        public String summary() {
            StringBuilder text = new StringBuilder(decisionKey).append(" v").append(version).append(": ");
            text.append(outputs.isEmpty() ? "no row matched" : outputs.toString().replaceAll("[{}]", ""));
            for (MatchedRule rule : rules) {
                text.append(" (rule ").append(rule.row()).append(rule.description() == null ? "" : ": " + rule.description()).append(')');
            }
            return text.toString();
        }
    }

    private final HistoryService history;
    private final RepositoryService repository;
    private final Map<String, Map<String, TableRow>> rows = new ConcurrentHashMap<>();

    private record TableRow(int row, String description) {
    }

    DecisionExplanations(HistoryService history, RepositoryService repository) {
        this.history = history;
        this.repository = repository;
    }

    /**
     * The decisions of these process instances and these decision instances (decisions made outside a process, such as
     * a signal's scoring), oldest first.
     */
    public List<Explained> of(List<String> processInstanceIds, List<String> decisionInstanceIds) {
        List<HistoricDecisionInstance> instances = new ArrayList<>();
        for (String processInstanceId : processInstanceIds) {
            instances.addAll(history.createHistoricDecisionInstanceQuery().processInstanceId(processInstanceId)
                .includeInputs().includeOutputs().list());
        }
        for (int from = 0; from < decisionInstanceIds.size(); from += 500) {
            List<String> chunk = decisionInstanceIds.subList(from, Math.min(decisionInstanceIds.size(), from + 500));
            instances.addAll(history.createHistoricDecisionInstanceQuery().decisionInstanceIdIn(chunk.toArray(String[]::new))
                .includeInputs().includeOutputs().list());
        }
        instances.sort(Comparator.comparing(HistoricDecisionInstance::getEvaluationTime)
            .thenComparing(HistoricDecisionInstance::getId));
        return instances.stream().map(this::explain).toList();
    }

    /** The decisions evaluated in a period, oldest first (auditors' exports). */
    public List<Explained> between(Date from, Date to) {
        List<Explained> explained = new ArrayList<>();
        for (HistoricDecisionInstance instance : history.createHistoricDecisionInstanceQuery()
            .evaluatedAfter(from).evaluatedBefore(to).includeInputs().includeOutputs().orderByEvaluationTime().asc().list()) {
            explained.add(explain(instance));
        }
        return explained;
    }

    Explained explain(HistoricDecisionInstance instance) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (HistoricDecisionInputInstance input : instance.getInputs()) {
            inputs.put(input.getClauseName() != null ? input.getClauseName() : input.getClauseId(), input.getValue());
        }
        Map<String, Object> outputs = new LinkedHashMap<>();
        Map<String, MatchedRule> rules = new LinkedHashMap<>();
        for (HistoricDecisionOutputInstance output : instance.getOutputs()) {
            String name = output.getVariableName() != null ? output.getVariableName() : output.getClauseName();
            outputs.merge(name, output.getValue(), (a, b) -> a + ", " + b);
            if (output.getRuleId() != null) {
                // not output.getRuleOrder(): that is the position among the matched rules, not in the table
                TableRow row = rowsOf(instance.getDecisionDefinitionId()).getOrDefault(output.getRuleId(), new TableRow(0, null));
                rules.computeIfAbsent(output.getRuleId(), id -> new MatchedRule(id, row.row(), row.description(), new LinkedHashMap<>()))
                    .outputs().put(name, output.getValue());
            }
        }
        if (instance.getCollectResultValue() != null) {
            outputs.put("result", instance.getCollectResultValue());
        }
        DecisionDefinition definition = repository.getDecisionDefinition(instance.getDecisionDefinitionId());
        return new Explained(instance.getId(), instance.getDecisionDefinitionKey(), instance.getDecisionDefinitionName(),
            definition.getVersion(), instance.getEvaluationTime(), instance.getProcessInstanceId(), instance.getActivityId(), inputs,
            new ArrayList<>(rules.values()), outputs);
    }

    /** The rules of the decision's table by id, with their rows: a deployed definition never changes, so it is read once. */
    private Map<String, TableRow> rowsOf(String decisionDefinitionId) {
        return rows.computeIfAbsent(decisionDefinitionId, id -> {
            DecisionDefinition definition = repository.getDecisionDefinition(id);
            Decision decision = repository.getDmnModelInstance(id).getModelElementById(definition.getKey());
            Map<String, TableRow> byId = new HashMap<>();
            if (decision != null && decision.getExpression() instanceof DecisionTable table) {
                int row = 0;
                for (Rule rule : table.getRules()) {
                    row++;
                    byId.put(rule.getId(), new TableRow(row, rule.getDescription() == null ? null : rule.getDescription().getTextContent()));
                }
            }
            return byId;
        });
    }
}
