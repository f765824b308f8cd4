package io.leadjourney.journey.models;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.leadjourney.platform.engine.ModelProblem;
import org.camunda.bpm.model.dmn.BuiltinAggregator;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.dmn.instance.Text;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.api.ParseResult;

/** Checks of a decision table: FEEL that parses, and the outputs the journey reads (JourneyContracts). */
final class DmnChecks {

    static final FeelEngineApi FEEL = FeelEngineBuilder.forJava().build();
    private static final Set<HitPolicy> SINGLE_RESULT = Set.of(HitPolicy.UNIQUE, HitPolicy.FIRST, HitPolicy.ANY, HitPolicy.PRIORITY);
    private static final Set<String> SIGNAL_COLUMNS = Set.of("signalType", "lastSignalType");

    private final String resource;
    private final ModelWorld world;
    private final List<ModelProblem> problems;

    DmnChecks(String resource, ModelWorld world, List<ModelProblem> problems) {
        this.resource = resource;
        this.world = world;
        this.problems = problems;
    }

    void check(DmnModelInstance model) {
        Collection<Decision> decisions = model.getModelElementsByType(Decision.class);
        if (decisions.size() == 1) {
            ModelWorld.namedAfter(resource, decisions.iterator().next().getId(), "decision", problems);
        }
        for (Decision decision : decisions) {
            if (blank(decision.getCamundaHistoryTimeToLiveString())) {
                problem(decision.getId(), "has no history time to live: set it in the Modeler (decision properties, History cleanup), "
                    + "e.g. 1825 days");
            }
            if (decision.getExpression() instanceof DecisionTable table) {
                table(decision.getId(), table);
            }
        }
    }

    private void table(String key, DecisionTable table) {
        List<Input> inputs = new ArrayList<>(table.getInputs());
        List<Output> outputs = new ArrayList<>(table.getOutputs());
        for (Input input : inputs) {
            Text text = input.getInputExpression() == null ? null : input.getInputExpression().getText();
            expression(input.getId(), "input " + label(input), text == null ? null : text.getTextContent(),
                input.getInputExpression() == null ? null : input.getInputExpression().getExpressionLanguage());
        }
        int row = 0;
        for (Rule rule : table.getRules()) {
            row(rule, ++row, inputs, outputs);
        }
        signalColumns(key, inputs, table);
        Map<String, ValueType> contract = JourneyContracts.DECISION_OUTPUTS.get(key);
        if (contract != null) {
            contract(key, table, outputs, contract);
        }
    }

    private void expression(String elementId, String where, String text, String language) {
        if (text == null || text.isBlank()) {
            problem(elementId, where + " is empty");
            return;
        }
        if (!feel(language)) {
            problem(elementId, where + ": only FEEL may be used in tables (" + language + " is code)");
            return;
        }
        ParseResult parsed = FEEL.parseExpression(text);
        if (!parsed.isSuccess()) {
            problem(elementId, where + ": '" + text + "' is not valid FEEL (" + parsed.failure().message() + ")");
        }
    }

    /** Columns holding signal types: snake_case names, and outside engagement-scoring only names it lists. */
    private void signalColumns(String key, List<Input> inputs, DecisionTable table) {
        boolean catalogue = JourneyContracts.ENGAGEMENT_SCORING.equals(key);
        boolean found = false;
        for (int column = 0; column < inputs.size(); column++) {
            Input input = inputs.get(column);
            String expression = input.getInputExpression() == null || input.getInputExpression().getText() == null ? ""
                : input.getInputExpression().getText().getTextContent().trim();
            if (!SIGNAL_COLUMNS.contains(expression)) {
                continue;
            }
            int row = 0;
            for (Rule rule : table.getRules()) {
                row++;
                InputEntry entry = new ArrayList<>(rule.getInputEntries()).get(column);
                for (String type : DmnEntries.stringLiterals(entry.getText() == null ? "" : entry.getText().getTextContent())) {
                    Optional<String> wrong = ValueType.SIGNAL_TYPE.problem(type);
                    if (wrong.isPresent()) {
                        problem(rule.getId(), "row " + row + ": " + wrong.get());
                    } else if (!catalogue && world.signalTypes().isPresent() && !world.signalTypes().get().contains(type)) {
                        problem(rule.getId(), "row " + row + ": '" + type + "' is not a signal type of engagement-scoring (a typo? known: "
                            + world.signalTypes().get() + ")");
                    }
                    found |= catalogue && expression.equals(JourneyContracts.SIGNAL_TYPE_INPUT);
                }
            }
        }
        if (catalogue && !found) {
            problem(key, "engagement-scoring must list the signal types intake accepts in an input column 'signalType' "
                + "(one row per type, e.g. \"webinar_attended\")");
        }
    }

