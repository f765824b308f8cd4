package io.leadjourney.campaigns;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** broadcast.bpmn "Resolve the segment": who the segment holds at send time, each with their variant. */
@Component
class ResolveSegmentDelegate implements JavaDelegate {

    private final BroadcastRepository repository;

    ResolveSegmentDelegate(BroadcastRepository repository) {
        this.repository = repository;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String id = BroadcastVariables.BROADCAST_ID.from(execution);
        repository.resolve(repository.find(id).orElseThrow(() -> new IllegalStateException("no broadcast " + id)));
    }
}
