package io.leadjourney.journey.models;

import java.util.List;
import java.util.Map;

import io.leadjourney.platform.engine.ModelEnvironment;
import io.leadjourney.platform.engine.ModelProblem;
import io.leadjourney.platform.engine.ModelRules;
import org.springframework.stereotype.Component;

/** The journey's rules for every deployment ({@link ModelChecks}), as the engine's model-check plugin asks them. */
@Component
class JourneyModelRules implements ModelRules {

    @Override
    public List<ModelProblem> check(Map<String, byte[]> resources, ModelEnvironment environment) {
        return ModelChecks.check(resources, environment);
    }
}
