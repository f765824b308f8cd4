package io.leadjourney.benchmark;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/** People for the benchmarks, inserted in bulk (they are the set-up, not what is measured). */
final class BulkPeople {

    private BulkPeople() {
    }

    /** Inserts {@code count} LEAD people with email consent ({prefix}{n}@bulk.example) and returns their ids. */
    static List<String> insert(JdbcClient jdbc, String prefix, int count) {
        List<String> ids = new ArrayList<>(count);
        Timestamp now = Timestamp.from(Instant.now());
        for (int from = 0; from < count; from += 1000) {
            StringBuilder people = new StringBuilder("insert into lj_person (id, email, name, language, time_zone, stage, score, "
                + "unsubscribe_token, created_at, updated_at) values ");
            StringBuilder consents = new StringBuilder("insert into lj_consent (person_id, channel, granted, recorded_at, source, wording, via) values ");
            List<Object> personParams = new ArrayList<>();
            List<Object> consentParams = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 1000); i++) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                people.append(i == from ? "" : ",").append("(?, ?, ?, 'id', 'Asia/Jakarta', 'LEAD', 10, ?, ?, ?)");
                personParams.addAll(List.of(id, prefix + i + "@bulk.example", "Bulk " + i, UUID.randomUUID().toString(), now, now));
                consents.append(i == from ? "" : ",").append("(?, 'EMAIL', true, ?, 'bulk', 'bench', 'SIGNAL')");
                consentParams.addAll(List.of(id, now));
            }
            jdbc.sql(people.toString()).params(personParams).update();
            jdbc.sql(consents.toString()).params(consentParams).update();
        }
        return ids;
    }

    /** The variables of a LEAD journey inside its education track, as the model leaves them. */
    static Map<String, Object> nurtureVariables(String personId) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("personId", personId);
        variables.put("stage", "LEAD");
        variables.put("trackStage", "LEAD");
        variables.put("score", 10);
        variables.put("track", "lead-education");
        variables.put("channel", "EMAIL");
        variables.put("steps", 3);
        variables.put("cadence", "P5D");
        variables.put("engagementWindow", "P14D");
        variables.put("silentRounds", 0);
        variables.put("engaged", false);
        variables.put("reengaged", false);
        variables.put("referralAsked", false);
        variables.put("marketingStopped", false);
        variables.put("whatsappConsent", false);
        variables.put("segment", "B2C");
        variables.put("country", "");
        variables.put("title", null);
        variables.put("industry", null);
        return variables;
    }
}
