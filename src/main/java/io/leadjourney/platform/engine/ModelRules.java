package io.leadjourney.platform.engine;

import java.util.List;
import java.util.Map;

/**
 * The rules every deployment must pass (the journey's, journey/models): {@link ModelCheckPlugin} asks them before the
 * engine's deployers make versions, with what the engine knows of the running service.
 */
public interface ModelRules {

    List<ModelProblem> check(Map<String, byte[]> resources, ModelEnvironment environment);
}
