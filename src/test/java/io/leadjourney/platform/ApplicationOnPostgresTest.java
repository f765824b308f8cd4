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

    @Test
    void aDueDateIndexLeftInvalidByAnInterruptedBuildIsBuiltAgainAtStartup() {
        // what an interrupted "create index concurrently" leaves (needs a superuser, as the test database's user is)
        jdbc.sql("update pg_index set indisvalid = false where indexrelid = ?::regclass").param(EngineSchemaTuning.JOB_DUE_DATE_INDEX).update();
        assertThat(validDueDateIndex()).isFalse();

        new EngineSchemaTuning().postProcessEngineBuild(processEngine);

        assertThat(validDueDateIndex()).isTrue();
    }

    boolean validDueDateIndex() {
        return jdbc.sql("select i.indisvalid from pg_index i join pg_class c on c.oid = i.indexrelid where c.relname = ?")
            .param(EngineSchemaTuning.JOB_DUE_DATE_INDEX).query(Boolean.class).single();
    }
}
