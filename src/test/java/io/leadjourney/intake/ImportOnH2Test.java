package io.leadjourney.intake;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class ImportOnH2Test extends ImportContract {

    /** On the in-memory H2 database the people themselves live in the heap, so only the outcome is checked here. */
    @Test
    void aHundredThousandRowImportCompletesWithCorrectCounts() throws Exception {
        HeapPeak peak = importMeasuringHeap(100_000, UUID.randomUUID().toString().substring(0, 8));
        System.out.printf("100k-row import on in-memory H2: peak live heap %d MiB (includes the database)%n", peak.bytes() >> 20);
    }
}
