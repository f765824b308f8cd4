package io.leadjourney.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.leadjourney.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ActiveProfiles;

@PostgresTest
@ActiveProfiles({"test", "postgres", "postgres-test"})
class ImportOnPostgresTest extends ImportContract {

    /** With the database outside the JVM, a 100k-row import must not need more heap than a 1k-row one. */
    @Test
    void aHundredThousandRowImportCompletesWithCorrectCountsAndFlatMemory() throws Exception {
        HeapPeak small = importMeasuringHeap(1_000, UUID.randomUUID().toString().substring(0, 8));
        HeapPeak large = importMeasuringHeap(100_000, UUID.randomUUID().toString().substring(0, 8));
        System.out.printf("Contact import on PostgreSQL: peak live heap 1k rows %d MiB, 100k rows %d MiB%n",
            small.bytes() >> 20, large.bytes() >> 20);
        assertThat(large.bytes() - small.bytes()).as("extra live heap for 99k more rows").isLessThan(48L << 20);
    }
}
