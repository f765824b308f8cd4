package io.leadjourney.journey;

import static io.leadjourney.journey.JourneyVariables.CHANNEL;
import static io.leadjourney.journey.JourneyVariables.PERSON_ID;
import static io.leadjourney.journey.JourneyVariables.SEND_ON_DAYS_OFF;
import static io.leadjourney.journey.JourneyVariables.TEMPLATE;

import io.leadjourney.messaging.MarketingMessages;
import io.leadjourney.messaging.MessageCatalogue;
import io.leadjourney.messaging.MessageOrder;
import io.leadjourney.messaging.SendOutcome;
import io.leadjourney.people.Channel;
import io.leadjourney.people.PersonId;
import io.leadjourney.platform.engine.CurrentJob;
import io.leadjourney.platform.engine.JobDeferral;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Element template "Send message": sends the marketing message {@code template} on {@code channel} (EMAIL or
 * WHATSAPP) to the journey's person. Outside the send window or over the cap the step waits (its job is deferred);
 * without consent it is skipped; an SMTP or WhatsApp failure fails the job, which retries on the model's cycle and
 * then raises an incident.
 */
@Component
@SideEffect
class SendMessageDelegate implements JavaDelegate {

    private final MarketingMessages messages;
    private final MessageCatalogue catalogue;

    SendMessageDelegate(MarketingMessages messages, MessageCatalogue catalogue) {
        this.messages = messages;
        this.catalogue = catalogue;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Channel channel;
        try {
            channel = Channel.valueOf(CHANNEL.from(execution));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("channel '" + CHANNEL.from(execution) + "' is not EMAIL or WHATSAPP");
        }
        PersonId person = PersonId.of(PERSON_ID.from(execution));
        String template = TEMPLATE.from(execution);
        // an email step with A/B variants sends the person's version of it (the outbox records which)
        String version = channel == Channel.EMAIL ? catalogue.versionFor(person, template) : template;
        MessageOrder order = new MessageOrder(person, execution.getProcessInstanceId(), stepKey(execution, template), version, channel,
            SEND_ON_DAYS_OFF.from(execution, false));
        if (messages.send(order) instanceof SendOutcome.Deferred deferred) {
            throw new JobDeferral(deferred.until(), deferred.reason());
        }
    }

    /**
     * Identifies this arrival at the step: the id of the job running it, which stays the same across retries and
     * differs on every new arrival (a loop, a later nurture round).
     */
    static String stepKey(DelegateExecution execution, String template) {
        String arrival = CurrentJob.id().orElse(execution.getActivityInstanceId());
        return execution.getCurrentActivityId() + "|" + template + "|" + arrival;
    }
}
