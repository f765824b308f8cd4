package io.leadjourney.sales;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.leadjourney.platform.security.Groups;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

/**
 * The Tasklist filters sales work from, created at startup when missing (an edited filter is left as it is):
 * My tasks, Unassigned in my groups, Hot leads (A), Overdue, Sales managers. Each sorts the hottest first and shows who
 * the task is about. Every Tasklist group reads them through a grant per filter; the filters a user saves are theirs
 * alone.
 */
@Component
public class TasklistFilters extends AbstractProcessEnginePlugin {

    public static final String MY_TASKS = "My tasks";
    public static final String UNASSIGNED = "Unassigned in my groups";
    public static final String HOT_LEADS = "Hot leads (A)";
    public static final String OVERDUE = "Overdue";
    public static final String SALES_MANAGERS = "Sales managers";

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        FilterService filters = engine.getFilterService();
        TaskService tasks = engine.getTaskService();
        AuthorizationService authorizations = engine.getAuthorizationService();
        create(filters, MY_TASKS, "Tugas saya / tasks assigned to me", 1, "#0b5cad",
            tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
        create(filters, UNASSIGNED, "Belum ditugaskan: ambil satu / nobody has these yet: claim one", 2, "#2e7d32",
            tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").taskUnassigned());
        create(filters, HOT_LEADS, "Prospek grade A: siap membeli / grade A prospects, ready to buy", 3, "#c62828",
            tasks.createTaskQuery().processVariableValueEquals("grade", "A"));
        create(filters, OVERDUE, "Lewat batas waktu / past their due date", 4, "#ef6c00",
            tasks.createTaskQuery().dueBeforeExpression("${now()}"));
        create(filters, SALES_MANAGERS, "Eskalasi dan tugas manajer / escalations and managers' tasks", 5, "#6a1b9a",
            tasks.createTaskQuery().taskCandidateGroup(Groups.SALES_MANAGERS));
        for (String name : List.of(MY_TASKS, UNASSIGNED, HOT_LEADS, OVERDUE, SALES_MANAGERS)) {
            filters.createFilterQuery().filterName(name).list().forEach(filter -> readableByTasklistUsers(authorizations, filter.getId()));
        }
    }

    private static void readableByTasklistUsers(AuthorizationService authorizations, String filterId) {
        for (String group : Groups.TASKLIST_USERS) {
            if (authorizations.createAuthorizationQuery().groupIdIn(group).resourceType(Resources.FILTER).resourceId(filterId).count() == 0) {
                Authorization read = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
                read.setGroupId(group);
                read.setResource(Resources.FILTER);
                read.setResourceId(filterId);
                read.addPermission(Permissions.READ);
                authorizations.saveAuthorization(read);
            }
        }
    }

    private static void create(FilterService filters, String name, String description, int priority, String color, TaskQuery query) {
        if (filters.createFilterQuery().filterName(name).count() > 0) {
            return;
        }
        query.orderByTaskPriority().desc().orderByDueDate().asc();
        Filter filter = filters.newTaskFilter(name).setQuery(query).setProperties(properties(description, priority, color));
        filters.saveFilter(filter);
    }

    private static Map<String, Object> properties(String description, int priority, String color) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("description", description);
        properties.put("priority", priority);
        properties.put("color", color);
        properties.put("refresh", true);
        properties.put("variables", List.of(
            Map.of("name", TaskContext.PERSON_NAME, "label", "Nama / Name"),
            Map.of("name", TaskContext.PERSON_COMPANY, "label", "Perusahaan / Company"),
            Map.of("name", TaskContext.PERSON_STAGE, "label", "Tahap / Stage")));
        return properties;
    }
}
