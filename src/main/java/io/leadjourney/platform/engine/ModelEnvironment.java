package io.leadjourney.platform.engine;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What the checks need to know about the running service and the models already deployed. */
public interface ModelEnvironment {

    /** The class of the service's bean of that name, if there is one. */
    Optional<Class<?>> bean(String name);

    boolean groupExists(String groupId);

    boolean messageTemplateExists(String template, String language);

    /** Process key -> the XML of its latest deployed version. */
    Map<String, byte[]> deployedProcesses();

    /** Decision key -> the XML of its latest deployed version. */
    Map<String, byte[]> deployedDecisions();

    /** Variables other features' models read (see {@link DeclaredVariables}); none by default. */
    default Set<String> declaredVariables() {
        return Set.of();
    }

    /** The JSON of the latest deployed version of a Camunda Form. */
    Optional<byte[]> deployedForm(String formId);
}
