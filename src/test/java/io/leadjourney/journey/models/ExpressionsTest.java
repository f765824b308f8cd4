package io.leadjourney.journey.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What an expression in a deployed model may do: read variables, name the journey's beans, a few value methods. */
class ExpressionsTest {

    /** A bean of the journey (a class of io.leadjourney) and one of the platform (not the journey's). */
    static final Expressions.Names NAMES = new Expressions.Names() {
        @Override
        public boolean isVariable(String name) {
            return Set.of("stage", "score", "track", "nurtureStep", "marketingStopped", "priority").contains(name);
        }

        @Override
        public Optional<Class<?>> bean(String name) {
            return switch (name) {
                case "journeyBean" -> Optional.of(ModelChecks.class);
                case "processEngine" -> Optional.of(ProcessEngine.class);
                default -> Optional.empty();
            };
        }
    };

    @ParameterizedTest
    @ValueSource(strings = {"${stage == 'SQL' || (!marketingStopped && score >= 40)}", "${track}-${nurtureStep}", "${priority + 20}",
        "${decisionResult.getSingleResult().track}", "${decisionResult.isEmpty() ? 0 : decisionResult.getSingleEntry()}",
        "${journeyBean}", "${now()}", "${currentUser()}", "${stage.toLowerCase() == 'sql'}", "plain text", "${decisionResult[0].track}"})
    void allowed(String expression) {
        assertThat(Expressions.problems(expression, NAMES)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"${execution.processEngineServices}", "${''.getClass().forName('java.lang.Runtime')}", "${stage.class}",
        "${stage['class']}", "${stage[track]}", "${processEngine}", "${journeyBean.check(null, null)}", "${task.delete()}",
        "${stage.bytes.getClass()}", "${unknownVariable > 1}", "${score >== 2}", "${java:exec('x')}", "${evil()}"})
    void refused(String expression) {
        assertThat(Expressions.problems(expression, NAMES)).as(expression).isNotEmpty();
    }
}
