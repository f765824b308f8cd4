package io.leadjourney.people;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The signals a person sent (lj_signal): recorded by intake with the decisions that scored them, read for task context,
 * journeys and timelines.
 */
@Repository
public class SignalHistory {

    /** One signal; {@code decisionInstanceIds} are the decisions that scored it (Camunda history), oldest first. */
    public record Signal(String id, String type, String source, OffsetDateTime occurredAt, OffsetDateTime receivedAt, String receivedBy,
                         String attributes, List<String> decisionInstanceIds) {
    }

    private static final String COLUMNS = "id, type, source, occurred_at, received_at, received_by, attributes, decisions";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    SignalHistory(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A signal received, with the decisions that scored it (their instance ids). */
    public void record(String id, PersonId person, String type, String source, OffsetDateTime occurredAt, OffsetDateTime receivedAt,
                       String receivedBy, String attributesJson, List<String> decisionInstanceIds) {
        jdbc.sql("insert into lj_signal (id, person_id, type, source, occurred_at, received_at, received_by, attributes, decisions) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .params(id, person.value(), type, source, occurredAt, receivedAt, receivedBy, attributesJson,
                decisionInstanceIds.isEmpty() ? null : String.join(" ", decisionInstanceIds))
            .update();
    }

    /** Erasure: what a signal said beyond its type and time (its attributes) and the decisions that scored it. */
    void forgetContents(PersonId person) {
        jdbc.sql("update lj_signal set attributes = null, decisions = null where person_id = ?").param(person.value()).update();
    }

    /** Newest first. */
    public List<Signal> recent(PersonId person, int max) {
        return jdbc.sql("select " + COLUMNS + " from lj_signal where person_id = ? order by occurred_at desc, received_at desc "
                + "fetch first " + max + " rows only")
            .param(person.value()).query(SignalHistory::map).list();
    }

    /** Oldest first. */
    public List<Signal> all(PersonId person) {
        return jdbc.sql("select " + COLUMNS + " from lj_signal where person_id = ? order by occurred_at, received_at")
            .param(person.value()).query(SignalHistory::map).list();
    }

    /** The signal a decision scored and whose it was. */
    public record Scoring(String signalId, String personId) {
    }

    /** The signals received in a period that were scored, by the ids of their decision instances. */
    public Map<String, Scoring> scoredBetween(OffsetDateTime from, OffsetDateTime to) {
        Map<String, Scoring> byDecision = new HashMap<>();
        jdbc.sql("select id, person_id, decisions from lj_signal where received_at >= ? and received_at < ? and decisions is not null")
            .params(from, to)
            .query(rs -> {
                for (String decision : rs.getString(3).split(" ")) {
                    byDecision.put(decision, new Scoring(rs.getString(1), rs.getString(2)));
                }
            });
        return byDecision;
    }

    public Optional<Signal> find(String signalId) {
        return jdbc.sql("select " + COLUMNS + " from lj_signal where id = ?").param(signalId).query(SignalHistory::map).optional();
    }

    /** The signal's attributes as a map; empty when it has none or they do not parse. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> attributes(Signal signal) {
        if (signal.attributes() == null) {
            return Map.of();
        }
        try {
            return json.readValue(signal.attributes(), Map.class);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private static Signal map(ResultSet rs, int row) throws SQLException {
        return new Signal(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class),
            rs.getObject(5, OffsetDateTime.class), rs.getString(6), rs.getString(7),
            rs.getString(8) == null ? List.of() : List.of(rs.getString(8).split(" ")));
    }
}
