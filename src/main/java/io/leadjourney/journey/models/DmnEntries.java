package io.leadjourney.journey.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.dmn.instance.Text;
import org.camunda.feel.api.EvaluationResult;

/** The values written in a decision table's entries, where they are literals: what the checks compare with the service. */
final class DmnEntries {

    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    private DmnEntries() {
    }

    static final Object NOT_LITERAL = new Object();

    /** The value of an entry made only of literals ("P6M", 20, true), else NOT_LITERAL. */
    static Object literal(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        EvaluationResult result = DmnChecks.FEEL.evaluateExpression(text.trim(), Map.of());
        if (!result.isSuccess() || result.hasSuppressedFailures()) {
            return NOT_LITERAL;
        }
        return result.result();
    }

    /** The string literals of an input entry that lists values ("a","b"); none for negations or other tests. */
    static List<String> stringLiterals(String entry) {
        String text = entry == null ? "" : entry.trim();
        List<String> values = new ArrayList<>();
        if (text.startsWith("not")) {
            return values;
        }
        Matcher matcher = STRING_LITERAL.matcher(text);
        while (matcher.find()) {
            values.add(matcher.group(1));
        }
        return values;
    }

    /** The signal types the signalType column of an engagement-scoring table lists. */
    static List<String> signalTypes(DmnModelInstance model) {
        List<String> types = new ArrayList<>();
        for (DecisionTable table : model.getModelElementsByType(DecisionTable.class)) {
            List<Input> inputs = new ArrayList<>(table.getInputs());
            for (int column = 0; column < inputs.size(); column++) {
                Text text = inputs.get(column).getInputExpression() == null ? null : inputs.get(column).getInputExpression().getText();
                if (text == null || !JourneyContracts.SIGNAL_TYPE_INPUT.equals(text.getTextContent().trim())) {
                    continue;
                }
                for (Rule rule : table.getRules()) {
                    InputEntry entry = new ArrayList<>(rule.getInputEntries()).get(column);
                    for (String type : stringLiterals(entry.getText() == null ? "" : entry.getText().getTextContent())) {
                        if (!types.contains(type)) {
                            types.add(type);
                        }
                    }
                }
            }
        }
        return types;
    }
}
