package io.leadjourney.journey.models;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadjourney.platform.engine.ModelEnvironment;
import io.leadjourney.platform.engine.ModelProblem;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.xml.instance.DomElement;

/**
 * The models a deployment would leave in force: the deployed ones, with those of the deployment in their place.
 * Cross-references (a decisionRef, a called process, a form, a signal type) resolve against it, and it knows every
 * variable a journey can have: the service's ({@link JourneyContracts}), those the models set, the forms' fields.
 */
final class ModelWorld {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModelEnvironment environment;
    private final Map<String, BpmnModelInstance> processes = new LinkedHashMap<>();
    private final Map<String, DmnModelInstance> decisions = new LinkedHashMap<>();
    private final Map<String, JsonNode> forms = new LinkedHashMap<>();
    private final Set<String> variables;

    ModelWorld(ModelEnvironment environment, List<BpmnModelInstance> newProcesses, List<DmnModelInstance> newDecisions,
               List<JsonNode> newForms) {
        this.environment = environment;
        environment.deployedProcesses().forEach((key, xml) -> bpmn(xml).ifPresent(model -> processes.put(key, model)));
        environment.deployedDecisions().forEach((key, xml) -> dmn(xml).ifPresent(model -> decisions.put(key, model)));
        for (BpmnModelInstance model : newProcesses) {
            model.getModelElementsByType(Process.class).forEach(process -> processes.put(process.getId(), model));
        }
        for (DmnModelInstance model : newDecisions) {
            model.getModelElementsByType(Decision.class).forEach(decision -> decisions.put(decision.getId(), model));
        }
        for (JsonNode form : newForms) {
            forms.put(form.path("id").asText(), form);
        }
        // the deployed forms the processes use (there is no listing of all forms)
        for (BpmnModelInstance model : List.copyOf(processes.values())) {
            for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                String formRef = task.getCamundaFormRef();
                if (formRef != null && !Expressions.isExpression(formRef) && !forms.containsKey(formRef)) {
                    environment.deployedForm(formRef).flatMap(ModelWorld::form).ifPresent(form -> forms.put(formRef, form));
                }
            }
        }
        this.variables = collectVariables();
    }

    ModelEnvironment environment() {
        return environment;
    }

    boolean hasProcess(String key) {
        return processes.containsKey(key);
    }

    boolean hasDecision(String key) {
        return decisions.containsKey(key);
    }

    boolean hasForm(String id) {
        return forms.containsKey(id);
    }

    boolean isVariable(String name) {
        return variables.contains(name);
    }

    /** The signal types engagement-scoring lists, when it is deployed or being deployed. */
    Optional<List<String>> signalTypes() {
        return Optional.ofNullable(decisions.get(JourneyContracts.ENGAGEMENT_SCORING)).map(DmnEntries::signalTypes);
    }

    private Set<String> collectVariables() {
        Set<String> names = new HashSet<>(JourneyContracts.journeyVariables());
        names.addAll(environment.declaredVariables());
        for (BpmnModelInstance model : new HashSet<>(processes.values())) {
            definedNames(model.getDocument().getRootElement(), names);
        }
        for (JsonNode form : forms.values()) {
            form.findValues("key").forEach(key -> names.add(key.asText()));
        }
        return names;
    }

    /** Names a model gives variables: input/output parameters, call activity mappings, result variables, form fields. */
    private static void definedNames(DomElement element, Set<String> names) {
        String local = element.getLocalName();
        if ("inputParameter".equals(local) || "outputParameter".equals(local)) {
            add(names, element.getAttribute("name"));
        } else if ("in".equals(local) || "out".equals(local)) {
            add(names, element.getAttribute("target"));
        } else if ("formField".equals(local)) {
            add(names, element.getAttribute("id"));
        }
        add(names, element.getAttribute(ModelChecks.CAMUNDA, "resultVariable"));
        add(names, element.getAttribute(ModelChecks.CAMUNDA, "elementVariable"));
        for (DomElement child : element.getChildElements()) {
            definedNames(child, names);
        }
    }

    private static void add(Set<String> names, String name) {
        if (name != null && !name.isBlank() && !Expressions.isExpression(name)) {
            names.add(name);
        }
    }

    /** A file holding one process, decision or form is named after it, as the Modeler and bpmn/, dmn/ do. */
    static void namedAfter(String resource, String id, String kind, List<ModelProblem> problems) {
        String file = resource.substring(resource.lastIndexOf('/') + 1);
        String base = file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
        if (!base.equals(id)) {
            problems.add(new ModelProblem(resource, id, "the file holds " + kind + " '" + id + "' but is named '" + file
                + "': name it " + id + file.substring(base.length()) + " (one file per " + kind + ", named after its id)"));
        }
    }

    static Optional<BpmnModelInstance> bpmn(byte[] xml) {
        try {
            return Optional.of(Bpmn.readModelFromStream(new ByteArrayInputStream(xml)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<DmnModelInstance> dmn(byte[] xml) {
        try {
            return Optional.of(Dmn.readModelFromStream(new ByteArrayInputStream(xml)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<JsonNode> form(byte[] json) {
        try {
            JsonNode form = JSON.readTree(json);
            return form != null && form.isObject() ? Optional.of(form) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
