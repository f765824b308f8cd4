package io.leadjourney.campaigns;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.CRC32;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadjourney.people.PersonId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** lj_broadcast and lj_broadcast_recipient. */
@Repository
class BroadcastRepository {

    enum Status { SCHEDULED, RUNNING, COMPLETED, CANCELLED }

    enum RecipientStatus { PENDING, SENT, SKIPPED, CANCELLED }

    record Broadcast(String id, String name, String channel, BroadcastRequest.Segment segment, List<BroadcastRequest.Variant> variants,
                     OffsetDateTime sendAt, Status status, Integer audience, String processInstanceId, String createdBy, OffsetDateTime createdAt,
                     OffsetDateTime finishedAt) {
    }

    record Recipient(PersonId person, String template) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final ObjectMapper json;
    private final Clock clock;

    BroadcastRepository(JdbcClient jdbc, JdbcTemplate batch, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
        this.clock = clock;
    }

    String insert(String name, String channel, BroadcastRequest.Segment segment, List<BroadcastRequest.Variant> variants, OffsetDateTime sendAt,
                  String createdBy) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("insert into lj_broadcast (id, name, channel, segment, variants, send_at, status, created_by, created_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .params(id, name, channel, write(segment), write(variants), sendAt, Status.SCHEDULED.name(), createdBy, now())
            .update();
        return id;
    }

    void started(String id, String processInstanceId) {
        jdbc.sql("update lj_broadcast set process_instance_id = ? where id = ?").params(processInstanceId, id).update();
    }

    Optional<Broadcast> find(String id) {
        return jdbc.sql("select * from lj_broadcast where id = ?").param(id).query(this::broadcast).optional();
    }

    /** The latest broadcasts, newest first. */
    List<Broadcast> recent(int max) {
        return jdbc.sql("select * from lj_broadcast order by created_at desc, id fetch first " + max + " rows only").query(this::broadcast).list();
    }

