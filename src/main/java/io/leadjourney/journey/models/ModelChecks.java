package io.leadjourney.journey.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadjourney.platform.engine.ModelEnvironment;
import io.leadjourney.platform.engine.ModelProblem;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.dmn.DmnModelInstance;

/**
 * The checks every deployment of models passes before it becomes a version (Modeler/REST, Cockpit, disk at startup):
 * the project's modelling rules, references that resolve, FEEL and JUEL that parse, expressions that only do what
 * models may do, decision outputs of the kind the journey reads, message templates for every track. A resource the
 * engine itself cannot parse is left to the engine, which names its problem.
 */
public final class ModelChecks {

    static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";

    private ModelChecks() {
    }

    /** The signal types an engagement-scoring table lists in its 'signalType' column, in table order. */
    public static List<String> signalTypes(byte[] engagementScoringXml) {
        return ModelWorld.dmn(engagementScoringXml).map(DmnEntries::signalTypes).orElse(List.of());
    }

    /** The problems of the resources of one deployment (name -> content); empty when it may be deployed. */
    public static List<ModelProblem> check(Map<String, byte[]> resources, ModelEnvironment environment) {
        Map<String, BpmnModelInstance> processes = new LinkedHashMap<>();
        Map<String, DmnModelInstance> decisions = new LinkedHashMap<>();
        Map<String, JsonNode> forms = new LinkedHashMap<>();
        List<ModelProblem> problems = new ArrayList<>();
        resources.forEach((name, bytes) -> {
            if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml")) {
                ModelWorld.bpmn(bytes).ifPresent(model -> processes.put(name, model));
            } else if (name.endsWith(".dmn") || name.endsWith(".dmn11.xml")) {
                ModelWorld.dmn(bytes).ifPresent(model -> decisions.put(name, model));
            } else if (name.endsWith(".form")) {
                Optional<JsonNode> form = ModelWorld.form(bytes);
                if (form.isEmpty() || form.get().path("id").asText().isBlank()) {
                    problems.add(new ModelProblem(name, null, "is not a Camunda Form with an id (save it again from the Modeler)"));
                } else {
                    forms.put(name, form.get());
                }
            }
        });
        ModelWorld world = new ModelWorld(environment, List.copyOf(processes.values()), List.copyOf(decisions.values()),
            List.copyOf(forms.values()));
        forms.forEach((name, form) -> ModelWorld.namedAfter(name, form.path("id").asText(), "form", problems));
        decisions.forEach((name, model) -> new DmnChecks(name, world, problems).check(model));
        processes.forEach((name, model) -> new BpmnChecks(name, world, problems).check(model, resources.get(name)));
        return problems;
    }
}
