package io.leadjourney.platform.engine;

import java.util.Date;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.jobexecutor.ExecuteJobHelper;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Lets a job step say "not yet": a {@link JobDeferral} sets the job's due date and releases it, keeping its retries,
 * instead of counting as a failure. Every other exception takes the engine's usual retry and incident path.
 */
@Component
class DeferredJobs extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(DeferredJobs.class);

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        FailedJobCommandFactory usual = configuration.getFailedJobCommandFactory();
        configuration.setFailedJobCommandFactory((jobId, exception) -> {
            JobDeferral deferral = deferral(exception);
            return deferral == null ? usual.getCommand(jobId, exception) : defer(jobId, deferral);
        });
        ExecuteJobHelper.ExceptionLoggingHandler logging = ExecuteJobHelper.LOGGING_HANDLER;
        ExecuteJobHelper.LOGGING_HANDLER = (jobId, exception) -> {
            JobDeferral deferral = deferral(exception);
            if (deferral == null) {
                logging.exceptionWhileExecutingJob(jobId, exception);
            } else {
                log.debug("Job {}: {}", jobId, deferral.getMessage());
            }
        };
    }

    private static Command<Object> defer(String jobId, JobDeferral deferral) {
        return commandContext -> {
            JobEntity job = commandContext.getJobManager().findJobById(jobId);
            if (job != null) {
                job.unlock();
                job.setDuedate(Date.from(deferral.until()));
            }
            return null;
        };
    }

    static JobDeferral deferral(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof JobDeferral deferral) {
                return deferral;
            }
        }
        return null;
    }
}
