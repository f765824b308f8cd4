package io.leadjourney.people;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The consent ledger: every statement per channel, kept; what counts now follows {@link ConsentLedger}'s rules. */
@Repository
public class ConsentRepository {

    private final JdbcClient jdbc;

    ConsentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(PersonId person, Channel channel, boolean granted, OffsetDateTime at, String source, String wording, ConsentVia via) {
        jdbc.sql("insert into lj_consent (person_id, channel, granted, recorded_at, source, wording, via) values (?, ?, ?, ?, ?, ?, ?)")
            .params(person.value(), channel.name(), granted, at, source, wording, via.name())
            .update();
    }

    /** The person's statements, oldest first, each with its effect. */
    public List<ConsentStatement> ledger(PersonId person) {
        return ConsentLedger.apply(stated(person));
    }

    /** The current consent per channel; a channel never stated is absent (no consent). */
    public Map<Channel, Boolean> current(PersonId person) {
        return ConsentLedger.current(stated(person));
    }

    /** The channels on which a withdrawal stands. */
    Set<Channel> withdrawn(PersonId person) {
        return ConsentLedger.withdrawn(stated(person));
    }

    public boolean granted(PersonId person, Channel channel) {
        return current(person).getOrDefault(channel, false);
    }

    private List<ConsentLedger.Stated> stated(PersonId person) {
        return jdbc.sql("select channel, granted, recorded_at, source, wording, via from lj_consent where person_id = ? order by recorded_at, id")
            .param(person.value())
            .query((rs, row) -> new ConsentLedger.Stated(Channel.valueOf(rs.getString("channel")), rs.getBoolean("granted"),
                rs.getObject("recorded_at", OffsetDateTime.class), rs.getString("source"), rs.getString("wording"),
                ConsentVia.valueOf(rs.getString("via"))))
            .list();
    }
}
