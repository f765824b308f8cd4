package io.leadjourney.platform.engine;

import java.io.IOException;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadjourney.platform.security.Groups;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractVariableCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.CamundaFormDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What a salesperson may do on a task (Tasklist, /engine-rest, the webapps' API alike): work only on a task that is
 * theirs or nobody's (a task assigned to a colleague is the colleague's, or a sales manager's to reassign), and write
 * only the fields of the task's own form, strings of at most 4 000 characters — never {@code personId} (which would point
 * the task, and the people API, at someone else), the journey's variables or the task's context. Administrators and
 * marketing ops, who own the journeys, and the engine itself are not limited here; sales managers may work on any task
 * of their groups.
 */
@Component
class TaskVariableGuard extends AbstractProcessEnginePlugin {

    static final int MAX_TEXT = 4000;
    private static final Set<String> UNLIMITED = Set.of(Groups.ADMIN, Groups.MARKETING_OPS);
    private static final Set<String> WORK_ON_ANY_TASK = Set.of(Groups.ADMIN, Groups.MARKETING_OPS, Groups.SALES_MANAGERS);

    private final ObjectMapper json;
    private ProcessEngineConfigurationImpl configuration;
    private final Map<String, Set<String>> formFields = new ConcurrentHashMap<>();

    TaskVariableGuard(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        this.configuration = configuration;
        List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null ? new ArrayList<>()
            : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
        interceptors.add(new CommandInterceptor() {
            @Override
            public <T> T execute(Command<T> command) {
                check(command);
                return next.execute(command);
            }
        });
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }

    /** What a task command writes: the task, the variable names (deletions too) and the values. */
    private record Writes(String taskId, Collection<String> names, Collection<Object> values) {
    }

    private void check(Command<?> command) {
        Writes writes = writes(command);
        if (writes == null) {
            return;
        }
        String taskId = writes.taskId();
        Collection<String> names = writes.names();
        Collection<Object> values = writes.values();
        Authentication user = configuration.getIdentityService().getCurrentAuthentication();
        if (user == null || user.getGroupIds() == null) {
            return;
        }
        if (user.getGroupIds().stream().noneMatch(WORK_ON_ANY_TASK::contains)) {
            String assignee = assigneeOf(taskId);
            if (assignee != null && !assignee.equals(user.getUserId())) {
                throw new AuthorizationException("The task is assigned to '" + assignee + "': only they or a sales manager may work on it;"
                    + " take an unassigned one from \"Unassigned in my groups\"");
            }
        }
        if ((names.isEmpty() && values.isEmpty()) || user.getGroupIds().stream().anyMatch(UNLIMITED::contains)) {
            return;
        }
        Set<String> allowed = allowedOn(taskId);
        for (String name : names) {
            if (!allowed.contains(name)) {
                throw new AuthorizationException("User '" + user.getUserId() + "' may write only the fields of this task's form " + allowed
                    + "; '" + name + "' is not one of them");
            }
        }
        for (Object value : values) {
            if (value instanceof CharSequence text && text.length() > MAX_TEXT) {
                // a form field validation failure: the REST API and Tasklist answer 400 and show the message
                throw new FormFieldValidationException(MAX_TEXT, "A text field holds at most " + MAX_TEXT + " characters (" + text.length()
                    + " given)");
            }
        }
    }

    /** The writes of a command that writes task variables; null for any other command. */
    private static Writes writes(Command<?> command) {
        String taskId;
        Collection<String> names = new ArrayList<>();
        Collection<Object> values = new ArrayList<>();
        if (command instanceof CompleteTaskCmd complete) {
            taskId = field(complete, "taskId");
            add(field(complete, "variables"), names, values);
        } else if (command instanceof SubmitTaskFormCmd submit) {
            taskId = field(submit, "taskId");
            add(field(submit, "properties"), names, values);
        } else if (command instanceof SetTaskVariablesCmd set) {
            taskId = field(set, "entityId", AbstractVariableCmd.class);
            add(field(set, "variables"), names, values);
        } else if (command instanceof PatchTaskVariablesCmd patch) {
            taskId = field(patch, "entityId", AbstractPatchVariablesCmd.class);
            add(field(patch, "variables", AbstractPatchVariablesCmd.class), names, values);
            Collection<String> deletions = field(patch, "deletions", AbstractPatchVariablesCmd.class);
            if (deletions != null) {
                names.addAll(deletions);
            }
        } else if (command instanceof RemoveTaskVariablesCmd remove) {
            taskId = field(remove, "entityId", AbstractVariableCmd.class);
            Collection<String> removed = field(remove, "variableNames");
            if (removed != null) {
                names.addAll(removed);
            }
        } else {
            return null;
        }
        return new Writes(taskId, names, values);
    }

    private String assigneeOf(String taskId) {
        return configuration.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(() -> {
            TaskEntity task = context.getTaskManager().findTaskById(taskId);
            return task == null ? null : task.getAssignee();
        }));
    }

    /** The keys of the fields of the task's Camunda Form (formRef), remembered per process definition and task. */
    private Set<String> allowedOn(String taskId) {
        return configuration.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(() -> {
            TaskEntity task = context.getTaskManager().findTaskById(taskId);
            if (task == null || task.getProcessDefinitionId() == null) {
                return Set.<String>of();
            }
            return formFields.computeIfAbsent(task.getProcessDefinitionId() + "|" + task.getTaskDefinitionKey(), key -> {
                UserTask userTask = configuration.getRepositoryService().getBpmnModelInstance(task.getProcessDefinitionId())
                    .getModelElementById(task.getTaskDefinitionKey());
                String formRef = userTask == null ? null : userTask.getCamundaFormRef();
                CamundaFormDefinitionEntity form = formRef == null ? null
                    : context.getCamundaFormDefinitionManager().findLatestDefinitionByKey(formRef);
                if (form == null) {
                    return Set.of();
                }
                ResourceEntity resource = context.getResourceManager().findResourceByDeploymentIdAndResourceName(form.getDeploymentId(),
                    form.getResourceName());
                try {
                    Set<String> keys = new HashSet<>();
                    JsonNode schema = json.readTree(resource.getBytes());
                    schema.findValues("key").forEach(k -> keys.add(k.asText()));
                    return Set.copyOf(keys);
                } catch (IOException e) {
                    return Set.of();
                }
            });
        }));
    }

    /** A new form version may have other fields. */
    @EventListener
    void deployed(ModelsDeployed event) {
        formFields.clear();
    }

    private static void add(Map<String, ?> variables, Collection<String> names, Collection<Object> values) {
        if (variables != null) {
            variables.forEach((name, value) -> {
                names.add(name);
                values.add(value instanceof TypedValue typed ? typed.getValue() : value);
            });
        }
    }

    private static <T> T field(Object command, String name) {
        return field(command, name, command.getClass());
    }

    /** The engine's commands keep their arguments in protected fields (Camunda 7.24, pinned; the tests break if they move). */
    @SuppressWarnings("unchecked")
    private static <T> T field(Object command, String name, Class<?> declaring) {
        for (Class<?> type = declaring; type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return (T) field.get(command);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("Camunda's " + command.getClass().getSimpleName() + " has no field " + name);
    }
}
