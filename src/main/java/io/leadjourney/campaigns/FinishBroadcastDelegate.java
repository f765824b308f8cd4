package io.leadjourney.campaigns;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** broadcast.bpmn "Record the results": every recipient handled, the broadcast is complete. */
@Component
class FinishBroadcastDelegate implements JavaDelegate {

    private final BroadcastRepository repository;

    FinishBroadcastDelegate(BroadcastRepository repository) {
        this.repository = repository;
    }

    @Override
    public void execute(DelegateExecution execution) {
        repository.finish(BroadcastVariables.BROADCAST_ID.from(execution), BroadcastRepository.Status.COMPLETED);
    }
}
