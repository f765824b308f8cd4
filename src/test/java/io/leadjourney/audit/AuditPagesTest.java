package io.leadjourney.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.leadjourney.journey.LeadJourneyIds;
import io.leadjourney.support.ProcessTest;
import io.leadjourney.support.TestClock;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The auditors' pages and exports over HTTP: content, CSV, rights. */
class AuditPagesTest extends ProcessTest {

    @Autowired
    JdbcClient jdbc;

    String lostDeal(String email) {
        String personId = signal("demo_requested", email).personId();
        ProcessInstance journey = journey(personId);
        tasks.complete(taskOf(journey, LeadJourneyIds.FOLLOW_UP).getId(), Map.of("contacted", true, "need", true, "budget", true, "authority", true,
            "timeline", "NOW"));
        tasks.complete(taskOf(journey, LeadJourneyIds.DISCOVERY).getId(), Map.of("outcome", "LOST", "lossReason", "COMPETITOR"));
        return personId;
    }

    @Test
    void anAuditorFindsAPersonAndReadsTheirTimelineAndDiagrams() {
        String email = newEmail("auditpage");
        String personId = lostDeal(email);

        HttpResponse<String> search = http().as("auditor", "demo").get("/audit?q=" + email.toUpperCase());
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.body()).contains("/audit/people/" + personId);

        HttpResponse<String> page = http().as("auditor", "demo").get("/audit/people/" + personId);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("CLOSED_LOST").contains("lead-qualification v").contains("prospect-grade v")
            .contains("reengagement-delay v").contains("Follow up and qualify").contains("diagram-0").contains("diagram-1");
        assertThat(http().get("/audit/people/" + personId).statusCode()).isEqualTo(401);
        assertThat(http().get("/audit/people/" + personId).headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(http().as("sales", "demo").get("/audit/people/" + personId).statusCode()).isEqualTo(403);
        assertThat(http().as("auditor", "demo").postForm("/audit/people/" + personId, "stage=CUSTOMER").statusCode()).isEqualTo(405);
    }

    @Test
    void theTimelineAndTheDecisionsOfAPeriodExportAsCsv() throws Exception {
        String personId = lostDeal(newEmail("auditcsv"));
        LocalDate startDay = START.atZone(TestClock.JAKARTA).toLocalDate();

        HttpResponse<String> timeline = http().as("auditor", "demo").get("/audit/people/" + personId + "/timeline.csv");
        assertThat(timeline.statusCode()).isEqualTo(200);
        assertThat(timeline.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
            .parse(new StringReader(timeline.body())).getRecords();
        assertThat(rows).extracting(r -> r.get("kind")).contains("STAGE", "SIGNAL", "TASK", "DECISION");
        assertThat(rows).anySatisfy(r -> assertThat(r.get("summary")).startsWith("lead-qualification v"));

        HttpResponse<String> decisions = http().as("auditor", "demo").get("/audit/decisions.csv?from=" + startDay.minusDays(1) + "&to=" + startDay.plusDays(1));
        assertThat(decisions.statusCode()).isEqualTo(200);
        List<CSVRecord> decided = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
            .parse(new StringReader(decisions.body())).getRecords();
        assertThat(decided).anySatisfy(r -> {
            assertThat(r.get("personId")).isEqualTo(personId);
            assertThat(r.get("decision")).isEqualTo("reengagement-delay");
            assertThat(r.get("outputs")).contains("P6M");
            assertThat(r.get("matchedRules")).isEqualTo("row 3 Rule_reengagement_delay_3: Chose a competitor: after their first contract period");
        });
        assertThat(decided).as("a signal's scoring decisions, made outside the journey, name the person and the signal").anySatisfy(r -> {
            assertThat(r.get("personId")).isEqualTo(personId);
            assertThat(r.get("decision")).isEqualTo("lead-qualification");
            assertThat(r.get("processInstanceId")).isEmpty();
            assertThat(r.get("signalId")).isNotEmpty();
        });
        assertThat(http().as("auditor", "demo").get("/audit/decisions.csv?from=" + startDay.plusDays(1) + "&to=" + startDay.minusDays(1)).statusCode())
            .isEqualTo(400);
    }

    @Test
    void theSearchFindsPartOfAnEmailOrAPhoneAndTakesWildcardsLiterally() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String personId = signal("form_submitted", "dewi.q" + tag + "@example.co.id").personId();
        assertThat(http().as("auditor", "demo").get("/audit?q=q" + tag).body()).contains(personId);
        assertThat(http().as("auditor", "demo").get("/audit?q=Q" + tag.toUpperCase() + "%40example").body()).contains(personId);
        assertThat(http().as("auditor", "demo").get("/audit?q=%25").body()).as("a literal %").doesNotContain(personId);
        assertThat(http().as("auditor", "demo").get("/audit?q=_").body()).as("a literal _").doesNotContain(personId);
        // the stage history says where a person came from, or nothing when nobody said (not "from null")
        assertThat(firstReason(personId)).isEqualTo("registered from website");
        String unsourced = intake().postJson("/api/signals", "{\"type\":\"form_submitted\",\"email\":\"nosource." + tag + "@example.co.id\"}").body()
            .replaceAll(".*\"personId\":\"([^\"]+)\".*", "$1");
        assertThat(firstReason(unsourced)).isEqualTo("registered");
    }

    private String firstReason(String personId) {
        return jdbc.sql("select reason from lj_stage_change where person_id = ? order by id").param(personId).query(String.class).list().get(0);
    }

    @Test
    void spreadsheetFormulasInCsvCellsAreNeutralised() {
        assertThat(Csv.cell("=HYPERLINK(\"http://evil\")")).isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(Csv.cell("+62812")).isEqualTo("'+62812");
        assertThat(Csv.cell("lead-qualification")).isEqualTo("lead-qualification");
    }

    @Test
    void prometheusMetricsNeedAnAuditorOrAdministrator() {
        signal("form_submitted", newEmail("metrics"));
        assertThat(http().get("/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(http().as("sales", "demo").get("/actuator/prometheus").statusCode()).isEqualTo(403);
        HttpResponse<String> metrics = http().as("auditor", "demo").get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("leadjourney_signals_total").contains("hikaricp_connections");
        assertThat(http().get("/actuator/health").statusCode()).isEqualTo(200);
    }
}
