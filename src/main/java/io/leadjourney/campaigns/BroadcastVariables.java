package io.leadjourney.campaigns;

import java.util.Date;
import java.util.Set;

import io.leadjourney.journey.ProcessVariable;
import io.leadjourney.platform.engine.DeclaredVariables;
import org.springframework.stereotype.Component;

/** The variables of broadcast.bpmn. */
@Component
class BroadcastVariables implements DeclaredVariables {

    static final String PROCESS_KEY = "broadcast";
    static final String CANCELLED_MESSAGE = "Message_BroadcastCancelled";

    static final ProcessVariable<String> BROADCAST_ID = ProcessVariable.of("broadcastId", String.class);
    /** When to start: the "Send time" timer. */
    static final ProcessVariable<Date> SEND_AT = ProcessVariable.of("sendAt", Date.class);
    /** How many lanes ("Send batches", parallel multi-instance) send side by side: journey.broadcasts.lanes at the start. */
    static final ProcessVariable<Integer> LANES = ProcessVariable.of("lanes", Integer.class);
    /** What "Send a batch" found is left for its lane: BATCH (more due now), WAIT (only later ones, at nextDue) or DONE. Lane-local. */
    static final ProcessVariable<String> NEXT = ProcessVariable.of("next", String.class);
    /** When the first of the later ones is due (the lane's "Until the next is due" timer). Lane-local. */
    static final ProcessVariable<Date> NEXT_DUE = ProcessVariable.of("nextDue", Date.class);

    @Override
    public Set<String> processVariables() {
        return Set.of(BROADCAST_ID.name(), SEND_AT.name(), LANES.name(), NEXT.name(), NEXT_DUE.name());
    }
}
