package io.leadjourney.platform.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.ResourceReport;
import org.camunda.bpm.engine.impl.bpmn.parser.ResourceReportImpl;

/**
 * A deployment refused by the model checks. It is the engine's ParseException, so REST answers 400 with the problems
 * per resource and element ({@code details}), the way Camunda Modeler shows a parse error, and startup stops with
 * the same list.
 */
class ModelsRefused extends ParseException {

    ModelsRefused(List<ModelProblem> problems) {
        super(describe(problems), problems.get(0).resource(), List.of(), List.of());
        Map<String, List<Problem>> byResource = new LinkedHashMap<>();
        for (ModelProblem problem : problems) {
            byResource.computeIfAbsent(problem.resource(), resource -> new ArrayList<>()).add(new Found(problem));
        }
        List<ResourceReport> reports = new ArrayList<>();
        byResource.forEach((resource, errors) -> reports.add(new ResourceReportImpl(resource, errors, List.of())));
        this.resorceReports = reports;
    }

    private static String describe(List<ModelProblem> problems) {
        StringBuilder text = new StringBuilder("The models were not deployed (" + problems.size() + " problem"
            + (problems.size() == 1 ? "" : "s") + "; nothing changed):");
        problems.forEach(problem -> text.append(System.lineSeparator()).append("  ").append(problem));
        return text.toString();
    }

    private record Found(ModelProblem problem) implements Problem {
        @Override
        public String getMessage() {
            return problem.message();
        }

        @Override
        public int getLine() {
            return 0;
        }

        @Override
        public int getColumn() {
            return 0;
        }

        @Override
        public String getMainElementId() {
            return problem.elementId();
        }

        @Override
        public List<String> getElementIds() {
            return problem.elementId() == null ? List.of() : List.of(problem.elementId());
        }
    }
}
