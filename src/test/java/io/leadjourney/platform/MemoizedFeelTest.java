package io.leadjourney.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.leadjourney.support.IntegrationTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

class MemoizedFeelTest extends IntegrationTest {

    @Autowired
    ProcessEngine engine;

    @ParameterizedTest
    @ValueSource(strings = {"\"demo_requested\",\"quote_requested\"", ">= 40", "[1..2]", "[25000000..100000000[", "not(\"ID\", \"\")", "true",
        "matches(lower case(?), \".*(owner|pemilik).*\")", "\"it's \\\"quoted\\\" score\""})
    void literalEntriesArePure(String entry) {
        assertThat(MemoizedFeel.isPure(entry)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"> score", "now()", "date(\"2026-01-01\")", "< threshold + 1", "starts with(?, prefix)"})
    void entriesNamingVariablesOrOtherFunctionsAreAlwaysEvaluated(String entry) {
        assertThat(MemoizedFeel.isPure(entry)).isFalse();
    }

    @Test
    void theEngineEvaluatesTablesThroughTheMemoAndGetsTheSameAnswers() {
        var config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(config.getDmnEngineConfiguration().getFeelEngineFactory()).isInstanceOf(MemoizedFeel.Factory.class);
        for (int round = 0; round < 3; round++) {
            assertThat((Object) engine.getDecisionService().evaluateDecisionByKey("lead-qualification")
                .variables(Map.of("signalType", "email_opened", "stage", "LEAD", "score", 45)).evaluate().getSingleResult().getEntry("qualifiedStage"))
                .isEqualTo("MQL");
            assertThat((Object) engine.getDecisionService().evaluateDecisionByKey("lead-qualification")
                .variables(Map.of("signalType", "email_opened", "stage", "LEAD", "score", 39)).evaluate().getSingleResult().getEntry("qualifiedStage"))
                .isEqualTo("LEAD");
            Object points = engine.getDecisionService().evaluateDecisionByKey("engagement-scoring")
                .variables(Map.of("signalType", "demo_requested", "title", "Direktur", "industry", "retail")).evaluate().getSingleEntry();
            assertThat(((Number) points).intValue()).isEqualTo(65);
        }
    }
}
