package io.leadjourney.journey.preview;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.leadjourney.platform.engine.ModelCheckPlugin;
import io.leadjourney.platform.engine.ModelProblem;
import io.leadjourney.platform.web.FieldProblem;
import io.leadjourney.platform.web.InvalidRequestException;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.DmnEngineException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricDecisionInputInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Input;
import org.springframework.stereotype.Service;

/**
 * "What would change if I deployed this table?" The inputs of the table's real decisions of the last days (decision
 * history) are evaluated again with the edited table, which is checked like a deployment but not deployed.
 */
@Service
public class DecisionPreview {

    static final int MAX_EVALUATIONS = 50_000;
    static final int PAGE = 1_000;
    static final int EXAMPLES = 10;

    public record Example(String decisionInstanceId, Map<String, Object> inputs, String before, String after) {
    }

    public record Result(int evaluated, int changed, Map<String, Integer> byChange, List<Example> examples, boolean truncated) {
    }

    private final HistoryService history;
    private final RepositoryService repository;
    private final DmnEngine dmn;
    private final ModelCheckPlugin checks;
    private final Clock clock;

    DecisionPreview(HistoryService history, RepositoryService repository, ModelCheckPlugin checks, Clock clock) {
        this.history = history;
        this.repository = repository;
        // a DMN engine of its own: the engine's writes decision history, and a preview is not a decision
        this.dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        this.checks = checks;
        this.clock = clock;
    }

    public Result preview(String key, byte[] table, int days) {
        if (days < 1 || days > 366) {
            throw new InvalidRequestException("days", "must be between 1 and 366");
        }
        DmnDecision edited = parsed(key, table);
        Date since = Date.from(clock.instant().minus(Duration.ofDays(days)));
        Map<String, Map<String, String>> variableOfClause = new HashMap<>();
        Map<String, Integer> byChange = new TreeMap<>();
        List<Example> examples = new ArrayList<>();
        int evaluated = 0;
        int changed = 0;
        boolean truncated = false;
        for (int first = 0; ; first += PAGE) {
            List<HistoricDecisionInstance> page = history.createHistoricDecisionInstanceQuery().decisionDefinitionKey(key).evaluatedAfter(since)
                .includeInputs().includeOutputs().orderByEvaluationTime().asc().listPage(first, PAGE);
            for (HistoricDecisionInstance decision : page) {
                if (evaluated == MAX_EVALUATIONS) {
                    truncated = true;
                    break;
                }
                Map<String, Object> inputs = inputsOf(decision,
                    variableOfClause.computeIfAbsent(decision.getDecisionDefinitionId(), this::inputVariables));
                Map<String, Object> then = oneUnnamed(before(decision));
                Map<String, Object> now = oneUnnamed(after(dmn.evaluateDecision(edited, new HashMap<>(inputs))));
                evaluated++;
                if (!comparable(then).equals(comparable(now))) {
                    changed++;
                    recordChange(decision.getId(), inputs, then, now, byChange, examples);
                }
            }
            if (truncated || page.size() < PAGE) {
                break;
            }
        }
        return new Result(evaluated, changed, byChange, examples, truncated);
    }

    /** The edited table, if it passes the deploy-time checks and holds the decision. */
    private DmnDecision parsed(String key, byte[] table) {
        List<ModelProblem> problems = checks.check(Map.of(key + ".dmn", table));
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems.stream()
                .map(problem -> new FieldProblem(problem.elementId() == null ? "table" : problem.elementId(), problem.message())).toList());
        }
        try {
            return dmn.parseDecision(key, new ByteArrayInputStream(table));
        } catch (DmnEngineException e) {
            throw new InvalidRequestException("table", "has no decision '" + key + "' (" + e.getMessage() + ")");
        }
    }

    /** The inputs the decision was evaluated with, by the variable each input column reads. */
    private static Map<String, Object> inputsOf(HistoricDecisionInstance decision, Map<String, String> variables) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (HistoricDecisionInputInstance input : decision.getInputs()) {
            String variable = variables.get(input.getClauseId());
            if (variable != null) {
                inputs.put(variable, input.getValue());
            }
        }
        return inputs;
    }

    /** Counts the change (only the outputs that changed, by name when the table has several) and keeps a few examples. */
    private static void recordChange(String decisionInstanceId, Map<String, Object> inputs, Map<String, Object> then, Map<String, Object> now,
                                     Map<String, Integer> byChange, List<Example> examples) {
        Set<String> differing = new LinkedHashSet<>();
        Stream.concat(then.keySet().stream(), now.keySet().stream())
            .filter(name -> !Objects.equals(number(then.get(name)), number(now.get(name)))).forEach(differing::add);
        boolean named = !then.containsKey("") && !now.containsKey("");
        String before = describe(then, differing, named);
        String after = describe(now, differing, named);
        byChange.merge(before + " -> " + after, 1, Integer::sum);
        if (examples.size() < EXAMPLES) {
            examples.add(new Example(decisionInstanceId, inputs, before, after));
        }
    }

    /** Input clause id -> the variable its expression reads, for inputs that read one variable (as the journey's do). */
    private Map<String, String> inputVariables(String decisionDefinitionId) {
        DmnModelInstance model = repository.getDmnModelInstance(decisionDefinitionId);
        Map<String, String> variables = new HashMap<>();
        for (Input input : model.getModelElementsByType(Input.class)) {
            String expression = input.getInputExpression() == null || input.getInputExpression().getText() == null ? ""
                : input.getInputExpression().getText().getTextContent().trim();
            if (expression.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                variables.put(input.getId(), expression);
            }
        }
        return variables;
    }

    /** The result the deployed table gave then: its aggregate, or the outputs of the first rule that matched (empty: none). */
    private static Map<String, Object> before(HistoricDecisionInstance decision) {
        if (decision.getCollectResultValue() != null) {
            return Map.of("", decision.getCollectResultValue());
        }
        Map<String, Map<String, Object>> byRule = new LinkedHashMap<>();
        for (HistoricDecisionOutputInstance output : decision.getOutputs()) {
            byRule.computeIfAbsent(output.getRuleId(), rule -> new LinkedHashMap<>()).put(output.getVariableName(), output.getValue());
        }
        return byRule.isEmpty() ? Map.of() : byRule.values().iterator().next();
    }

    private static Map<String, Object> after(DmnDecisionResult result) {
        if (result.isEmpty()) {
            return Map.of();
        }
        return result.get(0).getEntryMap();
    }

    /** A one-output result (or an aggregate) compares and reads by its value alone. */
    private static Map<String, Object> oneUnnamed(Map<String, Object> outputs) {
        if (outputs.size() != 1) {
            return outputs;
        }
        Map<String, Object> value = new HashMap<>();
        value.put("", outputs.values().iterator().next());
        return value;
    }

    private static Map<String, Object> comparable(Map<String, Object> outputs) {
        Map<String, Object> numbers = new TreeMap<>();
        outputs.forEach((name, value) -> numbers.put(String.valueOf(name), number(value)));
        return numbers;
    }

    /** "SQL" for a one-output table; "qualifiedStage=SQL" when it has several; "(no rule)" when none matched. */
    private static String describe(Map<String, Object> outputs, Set<String> shown, boolean named) {
        if (outputs.isEmpty()) {
            return "(no rule)";
        }
        return outputs.entrySet().stream().filter(entry -> shown.contains(entry.getKey()))
            .map(entry -> (named ? entry.getKey() + "=" : "") + number(entry.getValue())).collect(Collectors.joining(", "));
    }

    /** 20, 20L and 20.0 read the same. */
    private static Object number(Object value) {
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return number.longValue();
        }
        return value;
    }
}
