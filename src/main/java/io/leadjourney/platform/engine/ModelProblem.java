package io.leadjourney.platform.engine;

/**
 * One reason a model is refused: the resource (file) it is in, the element (BPMN element, DMN decision, rule or column,
 * form) it concerns, and what is wrong and what to change.
 */
public record ModelProblem(String resource, String elementId, String message) {

    @Override
    public String toString() {
        return resource + (elementId == null ? "" : " [" + elementId + "]") + ": " + message;
    }
}
