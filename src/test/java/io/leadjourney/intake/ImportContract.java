package io.leadjourney.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadjourney.journey.PendingJourneys;
import io.leadjourney.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** POST /api/contacts/import and its progress, on every supported database. */
public abstract class ImportContract extends IntegrationTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String HEADER = "name,email,phone,company,title,industry,source\n";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PendingJourneys pendingJourneys;
    @Autowired
    ContactImports contactImports;
    @Autowired
    Clock clock;

    HttpResponse<String> upload(String csv, Map<String, String> fields) {
        return upload(csv.getBytes(StandardCharsets.UTF_8), fields);
    }

    HttpResponse<String> upload(byte[] csv, Map<String, String> fields) {
        return intake().postMultipart("/api/contacts/import", fields, "file", "contacts.csv", csv);
    }

    JsonNode finished(HttpResponse<String> accepted, Duration atMost) throws Exception {
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = JSON.readTree(accepted.body()).get("importId").asText();
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> !"RUNNING".equals(progress(id).get("status").asText()));
        return progress(id);
    }

    JsonNode progress(String id) throws Exception {
        HttpResponse<String> response = intake().get("/api/contacts/imports/" + id);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void anImportCountsCreatedMergedAndRejectedLinesAndKeepsEachError() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String existingPhone = "0813" + String.format("%08d", (long) (Math.random() * 100_000_000L));
        intake().postJson("/api/signals", "{\"type\":\"message_received\",\"phone\":\"" + existingPhone + "\",\"name\":\"Pak Ahmad\"}");
        String csv = HEADER
            + "Budi Santoso,budi." + tag + "@example.co.id,,Toko Maju,Pemilik,retail,\n"
            + "Citra Lestari,citra." + tag + "@example.co.id,0811 2222 3333,PT Citra,Manager,manufaktur,expo-jakarta\n"
            + "\"Dewi, S.E.\",dewi." + tag + "@example.co.id,,,,,\n"
            + "Budi S.,BUDI." + tag + "@EXAMPLE.CO.ID,,,Direktur,,\n"
            + "Ahmad,,+62 " + existingPhone.substring(1, 4) + "-" + existingPhone.substring(4) + ",CV Ahmad Jaya,,,\n"
            + "Nobody,,,,,,\n"
            + "Broken,not-an-email,,,,,\n";

        JsonNode result = finished(upload(csv, Map.of("source", "expo-2026", "consentEmail", "true", "consentWording", "expo-form-v2")),
            Duration.ofSeconds(60));

        assertThat(result.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(result.get("total").asInt()).isEqualTo(7);
        assertThat(result.get("processed").asInt()).isEqualTo(7);
        assertThat(result.get("created").asInt()).isEqualTo(3);
        assertThat(result.get("merged").asInt()).isEqualTo(2);
        assertThat(result.get("rejected").asInt()).isEqualTo(2);
        assertThat(result.get("errors").findValuesAsText("line")).containsExactly("7", "8");
        assertThat(result.get("errors").get(0).get("message").asText()).contains("email or phone is required");
        assertThat(result.get("errors").get(1).get("message").asText()).contains("not-an-email");

        Map<String, Object> budi = jdbc.sql("select stage, source, title, journey_pending from lj_person where email = ?")
            .param("budi." + tag + "@example.co.id").query().singleRow();
        assertThat(budi).containsEntry("stage", "CONTACT").containsEntry("source", "expo-2026").containsEntry("title", "Pemilik");
        assertThat(jdbc.sql("select source from lj_person where email = ?").param("citra." + tag + "@example.co.id").query(String.class).single())
            .isEqualTo("expo-jakarta");
        assertThat(jdbc.sql("select company from lj_person where phone = ?").param("+62" + existingPhone.substring(1)).query(String.class).single())
            .as("merging fills the gap").isEqualTo("CV Ahmad Jaya");
        assertThat(jdbc.sql("select count(*) from lj_consent c join lj_person p on p.id = c.person_id where p.email = ? and c.granted")
            .param("dewi." + tag + "@example.co.id").query(Integer.class).single()).isEqualTo(1);

        String budiId = jdbc.sql("select id from lj_person where email = ?").param("budi." + tag + "@example.co.id").query(String.class).single();
        while (pendingJourneys.startPending(500) > 0) {
            // start every queued journey
        }
        assertThat(journeys.journeysOf(budiId)).hasSize(1);
    }

    @Test
    void anImportWhoseNodeStoppedIsReportedFailedWithHowToFinishIt() throws Exception {
        // what a node that stopped mid-import leaves: a RUNNING import without a sign of life (here for 11 minutes)
        String stopped = UUID.randomUUID().toString();
        String elsewhere = UUID.randomUUID().toString();
        String queuedHere = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (String id : List.of(stopped, elsewhere, queuedHere)) {
            jdbc.sql("insert into lj_import (id, status, requested_by, total, processed, started_at, heartbeat_at) values (?, 'RUNNING', 'ops', 2000, 500, ?, ?)")
                .params(id, now.minusMinutes(20), id.equals(elsewhere) ? now.minusSeconds(5) : now.minusMinutes(11)).update();
        }
        contactImports.held.add(queuedHere);

        try {
            contactImports.failInterrupted();
        } finally {
            contactImports.held.remove(queuedHere);
        }

        JsonNode failed = progress(stopped);
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("processed").asInt()).isEqualTo(500);
        assertThat(failed.get("failure").asText()).contains("interrupted").contains("Upload the file again");
        assertThat(progress(elsewhere).get("status").asText()).as("an import making progress on another node").isEqualTo("RUNNING");
        assertThat(progress(queuedHere).get("status").asText()).as("an import queued on this node behind a long one").isEqualTo("RUNNING");
        jdbc.sql("update lj_import set status = 'COMPLETED' where id in (?, ?)").params(elsewhere, queuedHere).update();
    }

    @Test
    void aMalformedFileIsRefusedWithNothingWritten() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        int importsBefore = jdbc.sql("select count(*) from lj_import").query(Integer.class).single();
        HttpResponse<String> unterminated = upload(HEADER + "Eka,eka." + tag + "@example.com,,,,,\n\"Fitri,fitri." + tag + "@example.com,,,,,\n", Map.of());
        HttpResponse<String> wrongHeader = upload("nama,surel\nEka,eka@example.com\n", Map.of());
        HttpResponse<String> notUtf8 = upload(new byte[] {'n', 'a', 'm', 'e', '\n', (byte) 0xC3, (byte) 0x28}, Map.of());
        HttpResponse<String> noFile = intake().postMultipart("/api/contacts/import", Map.of("source", "x"), "other", "x.csv", new byte[] {1});

        for (HttpResponse<String> response : new HttpResponse[] {unterminated, wrongHeader, notUtf8, noFile}) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        }
        assertThat(wrongHeader.body()).contains("email").contains("phone");
        assertThat(jdbc.sql("select count(*) from lj_import").query(Integer.class).single()).isEqualTo(importsBefore);
        assertThat(jdbc.sql("select count(*) from lj_person where email = ?").param("eka." + tag + "@example.com").query(Integer.class).single()).isZero();
    }

    @Test
    void importsNeedAnApiKeyOrAMarketingUser() {
        byte[] csv = (HEADER + "Gita,gita@example.com,,,,,\n").getBytes(StandardCharsets.UTF_8);
        assertThat(http().postMultipart("/api/contacts/import", Map.of(), "file", "c.csv", csv).statusCode()).isEqualTo(401);
        assertThat(http().as("sales", "demo").postMultipart("/api/contacts/import", Map.of(), "file", "c.csv", csv).statusCode()).isEqualTo(403);
        assertThat(http().as("marketing", "demo").postMultipart("/api/contacts/import", Map.of(), "file", "c.csv", csv).statusCode()).isEqualTo(202);
    }

    /** Live heap after a full GC, sampled while an import runs; the maximum is what the import needed to hold. */
    record HeapPeak(long bytes) {
    }

    HeapPeak importMeasuringHeap(int rows, String tag) throws Exception {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < rows; i++) {
            int n = i % 100 == 99 ? i - 50 : i; // every hundredth line repeats an earlier person
            csv.append("Orang ").append(n).append(",orang").append(n).append('.').append(tag).append("@example.co.id,,Usaha ").append(n)
                .append(",Staf,retail,bulk-test\n");
        }
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                System.gc();
                peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
            }
        });
        sampler.start();
        JsonNode result;
        try {
            result = finished(upload(csv.toString(), Map.of()), Duration.ofMinutes(10));
        } finally {
            running.set(false);
            sampler.join();
        }
        int duplicates = rows / 100;
        assertThat(result.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(result.get("total").asInt()).isEqualTo(rows);
        assertThat(result.get("processed").asInt()).isEqualTo(rows);
        assertThat(result.get("created").asInt()).isEqualTo(rows - duplicates);
        assertThat(result.get("merged").asInt()).isEqualTo(duplicates);
        assertThat(result.get("rejected").asInt()).isZero();
        assertThat(jdbc.sql("select count(*) from lj_person where email like ?").param("%." + tag + "@example.co.id").query(Integer.class).single())
            .isEqualTo(rows - duplicates);
        return new HeapPeak(peak.get());
    }
}
