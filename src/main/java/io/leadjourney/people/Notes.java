package io.leadjourney.people;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** lj_note: the conversation history sales write in their tasks, shown in the person's next task. */
@Repository
public class Notes {

    public record Note(OffsetDateTime writtenAt, String author, String taskName, String outcome, String text) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    Notes(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void add(PersonId person, String author, String taskName, String outcome, String text) {
        jdbc.sql("insert into lj_note (person_id, written_at, author, task_name, outcome, text) values (?, ?, ?, ?, ?, ?)")
            .params(person.value(), OffsetDateTime.now(clock), author, taskName, outcome,
                text == null ? null : text.length() > 4000 ? text.substring(0, 4000) : text)
            .update();
    }

    /** Newest first. */
    public List<Note> of(PersonId person, int max) {
        return jdbc.sql("select written_at, author, task_name, outcome, text from lj_note where person_id = ? order by written_at desc, id desc")
            .param(person.value())
            .query((rs, row) -> new Note(rs.getObject(1, OffsetDateTime.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
            .list().stream().limit(max).toList();
    }
}
