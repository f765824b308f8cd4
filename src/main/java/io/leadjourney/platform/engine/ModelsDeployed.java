package io.leadjourney.platform.engine;

import java.util.List;

/**
 * Published on the node that deployed, after the deployment committed: new versions of these process and decision
 * keys exist. Other nodes learn of it from the database (the signal catalogue re-reads it every few seconds).
 */
public record ModelsDeployed(String deploymentId, String deployedBy, List<String> processKeys, List<String> decisionKeys) {
}
