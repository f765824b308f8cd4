package io.leadjourney.journey.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Deployment(resources = "dmn/score-decay.dmn")
class ScoreDecayTest extends DecisionTableTest {

    @Override
    String decisionKey() {
        return "score-decay";
    }

    @ParameterizedTest(name = "{0} {1} -> half-life {2}")
    @CsvSource({"CUSTOMER,B2B,P180D", "CUSTOMER,B2C,P180D", "LEAD,B2B,P90D", "SQL,B2B,P90D", "LEAD,B2C,P30D", "MQL,B2C,P30D"})
    void shouldHalveTheScore_afterTheHalfLifeOfTheStageAndSegment(String stage, String segment, String halfLife) {
        assertThat((String) single("halfLife", "stage", stage, "segment", segment)).isEqualTo(halfLife);
    }
}
