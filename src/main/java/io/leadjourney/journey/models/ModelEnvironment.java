package io.leadjourney.journey.models;

import java.util.Map;
import java.util.Optional;

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

    /** The JSON of the latest deployed version of a Camunda Form. */
    Optional<byte[]> deployedForm(String formId);
}
