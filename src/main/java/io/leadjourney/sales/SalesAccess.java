package io.leadjourney.sales;

import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.stereotype.Component;

/** Whether a salesperson works on a person: they have (or had) a task about them, as assignee or candidate. */
@Component
public class SalesAccess {

    private final TaskService tasks;
    private final HistoryService history;

    SalesAccess(TaskService tasks, HistoryService history) {
        this.tasks = tasks;
        this.history = history;
    }

    public boolean worksOn(String userId, Set<String> groups, String personId) {
        if (tasks.createTaskQuery().processVariableValueEquals("personId", personId).taskAssignee(userId).count() > 0
            || tasks.createTaskQuery().processVariableValueEquals("personId", personId).taskCandidateUser(userId).includeAssignedTasks().count() > 0) {
            return true;
        }
        return history.createHistoricTaskInstanceQuery().processVariableValueEquals("personId", personId).taskAssignee(userId).count() > 0;
    }
}
