package io.leadjourney.campaigns;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import io.leadjourney.journey.SideEffect;
import io.leadjourney.messaging.MarketingMessages;
import io.leadjourney.messaging.MessageOrder;
import io.leadjourney.messaging.SendOutcome;
import io.leadjourney.people.Channel;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * broadcast.bpmn "Send a batch", in each of the broadcast's lanes: the next recipients that are due and that no other
 * lane holds (skip locked), each checked and sent like a journey's message. A person outside their send window or over
 * the weekly cap waits (their row is due again then); the job's own transaction holds one batch only. A send failure
 * fails the job: its retry finds what went out in the outbox and does not send it again, and meanwhile the other lanes
 * take the recipients it had claimed.
 */
@Component
@SideEffect
class SendBatchDelegate implements JavaDelegate {

    static final String MORE_DUE_NOW = "BATCH";
    static final String LATER = "WAIT";
    static final String DONE = "DONE";

    private final BroadcastRepository repository;
    private final MarketingMessages messages;
    private final Clock clock;
    private final int batchSize;

    SendBatchDelegate(BroadcastRepository repository, MarketingMessages messages, Clock clock,
                      CampaignSettings settings) {
        this.repository = repository;
        this.messages = messages;
        this.clock = clock;
        this.batchSize = settings.broadcasts().batchSize();
    }

    @Override
    public void execute(DelegateExecution execution) {
        String id = BroadcastVariables.BROADCAST_ID.from(execution);
        BroadcastRepository.Broadcast broadcast = repository.find(id).orElseThrow(() -> new IllegalStateException("no broadcast " + id));
        Channel channel = Channel.valueOf(broadcast.channel());
        Instant now = clock.instant();
        List<BroadcastRepository.Recipient> batch = repository.claimDue(id, now, batchSize);
        List<BroadcastRepository.Outcome> outcomes = new ArrayList<>();
        for (BroadcastRepository.Recipient recipient : batch) {
            MessageOrder order = new MessageOrder(recipient.person(), execution.getProcessInstanceId(), Broadcasts.stepKey(id), recipient.template(),
                channel);
            outcomes.add(outcome(recipient, messages.send(order)));
        }
        repository.outcomes(id, outcomes);
        // a full batch: more may be due now. Otherwise nothing due now was left unclaimed: what other lanes hold is theirs
        // (they see their own deferrals), so this lane waits only for recipients due later, or is done.
        if (batch.size() == batchSize) {
            BroadcastVariables.NEXT.setLocal(execution, MORE_DUE_NOW);
        } else {
            repository.nextDueAfter(id, now).ifPresentOrElse(due -> {
                BroadcastVariables.NEXT.setLocal(execution, LATER);
                BroadcastVariables.NEXT_DUE.setLocal(execution, Date.from(due.toInstant()));
            }, () -> BroadcastVariables.NEXT.setLocal(execution, DONE));
        }
    }

    private static BroadcastRepository.Outcome outcome(BroadcastRepository.Recipient recipient, SendOutcome outcome) {
        if (outcome instanceof SendOutcome.Deferred deferred) {
            return new BroadcastRepository.Outcome(recipient.person(), BroadcastRepository.RecipientStatus.PENDING, deferred.reason(), deferred.until());
        }
        if (outcome instanceof SendOutcome.Skipped skipped) {
            return new BroadcastRepository.Outcome(recipient.person(), BroadcastRepository.RecipientStatus.SKIPPED, skipped.reason(), null);
        }
        return new BroadcastRepository.Outcome(recipient.person(), BroadcastRepository.RecipientStatus.SENT, null, null);
    }
}
