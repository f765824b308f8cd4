package io.leadjourney.journey.migration;

import io.leadjourney.support.PostgresTest;
import org.springframework.test.context.ActiveProfiles;

@PostgresTest
@ActiveProfiles({"test", "postgres", "postgres-test"})
class JourneyMigrationOnPostgresTest extends JourneyMigrationContract {
}
