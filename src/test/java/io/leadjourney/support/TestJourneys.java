package io.leadjourney.support;

import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/** Test helpers around the engine: a person's journeys. */
@Component
public class TestJourneys {

    private final RuntimeService runtime;

    TestJourneys(RuntimeService runtime) {
        this.runtime = runtime;
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
}
