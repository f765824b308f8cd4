package io.leadjourney.platform;

import java.util.Collection;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.ResourceReport;

/** A model in bpmn/ or dmn/ that the engine refuses; the message names the file and the problem. */
public class InvalidModelException extends RuntimeException {

    InvalidModelException(Collection<String> resources, String origin, RuntimeException cause) {
        super(describe(resources, origin, cause), cause);
    }

    private static String describe(Collection<String> resources, String origin, RuntimeException cause) {
        StringBuilder text = new StringBuilder("Cannot deploy the models from ").append(origin).append(": ");
        if (cause instanceof ParseException parse && !parse.getResorceReports().isEmpty()) {
            for (ResourceReport report : parse.getResorceReports()) {
                if (report.getErrors().isEmpty()) {
                    continue;
                }
                text.append(System.lineSeparator()).append("  ").append(report.getResourceName()).append(": ")
                    .append(report.getErrors().stream().map(InvalidModelException::describe).collect(Collectors.joining("; ")));
            }
            return text.toString();
        }
        String message = messages(cause);
        String file = resources.stream().filter(message::contains).findFirst().orElse(null);
        if (file == null) {
            return text.append(message).toString();
        }
        return text.append(System.lineSeparator()).append("  ").append(file).append(": ").append(message).toString();
    }

    private static String describe(Problem problem) {
        String where = problem.getLine() > 0 ? " (line " + problem.getLine() + ", column " + problem.getColumn() + ")" : "";
        String element = problem.getMainElementId() == null ? "" : " [element " + problem.getMainElementId() + "]";
        return problem.getMessage() + element + where;
    }

    private static String messages(Throwable error) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null && all.indexOf(t.getMessage()) < 0) {
                if (!all.isEmpty()) {
                    all.append(" <- ");
                }
                all.append(t.getMessage());
            }
        }
        return all.toString();
    }
}
