package io.leadjourney.journey.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Deployment(resources = "dmn/reengagement-delay.dmn")
class ReengagementDelayTest extends DecisionTableTest {

    @Override
    String decisionKey() {
        return "reengagement-delay";
    }

    @ParameterizedTest(name = "{0} -> wait {1}")
    @CsvSource({"BUDGET,P6M", "TIMING,P3M", "COMPETITOR,P6M", "NO_DECISION,P2M", "OTHER,P3M", "'',P3M"})
    void shouldWaitTheDocumentedDelay_perLossReason(String reason, String delay) {
        assertThat((String) single("reengageAfter", "lossReason", reason)).isEqualTo(delay);
    }
}
