package io.leadjourney.platform.engine;

import java.util.Set;

/**
 * Process variables a feature's own models read in their expressions (a bean of the feature implements this), beside
 * the journey's (JourneyVariables): the deploy-time checks accept them like the journey's.
 */
public interface DeclaredVariables {
    Set<String> processVariables();
}
