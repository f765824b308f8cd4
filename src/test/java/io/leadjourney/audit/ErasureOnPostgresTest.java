package io.leadjourney.audit;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.leadjourney.support.PostgresDatabase;
import io.leadjourney.support.PostgresTest;
import org.springframework.test.context.ActiveProfiles;

@PostgresTest
@ActiveProfiles({"test", "postgres", "postgres-test"})
class ErasureOnPostgresTest extends ErasureContract {

    /** pg_dump of the whole test database (schema and data). */
    @Override
    String dump() throws Exception {
        String database = PostgresDatabase.URL.substring(PostgresDatabase.URL.lastIndexOf('/') + 1);
        ProcessBuilder builder = new ProcessBuilder("pg_dump", "-h", "127.0.0.1", "-p", "5432", "-U", PostgresDatabase.USER, database);
        builder.environment().put("PGPASSWORD", PostgresDatabase.PASSWORD);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("pg_dump failed: " + output);
        }
        return output;
    }
}
