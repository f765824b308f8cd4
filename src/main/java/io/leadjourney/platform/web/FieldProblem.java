package io.leadjourney.platform.web;

/** One rejected field of a request: where (a JSON field, or a CSV line) and why. */
public record FieldProblem(String field, String message) {
}
