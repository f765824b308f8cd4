package io.leadjourney.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadjourney.platform.security.Groups;
import io.leadjourney.platform.security.IdentitySetup;
import io.leadjourney.support.ProcessTest;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Tasklist users save filters of their own: theirs alone, with the "me / my groups / now" expressions and no others. */
class OwnFiltersTest extends ProcessTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> SHIPPED = List.of(TasklistFilters.MY_TASKS, TasklistFilters.UNASSIGNED, TasklistFilters.HOT_LEADS,
        TasklistFilters.OVERDUE, TasklistFilters.SALES_MANAGERS);

    @Autowired
    IdentitySetup identitySetup;

    private static String filter(String name, String owner, String query) {
        return "{\"resourceType\":\"Task\",\"name\":\"" + name + "\",\"owner\":\"" + owner + "\",\"query\":" + query
            + ",\"properties\":{\"priority\":10}}";
    }

    private HttpResponse<String> create(String user, String body) {
        return http().as(user, passwordOf(user)).postJson("/engine-rest/filter/create", body);
    }

    private static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 6);
    }

    private List<String> filtersOf(String user) throws Exception {
        HttpResponse<String> listed = http().as(user, passwordOf(user)).get("/engine-rest/filter?resourceType=Task");
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        JSON.readTree(listed.body()).forEach(filter -> names.add(filter.get("name").asText()));
        return names;
    }

    @Test
    void aSalespersonSavesAFilterOfTheirOwnThatColleaguesNeitherSeeNorTouch() throws Exception {
        String ana = throwawayUser(Groups.SALES);
        String budi = throwawayUser(Groups.SALES);
        String name = unique("Mine, priority 60+");
        HttpResponse<String> saved = create(ana, filter(name, ana, "{\"assigneeExpression\":\"${currentUser()}\",\"minPriority\":60}"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        String id = JSON.readTree(saved.body()).get("id").asText();
        Task mine = tasks.newTask();
        mine.setName("Call back");
        mine.setAssignee(ana);
        mine.setPriority(70);
        tasks.saveTask(mine);
        try {
            assertThat(filtersOf(ana)).contains(name).containsAll(SHIPPED);
            assertThat(filtersOf(budi)).doesNotContain(name).containsAll(SHIPPED);
            assertThat(filtersOf("auditor")).doesNotContain(name).containsAll(SHIPPED);

            JsonNode listed = JSON.readTree(http().as(ana, passwordOf(ana)).postJson("/engine-rest/filter/" + id + "/list", "{}").body());
            assertThat(listed.findValuesAsText("id")).containsExactly(mine.getId());
            assertThat(http().as(budi, passwordOf(budi)).postJson("/engine-rest/filter/" + id + "/list", "{}").statusCode()).isEqualTo(403);
            assertThat(http().as(budi, passwordOf(budi)).putJson("/engine-rest/filter/" + id, filter("Taken", budi, "{}")).statusCode())
                .isEqualTo(403);
            assertThat(http().as(budi, passwordOf(budi)).delete("/engine-rest/filter/" + id).statusCode()).isEqualTo(403);
            assertThat(http().as(ana, passwordOf(ana)).putJson("/engine-rest/filter/" + id,
                filter(name + " (renamed)", ana, "{\"assigneeExpression\":\"${currentUser()}\"}")).statusCode()).isEqualTo(204);
            assertThat(http().as(ana, passwordOf(ana)).delete("/engine-rest/filter/" + id).statusCode()).isEqualTo(204);
        } finally {
            tasks.deleteTask(mine.getId(), true);
        }
    }

    @Test
    void aFilterSavedWithoutAnOwnerIsItsCreatorsAsTasklistsDialogSavesIt() throws Exception {
        String ana = throwawayUser(Groups.SALES);
        String budi = throwawayUser(Groups.SALES);
        String name = unique("No owner named");

        HttpResponse<String> saved = create(ana, "{\"resourceType\":\"Task\",\"name\":\"" + name + "\",\"query\":{},\"properties\":{}}");

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(JSON.readTree(saved.body()).get("owner").asText()).isEqualTo(ana);
        assertThat(filtersOf(ana)).contains(name);
        assertThat(filtersOf(budi)).doesNotContain(name);
    }

    @Test
    void nobodyPutsAFilterIntoAColleaguesTasklist() throws Exception {
        String ana = throwawayUser(Groups.SALES);
        String budi = throwawayUser(Groups.SALES);
        String name = unique("For Budi");

        HttpResponse<String> saved = create(ana, filter(name, budi, "{}"));

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(filtersOf(budi)).doesNotContain(name);
        assertThat(filtersOf(ana)).doesNotContain(name);
    }

    @Test
    void aSavedFilterTakesTheDialogsExpressionsAndNoOther() {
        String ana = throwawayUser(Groups.SALES);
        for (String allowed : List.of("\"candidateGroupsExpression\":\"${currentUserGroups()}\"", "\"dueBeforeExpression\":\"${now()}\"")) {
            HttpResponse<String> saved = create(ana, filter(unique("Allowed"), ana, "{" + allowed + "}"));
            assertThat(saved.statusCode()).as(allowed + ": " + saved.body()).isEqualTo(200);
        }
        for (String refused : List.of("{\"assigneeExpression\":\"${execution.getProcessEngineServices()}\"}",
            "{\"orQueries\":[{\"assigneeExpression\":\"${userService.toString()}\"}]}",
            "{\"assigneeExpression\":\"${ currentUser() }\"}", // not as the dialog writes it
            "{\"assigneeExpression\":{\"value\":\"${currentUser()}\"}}")) {
            HttpResponse<String> saved = create(ana, filter("Refused", ana, refused));
            assertThat(saved.statusCode()).as(refused).isEqualTo(400);
        }
        HttpResponse<String> adHoc = http().as(ana, passwordOf(ana)).postJson("/engine-rest/task", "{\"assigneeExpression\":\"${currentUser()}\"}");
        assertThat(adHoc.statusCode()).as("a task query is no filter being saved").isEqualTo(400);
    }

    @Test
    void theReadOfEveryFilterAnEarlierVersionGaveIsTakenBackAtStart() throws Exception {
        AuthorizationService authorizations = engine.getAuthorizationService();
        Authorization all = authorizations.createAuthorizationQuery().groupIdIn(Groups.SALES).resourceType(Resources.FILTER).resourceId("*")
            .singleResult();
        all.removePermission(Permissions.CREATE);
        all.addPermission(Permissions.READ);
        authorizations.saveAuthorization(all);
        String ana = throwawayUser(Groups.SALES);
        String name = unique("Other's");
        engine.getFilterService().saveFilter(engine.getFilterService().newTaskFilter(name).setOwner("manager"));
        assertThat(filtersOf(ana)).as("as before this version").contains(name);

        identitySetup.postProcessEngineBuild(engine);

        Authorization now = authorizations.createAuthorizationQuery().authorizationId(all.getId()).singleResult();
        assertThat(now.isPermissionGranted(Permissions.READ)).isFalse();
        assertThat(now.isPermissionGranted(Permissions.CREATE)).isTrue();
        assertThat(filtersOf(ana)).doesNotContain(name).containsAll(SHIPPED);
    }
}
