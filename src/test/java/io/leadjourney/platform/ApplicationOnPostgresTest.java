package io.leadjourney.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadjourney.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ActiveProfiles;

/** The service on PostgreSQL, its production database. */
@PostgresTest
@ActiveProfiles({"test", "postgres", "postgres-test"})
class ApplicationOnPostgresTest extends ApplicationContract {

    @Test
    void thePlannerKnowsHowManyAuthorizationsGrantRead() {
        assertThat(jdbc.sql("select count(*) from pg_statistic_ext where stxname = ?").param(EngineSchemaTuning.AUTHORIZATION_STATISTICS)
            .query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("show jit").query(String.class).single()).isEqualTo("off");
    }
}
