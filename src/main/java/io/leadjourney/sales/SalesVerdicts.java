package io.leadjourney.sales;

import java.time.Clock;
import java.time.OffsetDateTime;

import io.leadjourney.people.PersonId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What sales said of a person they sent back to nurture (graded C, disqualified with a reason, not reached) and how long
 * that holds them there (the sales-cool-down table decides): lj_sales_verdict, one row per verdict.
 */
@Repository
public class SalesVerdicts {

    /** Verdicts the journey records; a grade ("C") is recorded as given. */
    public static final String DISQUALIFIED = "DISQUALIFIED";
    public static final String UNREACHED = "UNREACHED";

    private final JdbcClient jdbc;
    private final Clock clock;

    SalesVerdicts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(PersonId person, String verdict, String reason, OffsetDateTime coolDownUntil, String processInstanceId) {
        jdbc.sql("insert into lj_sales_verdict (person_id, verdict, reason, decided_at, cool_down_until, process_instance_id) "
                + "values (?, ?, ?, ?, ?, ?)")
            .params(person.value(), verdict, reason, OffsetDateTime.now(clock), coolDownUntil, processInstanceId).update();
    }

    /** Whether a verdict still holds the person in nurture now. */
    public boolean coolingDown(PersonId person) {
        return jdbc.sql("select count(*) from lj_sales_verdict where person_id = ? and cool_down_until > ?")
            .params(person.value(), OffsetDateTime.now(clock)).query(Integer.class).single() > 0;
    }
}
