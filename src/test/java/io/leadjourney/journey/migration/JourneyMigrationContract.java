package io.leadjourney.journey.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadjourney.journey.LeadJourneyIds;
import io.leadjourney.people.PersonId;
import io.leadjourney.people.Stage;
import io.leadjourney.support.ProcessTest;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Running journeys follow new versions deployed from the Modeler: every kind of wait state survives, a person keeps
 * their task, renamed elements follow their migrateFrom property, a journey that cannot move stays with the reason,
 * and a version can opt out. Its own application context, and the committed models deployed again after each test: the
 * versions deployed here must not reach other tests (on PostgreSQL they share the database).
 */
@TestPropertySource(properties = "journey.migrations.batch=7")
abstract class JourneyMigrationContract extends ProcessTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JourneyMigrations migrations;

    @Autowired
    MigrationHistory runs;

    /** Each test starts from the committed models and no running journey (this context's database is its own). */
    @BeforeEach
    void committedModelsAndNoJourneys() throws IOException {
        List<String> running = runtime.createProcessInstanceQuery().rootProcessInstances().list().stream().map(ProcessInstance::getId).toList();
        if (!running.isEmpty()) {
            runtime.deleteProcessInstances(running, "next test", true, true);
        }
        engine.getRepositoryService().createDeployment().name("committed-models")
            .addString("lead-journey.bpmn", committed("bpmn/lead-journey.bpmn"))
            .addString("opportunity.bpmn", committed("bpmn/opportunity.bpmn")).deploy();
        migrateAll();
    }

    @AfterEach
    void committedModelsAgain() throws IOException {
        engine.getRepositoryService().createDeployment().name("committed-models")
            .addString("lead-journey.bpmn", committed("bpmn/lead-journey.bpmn"))
            .addString("opportunity.bpmn", committed("bpmn/opportunity.bpmn")).deploy();
    }

    private void migrateAll() {
        migrations.planNewVersions();
        while (migrations.migratePending(100) > 0) {
            // until every planned journey had its turn
        }
    }

    private MigrationRun latestRun(String processKey) {
        return runs.runs().stream().filter(run -> run.processKey().equals(processKey))
            .max(Comparator.comparingInt(MigrationRun::toVersion)).orElseThrow();
    }

    @Test
    void everyKindOfWaitingJourneyMovesToTheNewVersionAndCarriesOn() throws Exception {
        // a journey in each kind of wait state, on the versions deployed now
        String nurturing = newEmail("timer");
        ProcessInstance timer = journey(signal("form_submitted", nurturing).personId());
        runDueJobs(timer);
        assertThat(timer).isWaitingAt(LeadJourneyIds.CADENCE_ELAPSED);

        String quiet = newEmail("conditional");
        String quietId = signal("form_submitted", quiet).personId();
        ProcessInstance conditional = journey(quietId);
        transaction.executeWithoutResult(status -> people.stopMarketing(PersonId.of(quietId), now(), "test"));
        assertThat(conditional).isWaitingAt(LeadJourneyIds.DORMANT);

        String calling = newEmail("task");
        ProcessInstance followUp = journey(signal("demo_requested", calling).personId());
        Task task = taskOf(followUp, LeadJourneyIds.FOLLOW_UP);

        String dealing = newEmail("called");
        ProcessInstance deal = journey(signal("quote_requested", dealing).personId());
        tasks.complete(taskOf(deal, LeadJourneyIds.FOLLOW_UP).getId(), Map.of("contacted", true, "need", true, "budget", true, "authority", true,
            "timeline", "NOW"));
        ProcessInstance opportunity = opportunityOf(deal);
        assertThat(opportunity).isWaitingAt(LeadJourneyIds.DISCOVERY);

        String losing = newEmail("gateway");
        String losingId = signal("quote_requested", losing).personId();
        ProcessInstance lost = journey(losingId);
        tasks.complete(taskOf(lost, LeadJourneyIds.FOLLOW_UP).getId(), Map.of("contacted", true, "need", true, "budget", true, "authority", true,
            "timeline", "QUARTER"));
        tasks.complete(taskOf(lost, LeadJourneyIds.DISCOVERY).getId(), Map.of("outcome", "LOST", "lossReason", "TIMING"));
        assertThat(lost).isWaitingAt(LeadJourneyIds.REENGAGE_WHEN);
        Date reengageAt = management.createJobQuery().processInstanceId(lost.getId()).timers().singleResult().getDuedate();

        int journeyVersion = deploy("lead-journey.bpmn", committed("bpmn/lead-journey.bpmn").replace("name=\"Lead journey\"",
            "name=\"Lead journey (edited)\""));
        int opportunityVersion = deploy("opportunity.bpmn", committed("bpmn/opportunity.bpmn").replace("name=\"Opportunity\"",
            "name=\"Opportunity (edited)\""));

        assertThat(migrations.planNewVersions()).hasSize(2);
        assertThat(migrations.planNewVersions()).as("a version is planned once").isEmpty();
        migrateAll();

        for (ProcessInstance instance : List.of(timer, conditional, followUp, deal, lost)) {
            assertThat(version(instance)).as(instance.getBusinessKey()).isEqualTo(journeyVersion);
        }
        assertThat(version(opportunity)).isEqualTo(opportunityVersion);
        MigrationRun journeyRun = latestRun("lead-journey");
        assertThat(journeyRun.toVersion()).isEqualTo(journeyVersion);
        assertThat(journeyRun.remaining()).as(journeyRun.problems().toString()).isZero();
        assertThat(journeyRun.migrated()).isGreaterThanOrEqualTo(5);
        assertThat(journeyRun.deployedBy()).isEqualTo("marketing");
        assertThat(journeyRun.finishedAt()).isNotNull();
        assertThat(journeyRun.problems()).isEmpty();

        // the timer keeps its due time and fires on the new version
        advance(Duration.ofDays(5), timer);
        assertThat(mailTo(nurturing)).hasSize(2);
        // the conditional wakes on a demo request: the journey still hands it to sales (the event sub-process listens)
        assertThat(signal("demo_requested", quiet).stage()).isEqualTo("SQL");
        assertThat(conditional).isWaitingAt(LeadJourneyIds.FOLLOW_UP);
        // the salesperson keeps their task: same task, same assignee
        Task kept = taskOf(followUp, LeadJourneyIds.FOLLOW_UP);
        assertThat(kept.getId()).isEqualTo(task.getId());
        assertThat(kept.getAssignee()).isEqualTo(task.getAssignee());
        tasks.complete(kept.getId(), Map.of("contacted", true, "need", false, "budget", false, "authority", false, "timeline", "LATER"));
        assertThat(followUp).isWaitingAt(LeadJourneyIds.SEND_NURTURE_MESSAGE);
        // the called opportunity carries on and returns to its migrated journey
        tasks.complete(taskOf(deal, LeadJourneyIds.DISCOVERY).getId(), Map.of("outcome", "WON"));
        assertThat(stage(deal.getBusinessKey())).isEqualTo(Stage.CUSTOMER);
        assertThat(deal).isWaitingAt(LeadJourneyIds.REFERRAL_DUE);
        // the event-based gateway keeps its timer (re-engagement still three months after the loss)
        assertThat(management.createJobQuery().processInstanceId(lost.getId()).timers().singleResult().getDuedate()).isEqualTo(reengageAt);
        advance(Duration.ofDays(93), lost);
        assertThat(stage(losingId)).isEqualTo(Stage.LEAD);

        HttpResponse<String> report = http().as("auditor", "demo").get("/api/journeys/migrations");
        assertThat(report.statusCode()).isEqualTo(200);
        JsonNode first = JSON.readTree(report.body()).get(0);
        assertThat(first.has("fromVersions") && first.has("toVersion") && first.has("migrated") && first.has("remaining")
            && first.has("problems") && first.has("startedAt") && first.has("finishedAt") && first.has("deployedBy")).as(report.body()).isTrue();
        assertThat(http().as("sales", "demo").get("/api/journeys/migrations").statusCode()).isEqualTo(403);

        HttpResponse<String> timeline = http().as("auditor", "demo").get("/api/people/" + deal.getBusinessKey() + "/journey");
        assertThat(timeline.body()).contains("MIGRATION").contains("lead-journey v").contains("marketing");
    }

    @Test
    void aRenamedTaskFollowsItsMigrateFromPropertyAndAJourneyWithNoPlaceStaysWithTheReason() throws Exception {
        String calling = newEmail("renamed");
        ProcessInstance followUp = journey(signal("demo_requested", calling).personId());
        Task task = taskOf(followUp, LeadJourneyIds.FOLLOW_UP);
        String revisiting = newEmail("revisit");
        ProcessInstance revisit = journey(signal("demo_requested", revisiting).personId());
        tasks.complete(taskOf(revisit, LeadJourneyIds.FOLLOW_UP).getId(), Map.of("contacted", true, "need", true, "budget", true, "authority", false,
            "timeline", "LATER"));
        assertThat(revisit).isWaitingAt(LeadJourneyIds.REVISIT_PROSPECT);

        String journeyXml = committed("bpmn/lead-journey.bpmn").replace("\"UserTask_FollowUp\"", "\"UserTask_CallLead\"")
            .replace("\"EventBasedGateway_UntilRevisit\"", "\"EventBasedGateway_Revisit\"");
        String listener = "<camunda:taskListener delegateExpression=\"${taskContextListener}\" event=\"create\" />";
        int at = journeyXml.indexOf(listener, journeyXml.indexOf("<bpmn:userTask id=\"UserTask_CallLead\"")) + listener.length();
        journeyXml = journeyXml.substring(0, at)
            + "<camunda:properties><camunda:property name=\"migrateFrom\" value=\"UserTask_FollowUp\" /></camunda:properties>"
            + journeyXml.substring(at);
        int version = deploy("lead-journey.bpmn", journeyXml);
        migrateAll();

        assertThat(version(followUp)).isEqualTo(version);
        Task kept = tasks.createTaskQuery().processInstanceId(followUp.getId()).singleResult();
        assertThat(kept.getId()).isEqualTo(task.getId());
        assertThat(kept.getTaskDefinitionKey()).isEqualTo("UserTask_CallLead");
        assertThat(version(revisit)).as("no place for the revisit wait: stays").isLessThan(version);
        MigrationRun run = latestRun("lead-journey");
        assertThat(run.remaining()).isGreaterThanOrEqualTo(1);
        assertThat(run.problems()).anySatisfy(problem -> assertThat(problem).contains(revisit.getId())
            .contains(LeadJourneyIds.REVISIT_PROSPECT));
        assertThat(run.finishedAt()).isNotNull();
        // the journey that stayed still works on its version
        advance(Duration.ofDays(7), revisit);
        assertThat(revisit).isWaitingAt(LeadJourneyIds.FOLLOW_UP);
    }

    @Test
    void aVersionThatOptsOutLeavesRunningJourneysWhereTheyAre() throws Exception {
        ProcessInstance waiting = journey(signal("form_submitted", newEmail("optout")).personId());
        int before = version(waiting);
        String journeyXml = committed("bpmn/lead-journey.bpmn").replace("name=\"Lead journey\"",
            "name=\"Lead journey (" + UUID.randomUUID() + ")\"").replaceFirst("(<bpmn:process id=\"lead-journey\"[^>]*>\\s*<bpmn:documentation>[^<]*</bpmn:documentation>)",
            "$1<bpmn:extensionElements><camunda:properties><camunda:property name=\"migrateRunningJourneys\" value=\"false\" />"
                + "</camunda:properties></bpmn:extensionElements>");
        int version = deploy("lead-journey.bpmn", journeyXml);
        migrateAll();

        assertThat(version(waiting)).isEqualTo(before);
        MigrationRun run = latestRun("lead-journey");
        assertThat(run.toVersion()).isEqualTo(version);
        assertThat(run.optedOut()).isTrue();
        assertThat(run.migrated()).isZero();
        assertThat(run.remaining()).isPositive();
        assertThat(run.finishedAt()).isNotNull();
    }

    @Test
    void aJourneyLeftOnAVersionBeforeTheLeanSignalPathCountsEachSignalOnce() throws Exception {
        String before;
        try (var in = getClass().getResourceAsStream("/journey/lead-journey-before-the-lean-signal-path.bpmn")) {
            before = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int oldVersion = deploy("lead-journey.bpmn", before); // its Apply signal scores and qualifies by itself
        String email = newEmail("before");
        String personId = signal("form_submitted", email).personId();                  // 10 points
        ProcessInstance journey = journey(personId);
        assertThat(version(journey)).isEqualTo(oldVersion);
        signal("webinar_attended", email);                                              // 35: first engagement of the LEAD track
        signal("webinar_attended", email);                                              // 60: MQL

        assertThat(people.find(PersonId.of(personId)).orElseThrow().score()).as("each signal's points counted once, by intake").isEqualTo(60);
        assertThat(stage(personId)).isEqualTo(Stage.MQL);
        assertThat(runtime.getVariable(journey.getId(), "stage")).isEqualTo("MQL");
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
            .processInstanceId(journey.getId()).activityId("ServiceTask_AddPoints").count()).as("the old Apply signal ran for each").isEqualTo(3);
    }

    private int deploy(String file, String xml) throws IOException {
        HttpResponse<String> response = http().as("marketing", "demo").postMultipart("/engine-rest/deployment/create",
            Map.of("deployment-name", file, "deployment-source", "Camunda Modeler"), file, file, xml.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String key = file.replace(".bpmn", "");
        return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult().getVersion();
    }

    private int version(ProcessInstance instance) {
        String definition = runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult().getProcessDefinitionId();
        return engine.getRepositoryService().getProcessDefinition(definition).getVersion();
    }

    private static String committed(String path) throws IOException {
        return Files.readString(Path.of(path));
    }
}
