package io.leadjourney.intake;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Answers already given to requests that carried an Idempotency-Key; written in the same transaction as the work. */
@Repository
class IdempotencyStore {

    record Answer(String requestHash, int status, String body) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    IdempotencyStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<Answer> find(String system, String key) {
        return jdbc.sql("select request_hash, status, response from lj_idempotency where system = ? and idem_key = ?")
            .params(system, key)
            .query((rs, row) -> new Answer(rs.getString(1), rs.getInt(2), rs.getString(3)))
            .optional();
    }

    void remember(String system, String key, String requestHash, int status, String body) {
        jdbc.sql("insert into lj_idempotency (system, idem_key, request_hash, status, response, created_at) values (?, ?, ?, ?, ?, ?)")
            .params(system, key, requestHash, status, body, OffsetDateTime.now(clock))
            .update();
    }
}
