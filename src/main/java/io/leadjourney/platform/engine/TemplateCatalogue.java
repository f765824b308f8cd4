package io.leadjourney.platform.engine;

/** The message templates there are (messaging), for the checks of models that name them. */
public interface TemplateCatalogue {

    boolean exists(String template, String language);
}
