package io.leadjourney.people;

import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Consent statements per channel; the newest statement of a channel is what counts. */
@Repository
public class ConsentRepository {

    private final JdbcClient jdbc;

    ConsentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(PersonId person, Channel channel, boolean granted, OffsetDateTime at, String source, String wording) {
        jdbc.sql("insert into lj_consent (person_id, channel, granted, recorded_at, source, wording) values (?, ?, ?, ?, ?, ?)")
            .params(person.value(), channel.name(), granted, at, source, wording)
            .update();
    }

    /** The current consent per channel; a channel never stated is absent (no consent). */
    public Map<Channel, Boolean> current(PersonId person) {
        Map<Channel, Boolean> consent = new EnumMap<>(Channel.class);
        jdbc.sql("select channel, granted from lj_consent where person_id = ? order by recorded_at, id")
            .param(person.value())
            .query(rs -> {
                consent.put(Channel.valueOf(rs.getString("channel")), rs.getBoolean("granted"));
            });
        return consent;
    }

    public boolean granted(PersonId person, Channel channel) {
        return current(person).getOrDefault(channel, false);
    }
}
