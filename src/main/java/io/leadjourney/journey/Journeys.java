package io.leadjourney.journey;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Small helpers shared by the delegates. */
final class Journeys {

    private Journeys() {
    }

    /** The user whose action (e.g. completing a task in Tasklist) runs this code, or null for the engine itself. */
    static String currentUser(DelegateExecution execution) {
        Authentication authentication = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }
}
