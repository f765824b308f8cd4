package io.leadjourney.campaigns;

import io.leadjourney.support.PostgresTest;
import org.springframework.test.context.ActiveProfiles;

@PostgresTest
@ActiveProfiles({"test", "postgres", "postgres-test"})
class BroadcastsOnPostgresTest extends BroadcastsContract {
}
