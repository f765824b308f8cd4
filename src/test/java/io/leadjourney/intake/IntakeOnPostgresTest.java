package io.leadjourney.intake;

import io.leadjourney.support.PostgresTest;
import org.springframework.test.context.ActiveProfiles;

@PostgresTest
@ActiveProfiles({"test", "postgres", "postgres-test"})
class IntakeOnPostgresTest extends IntakeContract {
}
