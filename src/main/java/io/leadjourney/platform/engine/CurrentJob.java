package io.leadjourney.platform.engine;

import java.util.Optional;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/** The job the engine is executing on this thread, if any. */
public final class CurrentJob {

    private CurrentJob() {
    }

    /** Its id: the same across the job's retries, different on every new arrival at an asynchronous step. */
    public static Optional<String> id() {
        JobEntity job = Context.getCommandContext() == null ? null : Context.getCommandContext().getCurrentJob();
        return Optional.ofNullable(job).map(JobEntity::getId);
    }
}
