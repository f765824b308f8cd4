package io.leadjourney.platform;

import io.leadjourney.support.PostgresTest;
import org.springframework.test.context.ActiveProfiles;

/** The service on PostgreSQL, its production database. */
@PostgresTest
@ActiveProfiles({"test", "postgres-test"})
class ApplicationOnPostgresTest extends ApplicationContract {
}
