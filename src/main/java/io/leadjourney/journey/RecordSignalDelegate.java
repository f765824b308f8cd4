package io.leadjourney.journey;

import static io.leadjourney.journey.JourneyVariables.COMPETITOR_INVOLVED;
import static io.leadjourney.journey.JourneyVariables.ENGAGED;
import static io.leadjourney.journey.JourneyVariables.ESTIMATED_VALUE;
import static io.leadjourney.journey.JourneyVariables.LAST_SIGNAL_TYPE;
import static io.leadjourney.journey.JourneyVariables.PERSON_ID;
import static io.leadjourney.journey.JourneyVariables.SIGNAL_ID;
import static io.leadjourney.journey.JourneyVariables.SIGNAL_TYPE;
import static io.leadjourney.journey.JourneyVariables.SILENT_ROUNDS;

import java.util.Map;

import io.leadjourney.people.PersonId;
import io.leadjourney.people.SignalHistory;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * A signal the journey acts on reached it ({@link JourneyService#applySignal}, already scored): it counts as engagement
 * (wakes a dormant journey, resets the silence counter), the journey's copy of the person is refreshed, and what the
 * signal says about the deal (estimatedValue, competitor) becomes input of the priority table.
 */
@Component
class RecordSignalDelegate implements JavaDelegate {

    private static final String ESTIMATED_VALUE_ATTRIBUTE = "estimatedValue";
    private static final String COMPETITOR_ATTRIBUTE = "competitor";

    private final JourneyProfile profile;
    private final SignalHistory signals;

    RecordSignalDelegate(JourneyProfile profile, SignalHistory signals) {
        this.profile = profile;
        this.signals = signals;
    }

    @Override
    public void execute(DelegateExecution execution) {
        profile.refresh(execution, PersonId.of(PERSON_ID.from(execution)));
        LAST_SIGNAL_TYPE.setIfChanged(execution, SIGNAL_TYPE.from(execution));
        SILENT_ROUNDS.setIfChanged(execution, 0);
        ENGAGED.setIfChanged(execution, true);
        Map<String, Object> attributes = signals.find(SIGNAL_ID.from(execution)).map(signals::attributes).orElse(Map.of());
        if (attributes.get(ESTIMATED_VALUE_ATTRIBUTE) instanceof Number value) {
            ESTIMATED_VALUE.set(execution, value.longValue());
        }
        if (attributes.get(COMPETITOR_ATTRIBUTE) instanceof Boolean competitor) {
            COMPETITOR_INVOLVED.set(execution, competitor);
        }
    }

    /** Whether a signal's attributes say something about the deal that the journey records. */
    static boolean carriesDealFacts(Map<String, Object> attributes) {
        return attributes != null
            && (attributes.get(ESTIMATED_VALUE_ATTRIBUTE) instanceof Number || attributes.get(COMPETITOR_ATTRIBUTE) instanceof Boolean);
    }
}