    private Broadcast broadcast(ResultSet rs, int row) throws SQLException {
        return new Broadcast(rs.getString("id"), rs.getString("name"), rs.getString("channel"), read(rs.getString("segment"), new TypeReference<>() { }),
            read(rs.getString("variants"), new TypeReference<>() { }), rs.getObject("send_at", OffsetDateTime.class),
            Status.valueOf(rs.getString("status")), (Integer) rs.getObject("audience"), rs.getString("process_instance_id"),
            rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class), rs.getObject("finished_at", OffsetDateTime.class));
    }

    /**
     * Who the segment holds now: every person not erased that meets every criterion given, each with the variant their
     * id and the broadcast's pick (stable: the same person gets the same variant however often this runs).
     */
    int resolve(Broadcast broadcast) {
        StringBuilder sql = new StringBuilder("select id from lj_person where erased_at is null");
        List<Object> params = new ArrayList<>();
        BroadcastRequest.Segment segment = broadcast.segment();
        in(sql, params, "stage", segment.stages(), false);
        in(sql, params, "grade", segment.grades(), false);
        in(sql, params, "lower(industry)", segment.industries(), true);
        in(sql, params, "source", segment.sources(), false);
        if (segment.minScore() != null) {
            sql.append(" and score >= ?");
            params.add(segment.minScore());
        }
        List<String> people = jdbc.sql(sql.toString()).params(params).query(String.class).list();
        OffsetDateTime now = now();
        List<Object[]> rows = new ArrayList<>();
        for (String person : people) {
            rows.add(new Object[] {broadcast.id(), person, variantOf(broadcast, person), RecipientStatus.PENDING.name(), now});
            if (rows.size() == 1000) {
                insertRecipients(rows);
            }
        }
        insertRecipients(rows);
        jdbc.sql("update lj_broadcast set status = ?, audience = ? where id = ?").params(Status.RUNNING.name(), people.size(), broadcast.id()).update();
        return people.size();
    }

    private void insertRecipients(List<Object[]> rows) {
        if (!rows.isEmpty()) {
            batch.batchUpdate("insert into lj_broadcast_recipient (broadcast_id, person_id, template, status, due_at) values (?, ?, ?, ?, ?)", rows);
            rows.clear();
        }
    }

    private static void in(StringBuilder sql, List<Object> params, String column, List<String> values, boolean lowerCase) {
        if (values != null && !values.isEmpty()) {
            sql.append(" and ").append(column).append(" in (").append(String.join(",", values.stream().map(v -> "?").toList())).append(')');
            values.forEach(value -> params.add(lowerCase ? value.toLowerCase() : value));
        }
    }

    static String variantOf(Broadcast broadcast, String personId) {
        CRC32 crc = new CRC32();
        crc.update((broadcast.id() + "|" + personId).getBytes(StandardCharsets.UTF_8));
        long pick = crc.getValue() % 100;
        int upTo = 0;
        for (BroadcastRequest.Variant variant : broadcast.variants()) {
            upTo += variant.share();
            if (pick < upTo) {
                return variant.template();
            }
        }
        return broadcast.variants().get(broadcast.variants().size() - 1).template();
    }

    /** Recipients due now, locked for this job (another node skips them). */
    List<Recipient> claimDue(String broadcastId, Instant now, int max) {
        return jdbc.sql("select person_id, template from lj_broadcast_recipient where broadcast_id = ? and status = ? and due_at <= ? "
                + "order by due_at, person_id fetch first " + max + " rows only for update skip locked")
            .params(broadcastId, RecipientStatus.PENDING.name(), now.atOffset(ZoneOffset.UTC))
            .query((rs, row) -> new Recipient(PersonId.of(rs.getString(1)), rs.getString(2))).list();
    }

    /** What happened to one recipient of a batch: sent, skipped (with the reason) or pending until {@code dueAt}. */
    record Outcome(PersonId person, RecipientStatus status, String detail, Instant dueAt) {
    }

    /** The outcomes of a batch, written in one JDBC batch. */
    void outcomes(String broadcastId, List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        OffsetDateTime now = now();
        batch.batchUpdate("update lj_broadcast_recipient set status = ?, detail = ?, due_at = coalesce(?, due_at), "
                + "sent_at = case when ? = 'SENT' then ? else sent_at end where broadcast_id = ? and person_id = ?",
            outcomes.stream().map(outcome -> new Object[] {outcome.status().name(), truncate(outcome.detail()),
                outcome.dueAt() == null ? null : outcome.dueAt().atOffset(ZoneOffset.UTC), outcome.status().name(), now, broadcastId,
                outcome.person().value()}).toList());
    }

    /** When the first recipient still pending is due, among those not due yet at {@code now}. */
    Optional<OffsetDateTime> nextDueAfter(String broadcastId, Instant now) {
        return jdbc.sql("select min(due_at) from lj_broadcast_recipient where broadcast_id = ? and status = ? and due_at > ?")
            .params(broadcastId, RecipientStatus.PENDING.name(), now.atOffset(ZoneOffset.UTC))
            .query((rs, row) -> rs.getObject(1, OffsetDateTime.class)).optional().filter(Objects::nonNull);
    }

    void finish(String broadcastId, Status status) {
        if (status == Status.CANCELLED) {
            jdbc.sql("update lj_broadcast_recipient set status = ?, detail = 'cancelled' where broadcast_id = ? and status = ?")
                .params(RecipientStatus.CANCELLED.name(), broadcastId, RecipientStatus.PENDING.name()).update();
        }
        jdbc.sql("update lj_broadcast set status = ?, finished_at = ? where id = ?").params(status.name(), now(), broadcastId).update();
    }

    /** How many recipients of each variant have each status (and skip reason). */
    record Count(String template, RecipientStatus status, String detail, int count) {
    }

    List<Count> counts(String broadcastId) {
        return jdbc.sql("select template, status, detail, count(*) from lj_broadcast_recipient where broadcast_id = ? "
                + "group by template, status, detail")
            .param(broadcastId)
            .query((rs, row) -> new Count(rs.getString(1), RecipientStatus.valueOf(rs.getString(2)), rs.getString(3), rs.getInt(4))).list();
    }

    /** Per variant: opened (or clicked), clicked, converted (reached sales — SQL or further — after the message). */
    Map<String, int[]> engagement(String broadcastId, String processInstanceId, String stepKey) {
        Map<String, int[]> byTemplate = new LinkedHashMap<>();
        jdbc.sql("select r.template, "
                + "sum(case when m.delivery in ('READ', 'OPENED', 'CLICKED') then 1 else 0 end), "
                + "sum(case when m.delivery = 'CLICKED' then 1 else 0 end), "
                + "sum(case when exists (select 1 from lj_stage_change c where c.person_id = r.person_id "
                + "and c.to_stage in ('SQL', 'PROSPECT', 'OPPORTUNITY', 'CUSTOMER') and c.changed_at >= r.sent_at) then 1 else 0 end) "
                + "from lj_broadcast_recipient r left join lj_message m on m.person_id = r.person_id and m.process_instance_id = ? "
                + "and m.step_key = ? where r.broadcast_id = ? and r.status = 'SENT' group by r.template")
            .params(processInstanceId, stepKey, broadcastId)
            .query(rs -> {
                byTemplate.put(rs.getString(1), new int[] {rs.getInt(2), rs.getInt(3), rs.getInt(4)});
            });
        return byTemplate;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