    /** Every entry of one row: input tests that parse as FEEL, outputs that are expressions models may use. */
    private void row(Rule rule, int row, List<Input> inputs, List<Output> outputs) {
        int column = 0;
        for (InputEntry entry : rule.getInputEntries()) {
            String text = entry.getText() == null ? "" : entry.getText().getTextContent().trim();
            if (!text.isEmpty() && !"-".equals(text)) {
                if (!feel(entry.getExpressionLanguage())) {
                    problem(rule.getId(), "row " + row + ": only FEEL may be used in tables (" + entry.getExpressionLanguage() + " is code)");
                } else {
                    ParseResult parsed = FEEL.parseUnaryTests(text);
                    if (!parsed.isSuccess()) {
                        problem(rule.getId(), "row " + row + ", column '" + label(inputs.get(column)) + "': '" + text
                            + "' is not valid FEEL (" + parsed.failure().message() + ")");
                    }
                }
            }
            column++;
        }
        column = 0;
        for (OutputEntry entry : rule.getOutputEntries()) {
            String text = entry.getText() == null ? "" : entry.getText().getTextContent().trim();
            if (!text.isEmpty()) {
                expression(rule.getId(), "row " + row + ", output '" + outputs.get(column).getName() + "'", text, entry.getExpressionLanguage());
            }
            column++;
        }
    }

    private void contract(String key, DecisionTable table, List<Output> outputs, Map<String, ValueType> contract) {
        boolean single = SINGLE_RESULT.contains(table.getHitPolicy())
            || (table.getHitPolicy() == HitPolicy.COLLECT && table.getAggregation() != null && table.getAggregation() != BuiltinAggregator.COUNT);
        if (!single) {
            problem(key, "hit policy " + table.getHitPolicy() + (table.getAggregation() == null ? "" : " " + table.getAggregation())
                + " can give several results, but the journey reads one: use FIRST, UNIQUE, ANY, PRIORITY or COLLECT with SUM/MIN/MAX");
        }
        List<String> names = outputs.stream().map(Output::getName).toList();
        for (Map.Entry<String, ValueType> wanted : contract.entrySet()) {
            int column = names.indexOf(wanted.getKey());
            if (column < 0) {
                problem(key, "the journey reads the output '" + wanted.getKey() + "' (" + wanted.getValue().expected()
                    + "), but the table has no output of that name (outputs: " + names + ")");
                continue;
            }
            int row = 0;
            for (Rule rule : table.getRules()) {
                OutputEntry entry = new ArrayList<>(rule.getOutputEntries()).get(column);
                contractValue(rule, "row " + ++row + ", output '" + wanted.getKey() + "'", entry, wanted.getValue());
            }
        }
        if (JourneyContracts.NURTURE_TRACK.equals(key)) {
            templatesOfTracks(table, names);
        }
    }

    /** One output value the journey reads: there, and of the type it needs (a group that exists). */
    private void contractValue(Rule rule, String where, OutputEntry entry, ValueType wanted) {
        String text = entry.getText() == null ? "" : entry.getText().getTextContent().trim();
        if (text.isEmpty()) {
            problem(rule.getId(), where + " is empty; the journey needs " + wanted.expected());
            return;
        }
        Object value = DmnEntries.literal(text);
        if (value == DmnEntries.NOT_LITERAL) {
            if (wanted != ValueType.INTEGER && wanted != ValueType.COUNT) {
                problem(rule.getId(), where + ": '" + text + "' must be a plain value, " + wanted.expected());
            }
            return;
        }
        Optional<String> wrong = wanted.problem(value);
        if (wrong.isPresent()) {
            problem(rule.getId(), where + ": " + wrong.get());
        } else if (wanted == ValueType.GROUP && !world.environment().groupExists((String) value)) {
            problem(rule.getId(), where + ": there is no group '" + value + "' (create it in Camunda Admin first)");
        }
    }

    /** Every message a nurture-track row can send has its template in both languages. */
    private void templatesOfTracks(DecisionTable table, List<String> names) {
        int trackColumn = names.indexOf("track");
        int stepsColumn = names.indexOf("steps");
        if (trackColumn < 0 || stepsColumn < 0) {
            return;
        }
        int row = 0;
        for (Rule rule : table.getRules()) {
            row++;
            List<OutputEntry> entries = new ArrayList<>(rule.getOutputEntries());
            Object track = DmnEntries.literal(entries.get(trackColumn).getText() == null ? "" : entries.get(trackColumn).getText().getTextContent());
            Long steps = ValueType.wholeNumber(DmnEntries.literal(entries.get(stepsColumn).getText() == null ? ""
                : entries.get(stepsColumn).getText().getTextContent()));
            if (!(track instanceof String name) || steps == null || JourneyContracts.NO_TRACK.equals(name)) {
                continue;
            }
            for (int step = 1; step <= steps; step++) {
                for (String language : JourneyContracts.LANGUAGES) {
                    if (!world.environment().messageTemplateExists(name + "-" + step, language)) {
                        problem(rule.getId(), "row " + row + ": track '" + name + "' sends " + steps + " message(s), but messages/" + name + "-"
                            + step + "." + language + ".txt does not exist (write it, or lower 'steps')");
                    }
                }
            }
        }
    }

    private static boolean feel(String language) {
        return language == null || language.isBlank() || language.equalsIgnoreCase("feel")
            || language.toLowerCase().contains("/feel");
    }

    private static String label(Input input) {
        return input.getLabel() != null ? input.getLabel() : input.getId();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private void problem(String elementId, String message) {
        problems.add(new ModelProblem(resource, elementId, message));
    }
}
