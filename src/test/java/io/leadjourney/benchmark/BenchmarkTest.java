package io.leadjourney.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import io.leadjourney.journey.LeadJourneyIds;
import io.leadjourney.journey.PendingJourneys;
import io.leadjourney.messaging.LocalSmtpServer;
import io.leadjourney.support.FreePort;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The performance benchmarks of docs/benchmarks.md, on a fresh local PostgreSQL database: {@code mvn -Pbenchmark verify}.
 * Each prints its figures and appends them to target/benchmark-results.md. Not part of the test suite.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "bench"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BenchmarkTest {

    static final int CLIENTS = Integer.getInteger("bench.clients", 16);
    static final StringBuilder RESULTS = new StringBuilder();
    static final HttpClient HTTP = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(CLIENTS)).build();

    static {
        BenchmarkDatabase.recreate();
    }

    /** The embedded GreenMail by default; -Dbench.smtp=host:port sends to another server (e.g. Debian's smtp-sink). */
    static final String SMTP = System.getProperty("bench.smtp", "");

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        int local = FreePort.find();
        registry.add("journey.local-smtp.port", () -> local);
        registry.add("spring.mail.host", () -> SMTP.isBlank() ? "localhost" : SMTP.substring(0, SMTP.lastIndexOf(':')));
        registry.add("spring.mail.port", () -> SMTP.isBlank() ? local : Integer.parseInt(SMTP.substring(SMTP.lastIndexOf(':') + 1)));
    }

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    Environment environment;

    Autoanalyze autoanalyze;

    @BeforeEach
    void defaultEngineWithoutJobExecutor() {
        ProcessEngines.registerProcessEngine(engine);
        // each benchmark starts the job executor when it measures it; elsewhere it would compete with what is measured
        configuration().getJobExecutor().shutdown();
        if (Boolean.parseBoolean(System.getProperty("bench.autoanalyze", "true"))) {
            autoanalyze = Autoanalyze.whenSwitchedOff(jdbc);
        }
    }

    @AfterEach
    void stopAutoanalyze() {
        if (autoanalyze != null) {
            autoanalyze.close();
            report("(this server runs without autovacuum: the harness analyzed changed tables as autovacuum would, " + autoanalyze.analyzed()
                + " times; -Dbench.autoanalyze=false: not)");
        }
    }

    static void report(String line) {
        System.out.println("BENCHMARK " + line);
        RESULTS.append(line).append('\n');
    }

    @AfterAll
    static void write() throws IOException {
        Path file = Path.of("target", "benchmark-results.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# Benchmark run " + LocalDateTime.now() + " (" + Runtime.getRuntime().availableProcessors()
            + " cores, " + CLIENTS + " clients)\n\n" + RESULTS);
    }

    HttpResponse<String> post(String path, String json) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").header("X-Api-Key", "bench-intake-key-0001")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code tasks} items on {@code threads} threads; returns the elapsed seconds. */
    static double parallel(int threads, int tasks, IntConsumer work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            running.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
                    work.accept(i);
                }
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
        pool.shutdown();
        return (System.nanoTime() - start) / 1e9;
    }

    /** 1. Signals per second over HTTP into running journeys, against the bare engine's correlate rate on the same database. */
    @Test
    @Order(1)
    void intakeAgainstTheBareEngine() throws Exception {
        int instances = Integer.getInteger("bench.baseline.instances", 4000);
        engine.getRepositoryService().createDeployment().name("bench-baseline").addModelInstance("bench-baseline.bpmn",
            Bpmn.createExecutableProcess("bench-baseline").camundaHistoryTimeToLive(1).startEvent("StartEvent_Started")
                .sequenceFlowId("Flow_ToPing").intermediateCatchEvent("IntermediateCatchEvent_Ping").message("Bench_Ping")
                .sequenceFlowId("Flow_ToDone").endEvent("EndEvent_Done").done()).deploy();
        double startSeconds = parallel(CLIENTS, instances, i -> engine.getRuntimeService().startProcessInstanceByKey("bench-baseline", "b" + i));
        double correlateSeconds = parallel(CLIENTS, instances,
            i -> engine.getRuntimeService().createMessageCorrelation("Bench_Ping").processInstanceBusinessKey("b" + i).correlateWithResult());
        double baselineStart = instances / startSeconds;
        double baseline = instances / correlateSeconds;
        report(String.format("1. bare engine (start -> wait for message; correlate), %d instances, %d threads: start %.0f/s, correlate %.0f/s",
            instances, CLIENTS, baselineStart, baseline));

        int people = Integer.getInteger("bench.intake.people", 2000);
        int signals = Integer.getInteger("bench.intake.signals", 8000);
        double registerSeconds = parallel(CLIENTS, people, i -> {
            HttpResponse<String> response = post("/api/signals", "{\"type\":\"form_submitted\",\"email\":\"p" + i + "@bench.example\","
                + "\"name\":\"Bench " + i + "\",\"consent\":{\"email\":true}}");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        });
        report(String.format("1. intake, new people: %d signals that register a person and start a journey: %.0f/s", people, people / registerSeconds));
        // the first engagement of each person's track (its journey acts on it: it wakes the track), measured on its own
        Map<String, Long> firstBefore = rowsWritten();
        long firstActedBefore = acted();
        double firstSeconds = parallel(CLIENTS, people, i -> {
            HttpResponse<String> response = post("/api/signals", "{\"type\":\"email_opened\",\"email\":\"p" + i + "@bench.example\"}");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        });
        report(String.format("1. intake, first engagement of each track: %d signals, %.0f/s, the journey acted on %d; rows written per signal: %s",
            people, people / firstSeconds, acted() - firstActedBefore, rowsPerSignal(firstBefore, people)));
        long storedBefore = storedOpens();
        long appliedBefore = applied();
        long actedBefore = acted();
        Map<String, Long> rowsBefore = rowsWritten();
        AtomicInteger acknowledged = new AtomicInteger();
        double seconds = parallel(CLIENTS, signals, i -> {
            int person = ThreadLocalRandom.current().nextInt(people);
            HttpResponse<String> response = post("/api/signals", "{\"type\":\"email_opened\",\"email\":\"p" + person + "@bench.example\"}");
            if (response.statusCode() == 202) {
                acknowledged.incrementAndGet();
            }
        });
        double rate = acknowledged.get() / seconds;
        long appliedNow = applied() - appliedBefore;
        long actedNow = acted() - actedBefore;
        long stored = storedOpens() - storedBefore;
        report(String.format("1. intake into running journeys: %d of %d signals acknowledged in %.1f s = %.0f signals/s (%.2f x baseline correlate); "
            + "stored %d, scored (applied) %d, the journey acted on %d", acknowledged.get(), signals, seconds, rate, rate / baseline, stored,
            appliedNow, actedNow));
        assertThat(stored).as("every acknowledged signal stored").isEqualTo(acknowledged.get());
        assertThat(appliedNow).as("every acknowledged signal applied exactly once").isEqualTo(acknowledged.get());

        report("1. rows written per signal that changes no stage (and nothing else the journey waits for): " + rowsPerSignal(rowsBefore,
            acknowledged.get()));
        pgbenchSimpleUpdate().ifPresent(tps -> report(String.format(
            "1. pgbench simple-update, 8 clients, same server, same run: %.0f tps; intake reached %.3f of it", tps, rate / tps)));
    }

    /** Rows written since {@code before} per signal, in all and by table (inserts, updates, deletes). */
    String rowsPerSignal(Map<String, Long> before, int signals) {
        Map<String, Long> rows = new TreeMap<>();
        rowsWritten().forEach((table, written) -> {
            long delta = written - before.getOrDefault(table, 0L);
            if (delta > 0) {
                rows.put(table, delta);
            }
        });
        long total = rows.values().stream().mapToLong(Long::longValue).sum();
        return String.format("%.1f (by table: %s)", (double) total / signals, rows.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .map(e -> String.format("%s %.1f", e.getKey(), (double) e.getValue() / signals)).toList());
    }

    /**
     * Rows inserted, updated and deleted per table so far (pg_stat_user_tables). Backends report their counts at most once
     * a second: read until two readings a second apart agree.
     */
    Map<String, Long> rowsWritten() {
        Map<String, Long> previous = null;
        for (int attempt = 0; attempt < 30; attempt++) {
            Map<String, Long> now = new HashMap<>();
            jdbc.sql("select relname, n_tup_ins + n_tup_upd + n_tup_del from pg_stat_user_tables").query(rs -> {
                now.put(rs.getString(1).toLowerCase(), rs.getLong(2));
            });
            if (now.equals(previous)) {
                return now;
            }
            previous = now;
            LockSupport.parkNanos(1_500_000_000L);
        }
        return previous;
    }

    /** pgbench's simple-update rate (-N, 8 clients, 15 s) on a database of its own on the same server, when pgbench is installed. */
    Optional<Double> pgbenchSimpleUpdate() throws Exception {
        Path pgbench = Path.of("/usr/bin/pgbench");
        if (!Files.isExecutable(pgbench)) {
            report("1. pgbench not installed: no database baseline in this run");
            return Optional.empty();
        }
        jdbc.sql("drop database if exists leadjourney_pgbench").update();
        jdbc.sql("create database leadjourney_pgbench").update();
        String[] connection = {"-h", "127.0.0.1", "-p", "5432", "-U", "postgres"};
        run(concat(new String[] {pgbench.toString(), "-i", "-q", "-s", "10"}, connection, "leadjourney_pgbench"));
        String out = run(concat(new String[] {pgbench.toString(), "-N", "-c", "8", "-j", "2", "-T", "15"}, connection, "leadjourney_pgbench"));
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(out);
        return tps.find() ? Optional.of(Double.parseDouble(tps.group(1))) : Optional.empty();
    }

    static String[] concat(String[] command, String[] connection, String database) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(connection));
        all.add(database);
        return all.toArray(String[]::new);
    }

    static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    /** 2. A storm of due sends: journeys waiting at a nurture send that fell due together; mail delivered to SMTP per second. */
    @Test
    @Order(2)
    void timerStorm() throws Exception {
        if (!SMTP.isBlank()) { // every send would fail and retry for an hour
            String[] hostPort = SMTP.split(":");
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 2000);
            } catch (IOException refused) {
                throw new IllegalStateException("no SMTP server answers at -Dbench.smtp=" + SMTP + " (start smtp-sink first)", refused);
            }
        }
        int journeys = Integer.getInteger("bench.storm.journeys", 50_000);
        List<String> ids = BulkPeople.insert(jdbc, "storm", journeys);
        double createSeconds = parallel(CLIENTS, journeys, i -> engine.getRuntimeService().createProcessInstanceByKey("lead-journey")
            .businessKey(ids.get(i)).setVariables(BulkPeople.nurtureVariables(ids.get(i)))
            .startBeforeActivity(LeadJourneyIds.SEND_NURTURE_MESSAGE).execute());
        report(String.format("2. timer storm: %d journeys placed at their nurture send in %.0f s (%.0f/s)", journeys, createSeconds,
            journeys / createSeconds));
        OffsetDateTime due = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("update ACT_RU_JOB set DUEDATE_ = ? where PROCESS_DEF_KEY_ = 'lead-journey'").param(due).update();
        if (!Boolean.getBoolean("bench.storm.stale-statistics")) {
            // as autovacuum would have by now: without current statistics PostgreSQL reads variables through the wrong index
            jdbc.sql("analyze").update();
        }

        SmtpDrain drain = new SmtpDrain(smtp);
        Map<String, Long> rowsBefore = rowsWritten();
        long start = System.nanoTime();
        configuration().getJobExecutor().start();
        try {
            long sent;
            do {
                LockSupport.parkNanos(1_000_000_000L);
                sent = sentSince(due);
            } while (sent < journeys && (System.nanoTime() - start) / 1e9 < 3600);
        } finally {
            configuration().getJobExecutor().shutdown();
            drain.stop();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Stats lag = new Stats();
        jdbc.sql("select m.sent_at from lj_message m join lj_person p on p.id = m.person_id where m.status = 'SENT' and m.sent_at >= ? "
                + "and m.template = 'lead-education-1' and p.email like 'storm%'").param(due)
            .query((rs, row) -> rs.getObject(1, OffsetDateTime.class)).list()
            .forEach(at -> lag.add(Duration.between(due, at).toMillis()));
        long sent = sentSince(due);
        report(String.format("2. timer storm: %d of %d messages handed to SMTP in %.0f s = %.0f messages/s; lag due -> sent p50 %.1f s, p99 %.1f s "
                + "(job executor: %s; SMTP server: %s)", sent, journeys, seconds, sent / seconds, lag.percentile(50) / 1000,
            lag.percentile(99) / 1000, jobExecutorSettings(), SMTP.isBlank() ? "embedded GreenMail" : SMTP));
        assertThat(sent).isEqualTo(journeys);
        report("2. timer storm: rows written per message (the send, and the journey on to its next cadence timer): "
            + rowsPerSignal(rowsBefore, (int) sent));

        // the SMTP limit of this machine: the same number of messages of the same size, built once, sent by a bare
        // Jakarta Mail loop per thread (one connection each, as many threads as the job executor may use) to the same sink
        SmtpDrain bareDrain = new SmtpDrain(smtp);
        double bare;
        try {
            bare = bareJakartaMail(journeys, sampleMessage());
        } finally {
            bareDrain.stop();
        }
        report(String.format("2. timer storm: bare Jakarta Mail loop, %d messages, %d threads: %.0f messages/s; the storm reached %.2f of it",
            journeys, maxJobThreads(), bare, sent / seconds / bare));
    }

    @Autowired
    JavaMailSenderImpl mailSender;

    int maxJobThreads() {
        return configuration().getJobExecutor() instanceof SpringJobExecutor spring
            && spring.getTaskExecutor() instanceof ThreadPoolTaskExecutor tasks ? tasks.getMaxPoolSize() : 16;
    }

    /** A message as large as a nurture email: the lead-education-1 text and an HTML part of the layout's size. */
    byte[] sampleMessage() throws Exception {
        String text = new String(getClass().getResourceAsStream("/messages/lead-education-1.id.txt").readAllBytes(), StandardCharsets.UTF_8);
        MimeMessage message = mailSender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom("halo@leadjourney.local");
        helper.setTo("bare@bulk.example");
        helper.setSubject("Panduan: mengenal calon pelanggan Anda lebih baik");
        helper.setText(text, "<!DOCTYPE html><html><body><table><tr><td>" + text.replace("\n\n", "</p><p>").repeat(2) + "</td></tr></table></body></html>");
        message.saveChanges();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);
        return bytes.toByteArray();
    }

    double bareJakartaMail(int messages, byte[] raw) throws Exception {
        int threads = maxJobThreads();
        AtomicInteger left = new AtomicInteger(messages);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            running.add(pool.submit(() -> {
                Transport transport = mailSender.getSession().getTransport("smtp");
                transport.connect(mailSender.getHost(), mailSender.getPort(), null, null);
                try {
                    while (left.getAndDecrement() > 0) {
                        MimeMessage message = new MimeMessage(mailSender.getSession(),
                            new ByteArrayInputStream(raw));
                        transport.sendMessage(message, message.getAllRecipients());
                    }
                } finally {
                    transport.close();
                }
                return null;
            }));
        }
        for (Future<?> thread : running) {
            thread.get();
        }
        pool.shutdown();
        return messages / ((System.nanoTime() - start) / 1e9);
    }

    long sentSince(OffsetDateTime due) {
        return jdbc.sql("select count(*) from lj_message m join lj_person p on p.id = m.person_id where m.status = 'SENT' "
            + "and m.sent_at >= ? and m.template = 'lead-education-1' and p.email like 'storm%'").param(due).query(Long.class).single();
    }

    String jobExecutorSettings() {
        var executor = configuration().getJobExecutor();
        String pool = executor instanceof SpringJobExecutor spring
            && spring.getTaskExecutor() instanceof ThreadPoolTaskExecutor tasks
            ? tasks.getCorePoolSize() + "-" + tasks.getMaxPoolSize() + " threads" : executor.getClass().getSimpleName();
        return pool + ", " + executor.getMaxJobsPerAcquisition() + " jobs per acquisition, wait " + executor.getWaitTimeInMillis() + " ms";
    }

    /** 3. Speed to lead: from a demo request to the sales task visible in /engine-rest, under 50 signals/s of other traffic. */
    @Test
    @Order(3)
    void speedToLead() throws Exception {
        int samples = Integer.getInteger("bench.speed.samples", 300);
        int background = Integer.getInteger("bench.speed.background", 50);
        List<String> people = BulkPeople.insert(jdbc, "speed", 2000);
        // the background traffic goes to people whose journeys already run, as most traffic does
        jdbc.sql("update lj_person set journey_pending = true where email like 'speed%@bulk.example'").update();
        while (pendingJourneys.startPending(200) > 0) {
            // start them all before measuring
        }
        ScheduledExecutorService load = Executors.newScheduledThreadPool(8);
        AtomicInteger backgroundSent = new AtomicInteger();
        load.scheduleAtFixedRate(() -> HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/signals"))
                .header("Content-Type", "application/json").header("X-Api-Key", "bench-intake-key-0001")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"email_opened\",\"email\":\"speed"
                    + ThreadLocalRandom.current().nextInt(2000) + "@bulk.example\"}")).build(), HttpResponse.BodyHandlers.discarding())
                .thenRun(backgroundSent::incrementAndGet),
            0, 1_000_000 / background, TimeUnit.MICROSECONDS);
        Stats latency = new Stats();
        List<String> slow = new ArrayList<>();
        String sales = "Basic " + Base64.getEncoder().encodeToString("sales:demo".getBytes());
        long loadStart = System.nanoTime();
        try {
            for (int i = 0; i < samples; i++) {
                long start = System.nanoTime();
                HttpResponse<String> accepted = post("/api/signals", "{\"type\":\"demo_requested\",\"email\":\"hot" + i + "@speed.example\"}");
                assertThat(accepted.statusCode()).isEqualTo(202);
                String personId = accepted.body().replaceAll(".*\"personId\":\"([^\"]+)\".*", "$1");
                while (true) {
                    HttpResponse<String> tasks = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/engine-rest/task/count?processInstanceBusinessKey=" + personId)).header("Authorization", sales).build(),
                        HttpResponse.BodyHandlers.ofString());
                    if (tasks.body().contains("\"count\":1")) {
                        break;
                    }
                }
                double millis = (System.nanoTime() - start) / 1e6;
                latency.add(millis);
                if (millis > 1000) { // when, to find it in a Flight Recorder recording (-Dbench.jvm)
                    slow.add(String.format("%.0f ms ending %s (sample %d, %s)", millis, Instant.now(), i, personId));
                }
                LockSupport.parkNanos(50_000_000L);
            }
        } finally {
            load.shutdownNow();
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        report(String.format("3. speed to lead: %d demo requests, request -> task visible to a salesperson via /engine-rest: p50 %.0f ms, "
                + "p99 %.0f ms, max %.0f ms; background %.0f signals/s", samples, latency.percentile(50), latency.percentile(99),
            latency.percentile(100), backgroundSent.get() / loadSeconds));
        slow.forEach(sample -> report("3. speed to lead: over a second: " + sample));
    }

    /**
     * 4. Scale: a million waiting journeys (engine-made templates, copied in bulk by {@link Cloner}), what the service
     * needs for them, how fast a salesperson's task list answers with 100k open tasks, and how late due timers fire.
     */
    @Test
    @Order(4)
    void scale() throws Exception {
        int target = Integer.getInteger("bench.scale.journeys", 1_000_000);
        int templates = Integer.getInteger("bench.scale.templates", 1000);
        int copies = target / templates - 1;
        List<String> ids = BulkPeople.insert(jdbc, "scale", templates);
        long before = dbSize();
        parallel(CLIENTS, templates, i -> engine.getRuntimeService().createProcessInstanceByKey("lead-journey").businessKey(ids.get(i))
            .setVariables(BulkPeople.nurtureVariables(ids.get(i))).startBeforeActivity(LeadJourneyIds.CADENCE_ELAPSED).execute());
        long afterTemplates = dbSize();
        jdbc.sql("drop table if exists bench_template").update();
        jdbc.sql("create table bench_template as select id_ as id, business_key_ as business_key from act_ru_execution "
            + "where id_ = proc_inst_id_ and proc_def_key_ = 'lead-journey' and business_key_ in (select id from lj_person where email like 'scale%')").update();
        long start = System.nanoTime();
        new Cloner(jdbc).cloneJourneys(copies, Integer.getInteger("bench.scale.copies-per-statement", 25));
        jdbc.sql("analyze").update();
        double cloneSeconds = (System.nanoTime() - start) / 1e9;
        long journeys = jdbc.sql("select count(*) from act_ru_execution where id_ = proc_inst_id_ and proc_def_key_ = 'lead-journey'")
            .query(Long.class).single();
        long afterClones = dbSize();
        report(String.format("4. scale: %d waiting journeys (%d made by the engine, copied %d times in %.0f s); database %.1f GiB; "
                + "per journey: %.1f KiB with history (engine-made), %.1f KiB runtime rows only (copies)", journeys, templates, copies,
            cloneSeconds, afterClones / 1073741824.0, (afterTemplates - before) / 1024.0 / templates,
            (afterClones - afterTemplates) / 1024.0 / ((long) templates * copies)));

        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        report(String.format("4. scale: with %d journeys the service holds %.0f MiB of live heap after a full GC, RSS %s", journeys,
            heap / 1048576.0, rss()));

        // a salesperson's task list with 100k open tasks
        int taskTemplates = Integer.getInteger("bench.scale.task-templates", 100);
        OffsetDateTime tasksFrom = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);
        parallel(CLIENTS, taskTemplates, i -> post("/api/signals", "{\"type\":\"demo_requested\",\"email\":\"task" + i + "@scale.example\"}"));
        jdbc.sql("drop table if exists bench_task_template").update();
        jdbc.sql("create table bench_task_template as select id_ as id from act_ru_task where create_time_ >= ?").param(tasksFrom).update();
        new Cloner(jdbc).cloneTasks(Integer.getInteger("bench.scale.task-copies", 999), 100);
        jdbc.sql("analyze").update();
        long openTasks = jdbc.sql("select count(*) from act_ru_task").query(Long.class).single();
        String filterId = engine.getFilterService().createFilterQuery().filterName("My tasks").singleResult().getId();
        String sales = "Basic " + Base64.getEncoder().encodeToString("sales:demo".getBytes());
        Call myTasksPage = () -> HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/filter/" + filterId
            + "/list?firstResult=0&maxResults=15")).header("Authorization", sales).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        Call groupTasksPage = () -> HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
            + "/engine-rest/task?candidateUser=sales&includeAssignedTasks=true&sortBy=priority&sortOrder=desc&firstResult=0&maxResults=15"))
            .header("Authorization", sales).build(), HttpResponse.BodyHandlers.ofString());
        double firstMyTasks = timed(myTasksPage);
        double firstGroupTasks = timed(groupTasksPage);
        Stats myTasks = new Stats();
        Stats groupTasks = new Stats();
        for (int i = 0; i < 50; i++) {
            myTasks.add(timed(myTasksPage));
            groupTasks.add(timed(groupTasksPage));
        }
        report(String.format("4. scale: %d open tasks, %d of them assigned to the salesperson; their first page (15 tasks): \"My tasks\" filter "
                + "p50 %.0f ms p99 %.0f ms, all tasks of their group by priority p50 %.0f ms p99 %.0f ms (first call after the copy: %.0f ms, %.0f ms)",
            openTasks, jdbc.sql("select count(*) from act_ru_task where assignee_ = 'sales'").query(Long.class).single(), myTasks.percentile(50),
            myTasks.percentile(99), groupTasks.percentile(50), groupTasks.percentile(99), firstMyTasks, firstGroupTasks));

        // due timers among a million waiting ones: the templates' timers fall due spread over a minute (a busy hour of a million
        // journeys on weekly cadences is ~1-2/s; this is ten times that), first with Camunda's acquisition defaults, then as configured
        List<String> timed = jdbc.sql("select id from bench_template order by id").query(String.class).list();
        int half = timed.size() / 2;
        var executor = configuration().getJobExecutor();
        long configuredMaxWait = executor.getMaxWait();
        jdbc.sql("drop index " + JOB_DUE_DATE_INDEX).update();
        configuration().setJobExecutorAcquireByDueDate(false);
        configuration().setEnsureJobDueDateNotNull(false);
        executor.setMaxWait(10_000);
        timerLag("Camunda's acquisition defaults, no index on due dates, idle wait up to 10 s", timed.subList(0, half));
        long indexStart = System.nanoTime();
        jdbc.sql("create index " + JOB_DUE_DATE_INDEX + " on act_ru_job (duedate_)").update();
        jdbc.sql("analyze act_ru_job").update();
        report(String.format("4. scale: index on act_ru_job (duedate_) created in %.1f s", (System.nanoTime() - indexStart) / 1e9));
        configuration().setJobExecutorAcquireByDueDate(true);
        configuration().setEnsureJobDueDateNotNull(true);
        executor.setMaxWait(configuredMaxWait);
        timerLag("as configured: due-date index, acquisition by due date, idle wait up to " + configuredMaxWait + " ms",
            timed.subList(half, timed.size()));
    }

    /**
     * 5. A broadcast to a segment of 50 000 people (-Dbench.broadcast.people): how long it takes, and that no
     * transaction holds more than one batch (the longest "Send a batch" job, from the activity history).
     */
    @Test
    @Order(5)
    void broadcast() throws Exception {
        int people = Integer.getInteger("bench.broadcast.people", 50_000);
        List<String> ids = BulkPeople.insert(jdbc, "broadcast", people);
        jdbc.sql("update lj_person set source = 'bench-broadcast' where email like 'broadcast%'").update();
        jdbc.sql("analyze").update();
        String marketing = "Basic " + Base64.getEncoder().encodeToString("marketing:demo".getBytes());
        configuration().getJobExecutor().start();
        long start = System.nanoTime();
        HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/broadcasts"))
            .header("Content-Type", "application/json").header("Authorization", marketing)
            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Benchmark\",\"channel\":\"EMAIL\",\"variants\":["
                + "{\"template\":\"webinar-invite\",\"share\":50},{\"template\":\"webinar-invite-b\",\"share\":50}],"
                + "\"segment\":{\"sources\":[\"bench-broadcast\"]}}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = started.body().replaceAll(".*\"broadcastId\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        String status;
        String view;
        try {
            do {
                LockSupport.parkNanos(1_000_000_000L);
                view = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/broadcasts/" + id))
                    .header("Authorization", marketing).build(), HttpResponse.BodyHandlers.ofString()).body();
                status = view.replaceAll(".*\"status\"\\s*:\\s*\"([A-Z]+)\".*", "$1");
            } while (!status.equals("COMPLETED") && (System.nanoTime() - start) / 1e9 < 3600);
        } finally {
            configuration().getJobExecutor().shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long sent = jdbc.sql("select count(*) from lj_broadcast_recipient where broadcast_id = ? and status = 'SENT'").param(id).query(Long.class).single();
        Stats batches = new Stats();
        jdbc.sql("select duration_ from act_hi_actinst where act_id_ = 'ServiceTask_SendBatch' and proc_inst_id_ = "
                + "(select process_instance_id from lj_broadcast where id = ?)").param(id)
            .query((rs, row) -> rs.getLong(1)).list().forEach(batches::add);
        report(String.format("5. broadcast: %d of %d people sent to in %.0f s = %.0f messages/s, in %d batch jobs of at most %s; "
                + "a batch's transaction p50 %.1f s, longest %.1f s", sent, ids.size(), seconds, sent / seconds, batches.count(),
            environment.getProperty("journey.broadcasts.batch-size", "200"), batches.percentile(50) / 1000, batches.percentile(100) / 1000));
        assertThat(sent).isEqualTo(people);
    }

    static final String JOB_DUE_DATE_INDEX = "lj_idx_job_duedate";

    /** Sets the timers of these journeys due one after another over a minute, runs the job executor, reports due -> fired. */
    void timerLag(String setting, List<String> processInstances) {
        double perSecond = Double.parseDouble(System.getProperty("bench.scale.timers-per-second", "10"));
        LocalDateTime first = LocalDateTime.now().plusSeconds(10);
        Map<String, LocalDateTime> due = new HashMap<>();
        for (int i = 0; i < processInstances.size(); i++) {
            due.put(processInstances.get(i), first.plusNanos((long) (i * 1e9 / perSecond)));
        }
        new JdbcTemplate(dataSource).batchUpdate("update act_ru_job set duedate_ = ? where process_instance_id_ = ?",
            processInstances.stream().map(id -> new Object[] {due.get(id), id}).toList());
        LocalDateTime last = due.values().stream().max(LocalDateTime::compareTo).orElseThrow();
        configuration().getJobExecutor().start();
        try {
            while (jdbc.sql("select count(*) from act_ru_job j join bench_template t on t.id = j.process_instance_id_ "
                    + "where j.handler_type_ = 'timer-intermediate-transition' and j.duedate_ <= ?")
                .param(last).query(Long.class).single() > 0 && LocalDateTime.now().isBefore(last.plusMinutes(10))) {
                LockSupport.parkNanos(500_000_000L);
            }
        } finally {
            configuration().getJobExecutor().shutdown();
        }
        Stats lag = new Stats();
        jdbc.sql("select proc_inst_id_, end_time_ from act_hi_actinst where act_id_ = 'IntermediateCatchEvent_CadenceElapsed' "
                + "and end_time_ is not null and proc_inst_id_ in (select id from bench_template)")
            .query((rs, row) -> Map.entry(rs.getString(1), rs.getObject(2, LocalDateTime.class))).list().stream()
            .filter(fired -> due.containsKey(fired.getKey()))
            .forEach(fired -> lag.add(Duration.between(due.get(fired.getKey()), fired.getValue()).toMillis()));
        report(String.format("4. scale: %d timers falling due at %.0f/s among %d jobs (%s): fired %d, lag due -> fired p50 %.1f s, p99 %.1f s, "
                + "max %.1f s", processInstances.size(), perSecond, jdbc.sql("select count(*) from act_ru_job").query(Long.class).single(),
            setting, lag.count(), lag.percentile(50) / 1000, lag.percentile(99) / 1000, lag.percentile(100) / 1000));
    }

    long dbSize() {
        return jdbc.sql("select pg_database_size(current_database())").query(Long.class).single();
    }

    static String rss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS")).findFirst()
                .map(l -> String.format("%.0f MiB", Long.parseLong(l.replaceAll("\\D", "")) / 1024.0)).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    interface Call {
        HttpResponse<String> call() throws Exception;
    }

    static double timed(Call call) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = call.call();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (System.nanoTime() - start) / 1e6;
    }

    @Autowired
    LocalSmtpServer smtp;
    @Autowired
    PendingJourneys pendingJourneys;

    /** Signals applied: each is scored once by engagement-scoring, whether the journey acts on it or not. */
    long applied() {
        return engine.getHistoryService().createHistoricDecisionInstanceQuery().decisionDefinitionKey("engagement-scoring").count();
    }

    long storedOpens() {
        return jdbc.sql("select count(*) from lj_signal where type = 'email_opened'").query(Long.class).single();
    }

    /** Signals the journey acted on (its "Apply signal" event sub-process ran). */
    long acted() {
        return engine.getHistoryService().createHistoricActivityInstanceQuery().activityId("EndEvent_SignalApplied").count();
    }

    ProcessEngineConfigurationImpl configuration() {
        return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }
}
