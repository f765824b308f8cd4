package io.leadjourney.platform.engine;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.stereotype.Component;

/**
 * An operator who gives a failed step its retries back (Cockpit's "retry", or the REST API) means "now": the job becomes
 * due at once. Without this it would wait until the last failure plus its retry interval (ten minutes for a send).
 */
@Component
class RetryNow extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<IncidentHandler> handlers = configuration.getCustomIncidentHandlers() == null ? new ArrayList<>()
            : new ArrayList<>(configuration.getCustomIncidentHandlers());
        handlers.add(new DefaultIncidentHandler(Incident.FAILED_JOB_HANDLER_TYPE) {
            @Override
            public void resolveIncident(IncidentContext context) {
                super.resolveIncident(context);
                JobEntity job = Context.getCommandContext().getJobManager().findJobById(context.getConfiguration());
                if (job != null) {
                    job.setDuedate(ClockUtil.getCurrentTime());
                }
            }
        });
        configuration.setCustomIncidentHandlers(handlers);
    }
}
