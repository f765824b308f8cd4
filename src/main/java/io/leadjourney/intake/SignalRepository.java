package io.leadjourney.intake;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The lj_signal table: every signal received with the decisions that scored it, kept for the timeline and the sales task forms. */
@Repository
class SignalRepository {

    private final JdbcClient jdbc;

    SignalRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String id, String personId, String type, String source, OffsetDateTime occurredAt, OffsetDateTime receivedAt,
                String receivedBy, String attributesJson, List<String> decisionInstanceIds) {
        jdbc.sql("insert into lj_signal (id, person_id, type, source, occurred_at, received_at, received_by, attributes, decisions) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .params(id, personId, type, source, occurredAt, receivedAt, receivedBy, attributesJson,
                decisionInstanceIds.isEmpty() ? null : String.join(" ", decisionInstanceIds))
            .update();
    }
}
