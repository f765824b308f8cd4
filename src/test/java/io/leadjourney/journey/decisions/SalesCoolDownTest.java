package io.leadjourney.journey.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Deployment(resources = "dmn/sales-cool-down.dmn")
class SalesCoolDownTest extends DecisionTableTest {

    @Override
    String decisionKey() {
        return "sales-cool-down";
    }

    @ParameterizedTest(name = "{0} {1} -> cool down {2}")
    @CsvSource({"DISQUALIFIED,SPAM,P365D", "DISQUALIFIED,NOT_A_FIT,P180D", "DISQUALIFIED,COMPETITOR,P180D", "DISQUALIFIED,NO_BUDGET,P90D",
        "DISQUALIFIED,OTHER,P90D", "C,,P60D", "UNREACHED,,P14D", "A,,P0D", "B,,P0D"})
    void shouldHoldThePersonInNurture_forTheVerdictsCoolDown(String verdict, String reason, String coolDown) {
        assertThat((String) single("coolDown", "salesVerdict", verdict, "disqualifyReason", reason)).isEqualTo(coolDown);
    }
}
