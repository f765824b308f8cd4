package io.leadjourney.sales;

import java.util.List;
import java.util.Set;

import io.leadjourney.people.PersonId;
import io.leadjourney.people.SalesWork;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.stereotype.Component;

/**
 * Whether a salesperson works on a person: they have (or had) a task of a process about the person (the journey, whose
 * business key is the person's id) or of an opportunity the person is a contact of, as assignee or candidate. Decided by
 * what cannot be edited from Tasklist — the business key and the opportunity's contacts — never by a task variable (a
 * variable a task can write would let sales point a task at anyone).
 */
@Component
public class SalesAccess implements SalesWork {

    private final TaskService tasks;
    private final HistoryService history;
    private final Opportunities opportunities;

    SalesAccess(TaskService tasks, HistoryService history, Opportunities opportunities) {
        this.tasks = tasks;
        this.history = history;
        this.opportunities = opportunities;
    }

    @Override
    public boolean worksOn(String userId, Set<String> groups, String personId) {
        if (tasks.createTaskQuery().processInstanceBusinessKey(personId).taskAssignee(userId).count() > 0
            || tasks.createTaskQuery().processInstanceBusinessKey(personId).taskCandidateUser(userId).includeAssignedTasks().count() > 0
            || history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(personId).taskAssignee(userId).count() > 0) {
            return true;
        }
        List<String> opportunityInstances = opportunities.processInstancesOf(PersonId.of(personId));
        if (opportunityInstances.isEmpty()) {
            return false;
        }
        String[] ids = opportunityInstances.toArray(String[]::new);
        return tasks.createTaskQuery().processInstanceIdIn(ids).taskAssignee(userId).count() > 0
            || tasks.createTaskQuery().processInstanceIdIn(ids).taskCandidateUser(userId).includeAssignedTasks().count() > 0
            || opportunityInstances.stream().anyMatch(id -> history.createHistoricTaskInstanceQuery().processInstanceId(id)
            .taskAssignee(userId).count() > 0);
    }
}
