package io.leadjourney.people;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** lj_stage_change: every stage a person moved to, when, why and in which journey. */
@Repository
public class StageHistory {

    public record StageChange(String personId, Stage from, Stage to, OffsetDateTime at, String reason, String processInstanceId) {
    }

    private final JdbcClient jdbc;

    StageHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(StageChange change) {
        jdbc.sql("insert into lj_stage_change (person_id, from_stage, to_stage, changed_at, reason, process_instance_id) values (?, ?, ?, ?, ?, ?)")
            .params(change.personId(), change.from() == null ? null : change.from().name(), change.to().name(), change.at(),
                change.reason(), change.processInstanceId())
            .update();
    }

    public List<StageChange> of(PersonId person) {
        return jdbc.sql("select person_id, from_stage, to_stage, changed_at, reason, process_instance_id from lj_stage_change "
                + "where person_id = ? order by changed_at, id")
            .param(person.value())
            .query((rs, row) -> new StageChange(rs.getString(1), rs.getString(2) == null ? null : Stage.valueOf(rs.getString(2)),
                Stage.valueOf(rs.getString(3)), rs.getObject(4, OffsetDateTime.class), rs.getString(5), rs.getString(6)))
            .list();
    }
}
