package io.leadjourney.platform;

import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.stereotype.Component;

/**
 * Whether this node does background work: the job executor's switch ({@code camunda.bpm.job-execution.enabled}, env
 * JOB_EXECUTOR_ENABLED) also starts or stops the service's own scheduled sweeps, so a node that only answers requests
 * does neither.
 */
@Component
public class BackgroundWork {

    private final boolean enabled;

    BackgroundWork(CamundaBpmProperties camunda) {
        this.enabled = camunda.getJobExecution().isEnabled();
    }

    public boolean enabled() {
        return enabled;
    }
}
