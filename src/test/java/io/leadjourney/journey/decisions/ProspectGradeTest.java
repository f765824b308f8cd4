package io.leadjourney.journey.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.api.Test;

@Deployment(resources = "dmn/prospect-grade.dmn")
class ProspectGradeTest extends DecisionTableTest {

    @Override
    String decisionKey() {
        return "prospect-grade";
    }

    String grade(boolean need, boolean budget, boolean authority, String timeline) {
        return single("grade", "need", need, "budget", budget, "authority", authority, "timeline", timeline);
    }

    @Test
    void shouldGradeA_whenAllFourBantCriteriaMet() {
        assertThat(grade(true, true, true, "NOW")).isEqualTo("A");
        assertThat(grade(true, true, true, "QUARTER")).isEqualTo("A");
    }

    @Test
    void shouldGradeC_whenThereIsNoNeed() {
        assertThat(grade(false, true, true, "NOW")).isEqualTo("C");
    }

    @Test
    void shouldGradeB_whenNeedAndBudgetButTimelineLater() {
        assertThat(grade(true, true, true, "LATER")).isEqualTo("B");
        assertThat(grade(true, true, false, "NOW")).isEqualTo("B");
    }

    @Test
    void shouldGradeB_whenNeedAndAuthorityWithoutBudget() {
        assertThat(grade(true, false, true, "UNKNOWN")).isEqualTo("B");
    }

    @Test
    void shouldGradeC_whenNeedWithoutBudgetOrAuthority() {
        assertThat(grade(true, false, false, "NOW")).isEqualTo("C");
    }
}
