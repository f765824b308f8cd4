package io.leadjourney.journey;

import java.util.ArrayList;
import java.util.Date;
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
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.springframework.stereotype.Component;

/**
 * Every decision the journeys made, explained from Camunda history: which table and version, the inputs, the outputs
 * and the rows that matched (with the row's description from the table).
 */
@Component
public class DecisionExplanations {

    public record MatchedRule(String ruleId, int order, String description, Map<String, Object> outputs) {
    }

    public record Explained(String decisionInstanceId, String decisionKey, String decisionName, int version, Date evaluatedAt,
                            String processInstanceId, String activityId, Map<String, Object> inputs, List<MatchedRule> rules,
                            Map<String, Object> outputs) {

        /** "lead-qualification v2: qualifiedStage=SQL (rule 1: Asks a price, …)". */
        public String summary() {
            StringBuilder text = new StringBuilder(decisionKey).append(" v").append(version).append(": ");
            text.append(outputs.isEmpty() ? "no row matched" : outputs.toString().replaceAll("[{}]", ""));
            for (MatchedRule rule : rules) {
                text.append(" (rule ").append(rule.order()).append(rule.description() == null ? "" : ": " + rule.description()).append(')');
            }
            return text.toString();
        }
    }

    private final HistoryService history;
    private final RepositoryService repository;
    private final Map<String, DmnModelInstance> models = new ConcurrentHashMap<>();

    DecisionExplanations(HistoryService history, RepositoryService repository) {
        this.history = history;
        this.repository = repository;
    }

    /** The decisions of these process instances, oldest first. */
    public List<Explained> ofProcessInstances(List<String> processInstanceIds) {
        if (processInstanceIds.isEmpty()) {
            return List.of();
        }
        List<HistoricDecisionInstance> instances = new ArrayList<>();
        for (String processInstanceId : processInstanceIds) {
            instances.addAll(history.createHistoricDecisionInstanceQuery().processInstanceId(processInstanceId)
                .includeInputs().includeOutputs().list());
        }
        instances.sort(java.util.Comparator.comparing(HistoricDecisionInstance::getEvaluationTime)
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
                rules.computeIfAbsent(output.getRuleId(), id -> new MatchedRule(id, output.getRuleOrder() == null ? 0 : output.getRuleOrder(),
                    ruleDescription(instance.getDecisionDefinitionId(), id), new LinkedHashMap<>())).outputs().put(name, output.getValue());
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

    private String ruleDescription(String decisionDefinitionId, String ruleId) {
        DmnModelInstance model = models.computeIfAbsent(decisionDefinitionId, repository::getDmnModelInstance);
        Rule rule = model.getModelElementById(ruleId);
        return rule == null || rule.getDescription() == null ? null : rule.getDescription().getTextContent();
    }
}
