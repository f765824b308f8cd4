package io.leadjourney.journey;

import static io.leadjourney.journey.JourneyVariables.FOLLOW_UP_DUE;
import static io.leadjourney.journey.JourneyVariables.FOLLOW_UP_WITHIN;
import static io.leadjourney.journey.JourneyVariables.HAND_RAISED;
import static io.leadjourney.journey.JourneyVariables.LAST_SIGNAL_TYPE;
import static io.leadjourney.journey.JourneyVariables.PERSON_ID;
import static io.leadjourney.journey.JourneyVariables.PRIORITY;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.leadjourney.messaging.MessageOrder;
import io.leadjourney.messaging.TransactionalMail;
import io.leadjourney.people.Channel;
import io.leadjourney.people.PeopleService;
import io.leadjourney.people.Person;
import io.leadjourney.people.PersonId;
import io.leadjourney.platform.calendar.BusinessCalendar;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.springframework.stereotype.Component;

/**
 * A hand-raiser reached a journey whose person sales are already working (lead-journey.bpmn, "Hand raised"): every
 * open task of the journey and of the opportunity it runs gets a note of it and at least the priority just decided; a
 * task of the journey itself is due no later than the SLA just decided from now (its timers, such as "SLA expired",
 * move with it); whoever holds the tasks hears of it by email (the sales managers when nobody does).
 */
@Component
@SideEffect
class RaiseOpenTasksDelegate implements JavaDelegate {

    static final String TEMPLATE = "hand-raised";

    private final TransactionalMail mail;
    private final PeopleService people;
    private final SalesAlerts alerts;
    private final BusinessCalendar calendar;

    RaiseOpenTasksDelegate(TransactionalMail mail, PeopleService people, SalesAlerts alerts, BusinessCalendar calendar) {
        this.mail = mail;
        this.people = people;
        this.alerts = alerts;
        this.calendar = calendar;
    }

    @Override
    public void execute(DelegateExecution execution) {
        RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
        TaskService tasks = execution.getProcessEngineServices().getTaskService();
        String journey = execution.getProcessInstanceId();
        List<String> instances = new ArrayList<>(List.of(journey));
        runtime.createProcessInstanceQuery().superProcessInstanceId(journey).list().forEach(sub -> instances.add(sub.getId()));

        Date now = ClockUtil.getCurrentTime();
        String signal = LAST_SIGNAL_TYPE.from(execution);
        Number priority = PRIORITY.from(execution);
        String within = FOLLOW_UP_WITHIN.from(execution);
        Date due = within == null ? null : Date.from(calendar.addBusinessTime(now.toInstant(), Duration.parse(within)));
        Map<String, List<Task>> byHolder = new LinkedHashMap<>();
        for (String instance : instances) {
            for (Task task : tasks.createTaskQuery().processInstanceId(instance).active().list()) {
                tasks.createComment(task.getId(), instance, "Minta dihubungi / hand raised: " + signal + ", " + alerts.when(now));
                if (priority != null && priority.intValue() > task.getPriority()) {
                    task.setPriority(priority.intValue());
                }
                if (instance.equals(journey) && due != null && task.getDueDate() != null && due.before(task.getDueDate())) {
                    task.setDueDate(due);
                    FOLLOW_UP_DUE.set(execution, due);
                    moveTimers(execution, task, due);
                }
                tasks.saveTask(task);
                byHolder.computeIfAbsent(task.getAssignee() == null ? "" : task.getAssignee(), holder -> new ArrayList<>()).add(task);
            }
        }
        HAND_RAISED.set(execution, false);
        tell(execution, byHolder, signal);
    }

    /** The task's boundary timers that would fire after its new due date fire at it (the SLA follows the task). */
    private static void moveTimers(DelegateExecution execution, Task task, Date due) {
        ManagementService management = execution.getProcessEngineServices().getManagementService();
        for (BoundaryEvent boundary : execution.getBpmnModelInstance().getModelElementsByType(BoundaryEvent.class)) {
            if (boundary.getAttachedTo() == null || !boundary.getAttachedTo().getId().equals(task.getTaskDefinitionKey())
                || boundary.getEventDefinitions().stream().noneMatch(TimerEventDefinition.class::isInstance)) {
                continue;
            }
            for (Job timer : management.createJobQuery().processInstanceId(task.getProcessInstanceId()).activityId(boundary.getId()).timers().list()) {
                if (timer.getDuedate() == null || timer.getDuedate().after(due)) {
                    management.setJobDuedate(timer.getId(), due);
                }
            }
        }
    }

    private void tell(DelegateExecution execution, Map<String, List<Task>> byHolder, String signal) {
        IdentityService identity = execution.getProcessEngineServices().getIdentityService();
        PersonId id = PersonId.of(PERSON_ID.from(execution));
        Person person = people.find(id).orElseThrow();
        for (Map.Entry<String, List<Task>> holder : byHolder.entrySet()) {
            List<TransactionalMail.Recipient> to = holder.getKey().isEmpty() ? alerts.managers(identity)
                : alerts.recipients(identity.createUserQuery().userId(holder.getKey()).list());
            Task first = holder.getValue().get(0);
            Map<String, Object> variables = alerts.variables(person);
            variables.put("signal", signal);
            variables.put("task", first.getName());
            variables.put("due", alerts.when(first.getDueDate()));
            mail.send(new MessageOrder(id, execution.getProcessInstanceId(), SendMessageDelegate.stepKey(execution, TEMPLATE), TEMPLATE,
                Channel.EMAIL), to, "id", variables);
        }
    }
}
