package io.leadjourney.support;

import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/** Test helpers around the engine: find a person's journey, run the jobs that are due (the job executor is off in tests). */
@Component
public class TestJourneys {

    private final RuntimeService runtime;
    private final ManagementService management;

    TestJourneys(RuntimeService runtime, ManagementService management) {
        this.runtime = runtime;
        this.management = management;
    }

    public List<ProcessInstance> journeysOf(String personId) {
        return runtime.createProcessInstanceQuery().processDefinitionKey("lead-journey").processInstanceBusinessKey(personId).list();
    }

    public ProcessInstance journeyOf(String personId) {
        List<ProcessInstance> journeys = journeysOf(personId);
        if (journeys.size() != 1) {
            throw new AssertionError("expected one journey for " + personId + " but found " + journeys.size());
        }
        return journeys.get(0);
    }

    /** Executes every job of the instance that is due now (by the engine clock), repeatedly, until none is left; returns how many ran. */
    public int executeDueJobs(String processInstanceId) {
        int executed = 0;
        for (int round = 0; round < 1000; round++) {
            List<Job> due = management.createJobQuery().processInstanceId(processInstanceId).executable().list();
            if (due.isEmpty()) {
                return executed;
            }
            for (Job job : due) {
                management.executeJob(job.getId());
                executed++;
            }
        }
        throw new AssertionError("jobs of " + processInstanceId + " keep coming after 1000 rounds");
    }
}
