package io.leadjourney.journey.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Deployment(resources = "dmn/opportunity-sla.dmn")
class OpportunitySlaTest extends DecisionTableTest {

    @Override
    String decisionKey() {
        return "opportunity-sla";
    }

    @ParameterizedTest(name = "priority {0} -> {1} / {2} / {3}")
    @CsvSource({"95,P2D,P5D,P3D", "80,P2D,P5D,P3D", "79,P3D,P7D,P5D", "50,P3D,P7D,P5D"})
    void shouldGiveEachStepItsDeadline_fasterForHotDeals(int priority, String discovery, String education, String closing) {
        assertThat((String) single("discoveryWithin", "priority", priority)).isEqualTo(discovery);
        assertThat((String) single("educationWithin", "priority", priority)).isEqualTo(education);
        assertThat((String) single("closingWithin", "priority", priority)).isEqualTo(closing);
    }
}
