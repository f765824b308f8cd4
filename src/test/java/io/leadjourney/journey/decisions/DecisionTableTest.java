package io.leadjourney.journey.decisions;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A DMN table of dmn/ evaluated by a real engine, as the business rule tasks evaluate it. Subclasses deploy their
 * table with {@code @Deployment(resources = "dmn/<table>.dmn")} and check one case per rule band.
 */
abstract class DecisionTableTest {

    @RegisterExtension
    ProcessEngineExtension engine = ProcessEngineExtension.builder().build();


    abstract String decisionKey();

    DmnDecisionResult evaluate(Object... keysAndValues) {
        Map<String, Object> variables = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            variables.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return engine.getDecisionService().evaluateDecisionByKey(decisionKey()).variables(variables).evaluate();
    }

    <T> T single(String output, Object... keysAndValues) {
        return evaluate(keysAndValues).getSingleResult().getEntry(output);
    }
}
