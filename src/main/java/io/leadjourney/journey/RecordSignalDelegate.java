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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadjourney.people.PersonId;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A signal reached the journey: it counts as engagement (wakes a dormant journey, resets the silence counter), and
 * what it says about the deal (estimatedValue, competitor) becomes input of the priority table.
 */
@Component
class RecordSignalDelegate implements JavaDelegate {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JourneyProfile profile;
    private final JdbcClient jdbc;

    RecordSignalDelegate(JourneyProfile profile, JdbcClient jdbc) {
        this.profile = profile;
        this.jdbc = jdbc;
    }

    @Override
    public void execute(DelegateExecution execution) {
        profile.refresh(execution, PersonId.of(PERSON_ID.from(execution)));
        LAST_SIGNAL_TYPE.set(execution, SIGNAL_TYPE.from(execution));
        SILENT_ROUNDS.set(execution, 0);
        ENGAGED.set(execution, true);
        Map<String, Object> attributes = attributes(SIGNAL_ID.from(execution));
        if (attributes.get("estimatedValue") instanceof Number value) {
            ESTIMATED_VALUE.set(execution, value.longValue());
        }
        if (attributes.get("competitor") instanceof Boolean competitor) {
            COMPETITOR_INVOLVED.set(execution, competitor);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> attributes(String signalId) {
        String json = jdbc.sql("select attributes from lj_signal where id = ?").param(signalId).query(String.class).optional().orElse(null);
        if (json == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
