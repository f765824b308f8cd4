package io.leadjourney.people;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Ad audiences (Meta Custom Audiences, Google Customer Match): SHA-256 hashes of the normalised email addresses and
 * phone numbers of people whose consent allows marketing on that identifier — an email only with email consent, a
 * phone only with WhatsApp consent, nobody who unsubscribed or was erased. Never a raw identity.
 */
@Service
public class Audiences {

    /** Where the list goes; each wants its own columns and phone format. */
    public enum Format {
        /** Meta: columns email, phone; the phone as digits with the country code, no "+". */
        META("email", "phone"),
        /** Google: columns Email, Phone; the phone in E.164 with its "+". */
        GOOGLE("Email", "Phone");

        final String emailColumn;
        final String phoneColumn;

        Format(String emailColumn, String phoneColumn) {
            this.emailColumn = emailColumn;
            this.phoneColumn = phoneColumn;
        }

        public List<String> header() {
            return List.of(emailColumn, phoneColumn);
        }
    }

    private final JdbcClient jdbc;

    Audiences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Each matching person as a row of hashes (an empty cell where their consent does not allow the identifier). */
    public int export(Set<Stage> stages, Format format, Consumer<List<String>> rows) {
        String stageFilter = stages.isEmpty() ? "" : " and stage in (" + String.join(",", stages.stream().map(s -> "?").toList()) + ")";
        List<Object> params = new ArrayList<>(stages.stream().map(Stage::name).toList());
        int[] written = {0};
        List<String[]> people = jdbc.sql("select id, email, phone from lj_person where erased_at is null and marketing_stopped_at is null"
                + stageFilter + " order by id")
            .params(params).query((rs, row) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).list();
        for (int from = 0; from < people.size(); from += 500) {
            List<String[]> batch = people.subList(from, Math.min(people.size(), from + 500));
            Map<String, List<ConsentLedger.Stated>> statements = statements(batch.stream().map(p -> p[0]).toList());
            for (String[] person : batch) {
                Map<Channel, Boolean> consent = ConsentLedger.current(statements.getOrDefault(person[0], List.of()));
                String email = person[1] != null && consent.getOrDefault(Channel.EMAIL, false) ? sha256(person[1].trim().toLowerCase()) : "";
                String phone = person[2] != null && consent.getOrDefault(Channel.WHATSAPP, false)
                    ? sha256(format == Format.META ? person[2].replace("+", "") : person[2]) : "";
                if (!email.isEmpty() || !phone.isEmpty()) {
                    rows.accept(List.of(email, phone));
                    written[0]++;
                }
            }
        }
        return written[0];
    }

    private Map<String, List<ConsentLedger.Stated>> statements(List<String> personIds) {
        Map<String, List<ConsentLedger.Stated>> byPerson = new HashMap<>();
        jdbc.sql("select person_id, channel, granted, recorded_at, source, wording, via from lj_consent where person_id in ("
                + String.join(",", personIds.stream().map(id -> "?").toList()) + ") order by recorded_at, id")
            .params(new ArrayList<>(personIds))
            .query(rs -> {
                byPerson.computeIfAbsent(rs.getString("person_id"), id -> new ArrayList<>()).add(new ConsentLedger.Stated(
                    Channel.valueOf(rs.getString("channel")), rs.getBoolean("granted"), rs.getObject("recorded_at", OffsetDateTime.class),
                    rs.getString("source"), rs.getString("wording"), ConsentVia.valueOf(rs.getString("via"))));
            });
        return byPerson;
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
