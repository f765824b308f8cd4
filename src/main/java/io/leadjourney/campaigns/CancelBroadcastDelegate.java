package io.leadjourney.campaigns;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** broadcast.bpmn "Record the cancellation": whoever has not been sent to yet will not be. */
@Component
class CancelBroadcastDelegate implements JavaDelegate {

    private final BroadcastRepository repository;

    CancelBroadcastDelegate(BroadcastRepository repository) {
        this.repository = repository;
    }

    @Override
    public void execute(DelegateExecution execution) {
        repository.finish(BroadcastVariables.BROADCAST_ID.from(execution), BroadcastRepository.Status.CANCELLED);
    }
}
