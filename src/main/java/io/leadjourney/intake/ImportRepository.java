package io.leadjourney.intake;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** lj_import and lj_import_error. */
@Repository
class ImportRepository {

    enum Status { RUNNING, COMPLETED, FAILED }

    record ImportRow(String id, Status status, String fileName, String source, String requestedBy, Boolean consentEmail,
                     Boolean consentWhatsapp, String consentWording, int total, int processed, int created, int merged, int rejected,
                     String failure, OffsetDateTime startedAt, OffsetDateTime finishedAt) {
    }

    record LineError(long line, String message) {
    }

    static final int MAX_ERRORS_SHOWN = 1000;

    private final JdbcClient jdbc;
    private final Clock clock;

    ImportRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void create(String id, String fileName, String source, String requestedBy, Boolean consentEmail, Boolean consentWhatsapp,
                String consentWording, int total) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("insert into lj_import (id, status, file_name, source, requested_by, consent_email, consent_whatsapp, consent_wording, "
                + "total, started_at, heartbeat_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .params(id, Status.RUNNING.name(), fileName, source, requestedBy, consentEmail, consentWhatsapp, consentWording, total,
                now, now)
            .update();
    }

    void progress(String id, int processed, int created, int merged, int rejected) {
        jdbc.sql("update lj_import set processed = processed + ?, created = created + ?, merged = merged + ?, rejected = rejected + ?, "
                + "heartbeat_at = ? where id = ?")
            .params(processed, created, merged, rejected, OffsetDateTime.now(clock), id).update();
    }

    void error(String id, long line, String message) {
        jdbc.sql("insert into lj_import_error (import_id, line, message) values (?, ?, ?)")
            .params(id, line, message.length() > 500 ? message.substring(0, 500) : message).update();
    }

    void finish(String id, Status status, String failure) {
        jdbc.sql("update lj_import set status = ?, failure = ?, finished_at = ? where id = ?")
            .params(status.name(), failure, OffsetDateTime.now(clock), id).update();
    }

    void alive(String id, OffsetDateTime now) {
        jdbc.sql("update lj_import set heartbeat_at = ? where id = ?").params(now, id).update();
    }

    /** Marks as failed the running imports without progress since {@code before} (their node stopped); returns how many. */
    int failStale(OffsetDateTime before, String failure) {
        return jdbc.sql("update lj_import set status = ?, failure = ?, finished_at = ? where status = ? and heartbeat_at < ?")
            .params(Status.FAILED.name(), failure, OffsetDateTime.now(clock), Status.RUNNING.name(), before).update();
    }

    Optional<ImportRow> find(String id) {
        return jdbc.sql("select id, status, file_name, source, requested_by, consent_email, consent_whatsapp, consent_wording, total, "
                + "processed, created, merged, rejected, failure, started_at, finished_at from lj_import where id = ?")
            .param(id)
            .query((rs, row) -> new ImportRow(rs.getString(1), Status.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), (Boolean) rs.getObject(6), (Boolean) rs.getObject(7), rs.getString(8), rs.getInt(9), rs.getInt(10),
                rs.getInt(11), rs.getInt(12), rs.getInt(13), rs.getString(14), rs.getObject(15, OffsetDateTime.class),
                rs.getObject(16, OffsetDateTime.class)))
            .optional();
    }

    List<LineError> errors(String id) {
        return jdbc.sql("select line, message from lj_import_error where import_id = ? order by line fetch first " + MAX_ERRORS_SHOWN + " rows only")
            .param(id).query((rs, row) -> new LineError(rs.getLong(1), rs.getString(2))).list();
    }
}
