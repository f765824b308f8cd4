package io.leadjourney.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadjourney.intake.SignalRequest;
import io.leadjourney.journey.JourneyVariables;
import io.leadjourney.journey.LeadJourneyIds;
import io.leadjourney.platform.security.Caller;
import io.leadjourney.platform.security.Groups;
import io.leadjourney.support.ProcessTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Sales in Tasklist: assignment and rotation, priority, context and notes, filters, rights. */
class SalesTest extends ProcessTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String FOLLOW_UP = LeadJourneyIds.FOLLOW_UP;

    @Autowired
    IdentityService identity;
    @Autowired
    SalesRotation rotation;

    @BeforeEach
    void aThirdSalesperson() {
        if (identity.createUserQuery().userId("sales3").count() == 0) {
            User user = identity.newUser("sales3");
            user.setFirstName("Tiga");
            user.setLastName("Sales");
            user.setEmail("sales3@leadjourney.local");
            user.setPassword(THROWAWAY_PASSWORD);
            identity.saveUser(user);
            identity.createMembership("sales3", Groups.SALES);
        }
        for (String user : List.of("manager", "sales", "sales3")) {
            rotation.setAvailable(user, true);
        }
    }

    /** Availability is shared by every test class of this context: leave everyone available. */
    @AfterEach
    void everyoneAvailableAgain() {
        for (User user : identity.createUserQuery().memberOfGroup(Groups.SALES).list()) {
            rotation.setAvailable(user.getId(), true);
        }
    }

    Task handOff(String email) {
        ProcessInstance journey = journey(signal("demo_requested", email).personId());
        return taskOf(journey, FOLLOW_UP);
    }

    @Test
    void followUpsRotateAcrossTheAvailableSalespeopleAndSkipTheUnavailable() {
        List<String> assignees = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            assignees.add(handOff(newEmail("rotation" + i)).getAssignee());
        }
        assertThat(assignees.subList(0, 3)).containsExactlyInAnyOrder("manager", "sales", "sales3");
        assertThat(assignees.subList(3, 6)).containsExactlyElementsOf(assignees.subList(0, 3));

        rotation.setAvailable("sales", false);
        List<String> without = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            without.add(handOff(newEmail("unavailable" + i)).getAssignee());
        }
        assertThat(without).doesNotContain("sales").contains("manager", "sales3");
    }

    @Test
    void theHottestLeadIsFirstInTasklist() {
        String warm = newEmail("warm");
        String hot = newEmail("hot");
        String hottest = newEmail("hottest");
        signal("price_requested", warm);
        signal("demo_requested", hot);
        intake.receive(Caller.intake("test"), new SignalRequest("quote_requested", hottest,
            null, "Pak Hendra", "PT Besar", "Owner", null, "website", "id", null, null, null,
            Map.of("competitor", true, "estimatedValue", 250_000_000)), null);

        List<Task> sorted = tasks.createTaskQuery().taskDefinitionKey(FOLLOW_UP).orderByTaskPriority().desc().list();
        List<String> order = sorted.stream().map(task -> (String) tasks.getVariable(task.getId(), "personEmail"))
            .filter(e -> e.equals(warm) || e.equals(hot) || e.equals(hottest)).toList();
        assertThat(order).containsExactly(hottest, hot, warm);
        assertThat(sorted.stream().filter(t -> hottest.equals(tasks.getVariable(t.getId(), "personEmail"))).findFirst().orElseThrow()
            .getPriority()).isEqualTo(50 + 20 + 10 + 15 + 15);
    }

    @Test
    void theTaskShowsWhoWhyAndTheConversationAndANoteReappearsInTheNextTask() {
        String email = newEmail("context");
        String personId = intake.receive(Caller.intake("test"), new SignalRequest(
            "catalog_requested", email, "0812-9999-0001", "Rina Wijaya", "PT Sumber Rejeki", "Direktur", null, "expo", "id", null,
            null, null, null), null).personId();
        ProcessInstance journey = journey(personId);
        Task first = taskOf(journey, FOLLOW_UP);
        Map<String, Object> context = tasks.getVariablesLocal(first.getId());
        assertThat(context).containsEntry("personName", "Rina Wijaya").containsEntry("personCompany", "PT Sumber Rejeki")
            .containsEntry("personTitle", "Direktur").containsEntry("personPhone", "+6281299990001")
            .containsEntry("whatsappLink", "https://wa.me/6281299990001").containsEntry("personStage", "SQL");
        assertThat((String) context.get("whySalesReady")).contains("SQL").contains("catalog_requested");
        assertThat((String) context.get("recentSignals")).contains("catalog_requested").contains("(expo)");

        tasks.complete(first.getId(), Map.of("contacted", false, "notes", "Tidak diangkat, coba lagi besok pagi"));
        advance(Duration.ofDays(1), journey);

        Task second = taskOf(journey, FOLLOW_UP);
        assertThat((String) tasks.getVariableLocal(second.getId(), "previousNotes"))
            .contains("Tidak diangkat, coba lagi besok pagi").contains("not reached (attempt 1)");
        assertThat((String) tasks.getVariableLocal(second.getId(), "whySalesReady"))
            .as("now read from history, with the matching row").contains("lead-qualification v").contains("Asks a price");
    }

    @Test
    void everyUserTaskServesItsDeployedForm() {
        Task task = handOff(newEmail("form"));
        var form = engine.getFormService().getTaskFormKey(task.getProcessDefinitionId(), task.getTaskDefinitionKey());
        assertThat(form).isNull();
        try (InputStream deployed = engine.getFormService().getDeployedTaskForm(task.getId())) {
            String content = new String(deployed.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(content).contains("\"id\": \"follow-up\"").contains("\"key\": \"contacted\"").contains("{{personName}}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theShippedFiltersExistAndListWhatTheySay() {
        List<String> names = engine.getFilterService().createFilterQuery().list().stream().map(Filter::getName).toList();
        assertThat(names).contains(TasklistFilters.MY_TASKS, TasklistFilters.UNASSIGNED, TasklistFilters.HOT_LEADS, TasklistFilters.OVERDUE,
            TasklistFilters.SALES_MANAGERS);

        Task task = handOff(newEmail("overdue"));
        Filter overdue = engine.getFilterService().createFilterQuery().filterName(TasklistFilters.OVERDUE).singleResult();
        List<Task> before = engine.getFilterService().list(overdue.getId());
        assertThat(before).extracting(Task::getId).doesNotContain(task.getId());
        ClockUtil.setCurrentTime(new Date(task.getDueDate().getTime() + 60_000));
        assertThat(engine.getFilterService().<Task>list(overdue.getId())).extracting(Task::getId).contains(task.getId());

        // the filter reads the journey's grade variable by its name (sales cannot import the journey's constants)
        Filter hot = engine.getFilterService().createFilterQuery().filterName(TasklistFilters.HOT_LEADS).singleResult();
        assertThat(engine.getFilterService().<Task>list(hot.getId())).extracting(Task::getId).doesNotContain(task.getId());
        runtime.setVariable(task.getProcessInstanceId(), JourneyVariables.GRADE.name(), "A");
        assertThat(engine.getFilterService().<Task>list(hot.getId())).extracting(Task::getId).contains(task.getId());
    }

    @Test
    void myTasksThroughTheRestApiAreTheUsersOwnHottestFirst() throws Exception {
        Task task = handOff(newEmail("mine"));
        String user = task.getAssignee();
        String password = passwordOf(user);
        String filterId = engine.getFilterService().createFilterQuery().filterName(TasklistFilters.MY_TASKS).singleResult().getId();

        HttpResponse<String> mine = http().as(user, password).postJson("/engine-rest/filter/" + filterId + "/list", "{}");

        assertThat(mine.statusCode()).isEqualTo(200);
        JsonNode list = JSON.readTree(mine.body());
        assertThat(list.findValuesAsText("assignee")).containsOnly(user);
        assertThat(list.findValuesAsText("id")).contains(task.getId());
        List<Integer> priorities = new ArrayList<>();
        list.forEach(t -> priorities.add(t.get("priority").asInt()));
        assertThat(priorities).isSortedAccordingTo((a, b) -> b - a);
    }

    @Test
    void salesSeeOnlySalesTasksAndAuditorsReadButCannotComplete() throws Exception {
        Task task = handOff(newEmail("rights"));
        advance(Duration.ofHours(1), journey(String.valueOf(tasks.getVariable(task.getId(), "personId"))));
        Task escalation = tasks.createTaskQuery().processInstanceId(task.getProcessInstanceId()).taskDefinitionKey(LeadJourneyIds.ESCALATED_FOLLOW_UP)
            .singleResult();

        JsonNode salesView = JSON.readTree(http().as("sales", "demo").get("/engine-rest/task?processInstanceId=" + task.getProcessInstanceId()).body());
        assertThat(salesView.findValuesAsText("id")).contains(task.getId()).doesNotContain(escalation.getId());
        JsonNode managerView = JSON.readTree(http().as("manager", "demo").get("/engine-rest/task?processInstanceId=" + task.getProcessInstanceId()).body());
        assertThat(managerView.findValuesAsText("id")).contains(task.getId(), escalation.getId());
        JsonNode auditorView = JSON.readTree(http().as("auditor", "demo").get("/engine-rest/task?processInstanceId=" + task.getProcessInstanceId()).body());
        assertThat(auditorView.findValuesAsText("id")).contains(task.getId(), escalation.getId());

        String complete = "{\"variables\":{\"contacted\":{\"value\":false}}}";
        assertThat(http().as("auditor", "demo").postJson("/engine-rest/task/" + task.getId() + "/complete", complete).statusCode()).isEqualTo(403);
        assertThat(http().as("auditor", "demo").postJson("/engine-rest/task/" + task.getId() + "/claim", "{\"userId\":\"auditor\"}").statusCode())
            .isEqualTo(403);
        assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
        assertThat(http().as("sales", "demo").postJson("/engine-rest/task/" + escalation.getId() + "/complete", "{}").statusCode())
            .isIn(403, 404);
        assertThat(http().as(task.getAssignee(), passwordOf(task.getAssignee())).postJson("/engine-rest/task/" + task.getId() + "/complete",
            complete).statusCode()).isEqualTo(204);
    }

    @Test
    void aSalespersonWorksOnlyOnTasksThatAreTheirsOrNobodysAndManagersOnAny() {
        rotation.setAvailable("sales", false);
        Task colleagues = handOff(newEmail("colleagues"));
        assertThat(colleagues.getAssignee()).isIn("manager", "sales3");
        String done = "{\"variables\":{\"contacted\":{\"value\":false}}}";
        String path = "/engine-rest/task/" + colleagues.getId();
        HttpResponse<String> refused = http().as("sales", "demo").postJson(path + "/complete", done);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("assigned to '" + colleagues.getAssignee() + "'");
        assertThat(http().as("sales", "demo").postJson(path + "/submit-form", "{\"variables\":{}}").statusCode()).isEqualTo(403);
        assertThat(http().as("sales", "demo").putJson(path + "/variables/notes", "{\"value\":\"mine now\"}").statusCode()).isEqualTo(403);
        assertThat(http().as("sales", "demo").postJson(path + "/claim", "{\"userId\":\"sales\"}").statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(tasks.createTaskQuery().taskId(colleagues.getId()).singleResult().getAssignee()).isEqualTo(colleagues.getAssignee());

        // nobody's task: claim it, then it is yours
        for (String user : List.of("manager", "sales3")) {
            rotation.setAvailable(user, false);
        }
        Task nobodys = handOff(newEmail("nobodys"));
        assertThat(nobodys.getAssignee()).isNull();
        assertThat(http().as("sales", "demo").postJson("/engine-rest/task/" + nobodys.getId() + "/claim", "{\"userId\":\"sales\"}").statusCode())
            .isEqualTo(204);
        assertThat(http().as("sales", "demo").postJson("/engine-rest/task/" + nobodys.getId() + "/complete", done).statusCode()).isEqualTo(204);

        // a sales manager may finish a colleague's task
        assertThat(http().as("manager", "demo").postJson(path + "/complete", done).statusCode()).isEqualTo(204);
    }

    @Test
    void withEveryoneUnavailableTheTaskWaitsInUnassignedForTheGroupAndManagersAreAlerted() throws Exception {
        for (User user : identity.createUserQuery().memberOfGroup(Groups.SALES).list()) {
            rotation.setAvailable(user.getId(), false);
        }
        String email = newEmail("nobody");
        ProcessInstance journey = journey(signal("demo_requested", email).personId());
        Task task = taskOf(journey, FOLLOW_UP);
        assertThat(task.getAssignee()).isNull();
        String unassigned = engine.getFilterService().createFilterQuery().filterName(TasklistFilters.UNASSIGNED).singleResult().getId();

        for (String user : List.of("sales", "manager")) {
            HttpResponse<String> listed = http().as(user, "demo").postJson("/engine-rest/filter/" + unassigned + "/list", "{}");
            assertThat(listed.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(listed.body()).findValuesAsText("id")).as(user).contains(task.getId());
            assertThat(JSON.readTree(listed.body()).findValues("assignee")).as(user).allMatch(JsonNode::isNull);
        }
        HttpResponse<String> auditors = http().as("auditor", "demo").postJson("/engine-rest/filter/" + unassigned + "/list", "{}");
        assertThat(JSON.readTree(auditors.body()).findValuesAsText("id")).as("not the auditors' group").doesNotContain(task.getId());

        runDueJobs(journey);
        assertThat(mailTo("manager@leadjourney.local")).anySatisfy(mail -> {
            assertThat(subject(mail)).startsWith("Belum ada sales untuk: Rina Wijaya");
            assertThat(part(mail, "text/plain")).contains("tim sales").contains("WIB");
        });
        assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as("the follow-up stays open").isEqualTo(1);

        // claimed by someone: it leaves the filter
        tasks.claim(task.getId(), "sales");
        HttpResponse<String> after = http().as("manager", "demo").postJson("/engine-rest/filter/" + unassigned + "/list", "{}");
        assertThat(JSON.readTree(after.body()).findValuesAsText("id")).doesNotContain(task.getId());
    }

    @Test
    void salespeopleMarkThemselvesUnavailableAndManagersMarkAnyone() {
        assertThat(http().as("sales", "demo").with("Content-Type", "application/json")
            .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/sales/availability/manager"))
                .header("Authorization", basic("sales", "demo")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"available\":false}")).build()).statusCode()).isEqualTo(403);
        assertThat(put("sales", "/api/sales/availability/sales", "{\"available\":false}").statusCode()).isEqualTo(200);
        assertThat(rotation.isAvailable("sales")).isFalse();
        assertThat(put("manager", "/api/sales/availability/sales", "{\"available\":true}").statusCode()).isEqualTo(200);
        assertThat(rotation.isAvailable("sales")).isTrue();
        assertThat(put("manager", "/api/sales/availability/sales", "{}").statusCode()).isEqualTo(400);
    }

    HttpResponse<String> put(String user, String path, String json) {
        return http().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", basic(user, "demo")).header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
    }
}
