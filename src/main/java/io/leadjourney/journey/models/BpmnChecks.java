package io.leadjourney.journey.models;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.leadjourney.journey.SideEffect;
import io.leadjourney.platform.engine.ModelProblem;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimeDuration;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Checks of a process model: the project's modelling rules (ids, history time-to-live, user tasks that sales can see
 * and work, side effects that retry), references that resolve, and expressions that only do what models may do.
 */
final class BpmnChecks {

    static final Pattern MEANINGFUL_ID = Pattern.compile("[A-Z][A-Za-z]+_[A-Z][A-Za-z0-9]*");
    static final Pattern GENERATED_ID = Pattern.compile(".*_[0-9a-z]{7}");
    static final String TASK_CONTEXT_LISTENER = "${taskContextListener}";
    /** The extension property an element template sets to preset a retry cycle (platform.engine.RetryCycleProperty). */
    static final String RETRY_CYCLE_PROPERTY = "retryTimeCycle";

    private final String resource;
    private final ModelWorld world;
    private final List<ModelProblem> problems;

    BpmnChecks(String resource, ModelWorld world, List<ModelProblem> problems) {
        this.resource = resource;
        this.world = world;
        this.problems = problems;
    }

    void check(BpmnModelInstance model, byte[] xml) {
        Collection<Process> processes = model.getModelElementsByType(Process.class);
        if (processes.size() == 1) {
            ModelWorld.namedAfter(resource, processes.iterator().next().getId(), "process", problems);
        }
        for (Process process : processes) {
            if (blank(process.getCamundaHistoryTimeToLiveString())) {
                problem(process.getId(), "has no history time to live: set it in the Modeler (process properties, History cleanup), e.g. 1825 days");
            }
        }
        for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
            String id = element.getId();
            if (id == null || !MEANINGFUL_ID.matcher(id).matches() || GENERATED_ID.matcher(id).matches()) {
                problem(id, "the id '" + id + "' says nothing: rename it Type_BusinessName (e.g. UserTask_FollowUp, Flow_ToNurture)");
            }
        }
        model.getModelElementsByType(UserTask.class).forEach(this::userTask);
        model.getModelElementsByType(ServiceTask.class).forEach(this::serviceTask);
        for (BusinessRuleTask task : model.getModelElementsByType(BusinessRuleTask.class)) {
            String ref = task.getCamundaDecisionRef();
            if (ref != null && !Expressions.isExpression(ref) && !world.hasDecision(ref)) {
                problem(task.getId(), "calls the decision '" + ref + "', which is neither deployed nor in this deployment");
            }
        }
        for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
            String called = call.getCalledElement();
            if (called != null && !Expressions.isExpression(called) && !world.hasProcess(called)) {
                problem(call.getId(), "calls the process '" + called + "', which is neither deployed nor in this deployment");
            }
        }
        for (TimeDuration duration : model.getModelElementsByType(TimeDuration.class)) {
            String text = duration.getTextContent() == null ? "" : duration.getTextContent().trim();
            if (!Expressions.isExpression(text)) {
                ValueType.TIMER_DURATION.problem(text).ifPresent(wrong -> problem(owner(duration), "timer: " + wrong));
            }
        }
        new BpmnCode(resource, world, problems).check(xml);
    }

    private void userTask(UserTask task) {
        String groups = task.getCamundaCandidateGroups();
        if (blank(groups)) {
            problem(task.getId(), "has no candidate group: nobody would see the task in Tasklist (set Candidate groups, e.g. sales)");
        } else if (!Expressions.isExpression(groups)) {
            Arrays.stream(groups.split(",")).map(String::trim).filter(group -> !world.environment().groupExists(group))
                .forEach(group -> problem(task.getId(), "candidate group '" + group + "' does not exist (create it in Camunda Admin first)"));
        }
        String formRef = task.getCamundaFormRef();
        if (blank(formRef) && blank(task.getCamundaFormKey())) {
            problem(task.getId(), "has no form: give it a Camunda Form (Form type: Camunda Forms, Form reference: e.g. follow-up)");
        } else if (!blank(formRef) && !Expressions.isExpression(formRef) && !world.hasForm(formRef)) {
            problem(task.getId(), "uses the form '" + formRef + "', which is neither deployed nor in this deployment (bpmn/forms/" + formRef + ".form)");
        }
        boolean context = task.getExtensionElements() != null && task.getExtensionElements().getElementsQuery()
            .filterByType(CamundaTaskListener.class).list().stream()
            .anyMatch(listener -> TASK_CONTEXT_LISTENER.equals(listener.getCamundaDelegateExpression()) && "create".equals(listener.getCamundaEvent()));
        if (!context) {
            problem(task.getId(), "needs the task listener 'create' with delegate expression " + TASK_CONTEXT_LISTENER
                + " (it shows sales who the person is and why they are sales-ready)");
        }
    }

    private void serviceTask(ServiceTask task) {
        Matcher bean = task.getCamundaDelegateExpression() == null ? null : BpmnCode.BEAN.matcher(task.getCamundaDelegateExpression().trim());
        if (bean == null || !bean.matches()) {
            return;
        }
        Optional<Class<?>> type = world.environment().bean(bean.group(1));
        if (type.isPresent() && type.get().isAnnotationPresent(SideEffect.class)) {
            if (!task.isCamundaAsyncBefore()) {
                problem(task.getId(), "sends something, so it must be 'Asynchronous before' (its own transaction, retried on failure)");
            }
            String cycle = retryCycle(task);
            if (cycle == null) {
                problem(task.getId(), "sends something, so it needs a retry time cycle (Asynchronous continuations, e.g. R5/PT10M)");
            } else if (!validRetryCycle(cycle)) {
                problem(task.getId(), "retry time cycle '" + cycle + "' is neither R<times>/<duration> (e.g. R5/PT10M) nor a list of durations "
                    + "(e.g. PT5M,PT30M,PT2H)");
            }
        }
        Map<String, ValueType> inputs = JourneyContracts.DELEGATE_INPUTS.get(bean.group(1));
        if (inputs == null || task.getExtensionElements() == null) {
            return;
        }
        for (CamundaInputParameter input : task.getExtensionElements().getElementsQuery()
            .filterByType(CamundaInputOutput.class).list().stream()
            .flatMap(io -> io.getCamundaInputParameters().stream()).toList()) {
            ValueType kind = inputs.get(input.getCamundaName());
            String text = input.getTextContent() == null ? "" : input.getTextContent().trim();
            if (kind == null || Expressions.isExpression(text) || input.getUniqueChildElementByType(ModelElementInstance.class) != null) {
                continue;
            }
            Optional<String> wrong = kind.problem(text);
            if (wrong.isPresent()) {
                problem(task.getId(), "input '" + input.getCamundaName() + "': " + wrong.get());
            } else if (kind == ValueType.TEMPLATE) {
                JourneyContracts.LANGUAGES.stream().filter(language -> !world.environment().messageTemplateExists(text, language))
                    .forEach(language -> problem(task.getId(), "input 'template': messages/" + text + "." + language + ".txt does not exist"));
            }
        }
    }

    /** The step's retry cycle: its own, or the one an element template preset as the property retryTimeCycle. */
    private static String retryCycle(ServiceTask task) {
        if (task.getExtensionElements() == null) {
            return null;
        }
        return task.getExtensionElements().getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class).list().stream()
            .map(ModelElementInstance::getTextContent).findFirst()
            .or(() -> task.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list().stream()
                .flatMap(properties -> properties.getCamundaProperties().stream())
                .filter(property -> RETRY_CYCLE_PROPERTY.equals(property.getCamundaName())).map(CamundaProperty::getCamundaValue).findFirst())
            .map(String::trim).orElse(null);
    }

    static boolean validRetryCycle(String cycle) {
        Matcher repeat = Pattern.compile("R[1-9][0-9]*/(P\\S+)").matcher(cycle);
        if (repeat.matches()) {
            return ValueType.TIMER_DURATION.problem(repeat.group(1)).isEmpty();
        }
        return Arrays.stream(cycle.split(",")).map(String::trim).allMatch(part -> ValueType.TIMER_DURATION.problem(part).isEmpty());
    }

    private static String owner(ModelElementInstance element) {
        for (ModelElementInstance current = element; current != null; current = current.getParentElement()) {
            String id = current.getAttributeValue("id");
            if (id != null) {
                return id;
            }
        }
        return null;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private void problem(String elementId, String message) {
        problems.add(new ModelProblem(resource, elementId, message));
    }
}
