package io.leadjourney.journey.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.api.Test;

@Deployment(resources = "dmn/sales-assignment.dmn")
class SalesAssignmentTest extends DecisionTableTest {

    @Override
    String decisionKey() {
        return "sales-assignment";
    }

    @Test
    void shouldGiveForeignLeadsToSalesManagers() {
        assertThat((String) single("candidateGroup", "country", "SG", "segment", "B2B")).isEqualTo("sales-managers");
    }

    @Test
    void shouldGiveIndonesianAndUnknownLeadsToSales() {
        assertThat((String) single("candidateGroup", "country", "ID", "segment", "B2B")).isEqualTo("sales");
        assertThat((String) single("candidateGroup", "country", "", "segment", "B2C")).isEqualTo("sales");
    }
}
