package io.leadjourney.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged jar (what users run) started as its own process with {@code java -jar}, from a working directory of the
 * test's choosing, on a file H2 database in that directory, the embedded SMTP server on a free port.
 */
public final class PackagedService implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofMinutes(3);

    private final Process process;
    private final Path log;
    private final int port;

    private PackagedService(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** The jar Maven packaged (failsafe passes its path); the test fails when it is missing. */
    public static Path jar() {
        String path = System.getProperty("packaged.jar");
        if (path == null || !Files.isRegularFile(Path.of(path))) {
            throw new IllegalStateException("No packaged jar at '" + path + "': run the packaging tests with mvn verify");
        }
        return Path.of(path);
    }

    /** Starts the jar in {@code workingDirectory} and waits until it answers, or until it exits. */
    public static PackagedService start(Path workingDirectory, Map<String, String> environment) {
        return start(workingDirectory, environment, FreePort.find());
    }

    /** As {@link #start(Path, Map)}, on a given port (a node restarted where its clients expect it). */
    public static PackagedService start(Path workingDirectory, Map<String, String> environment, int port) {
        try {
            Path log = Files.createTempFile("packaged-service", ".log");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar().toString()));
            ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("PORT", Integer.toString(port));
            builder.environment().put("SMTP_PORT", Integer.toString(FreePort.find()));
            builder.environment().put("DB_URL", "jdbc:h2:file:" + workingDirectory.resolve("data/leadjourney").toAbsolutePath());
            builder.environment().put("JOB_EXECUTOR_ENABLED", "false");
            builder.environment().putAll(environment);
            PackagedService service = new PackagedService(builder.start(), log, port);
            service.awaitStartedOrExited();
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitStartedOrExited() {
        Instant deadline = Instant.now().plus(STARTUP);
        Http http = http();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                return;
            }
            try {
                if (http.get("/actuator/health").statusCode() == 200) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            try {
                process.waitFor(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new AssertionError("the packaged service did not answer within " + STARTUP + ":\n" + output());
    }

    public boolean running() {
        return process.isAlive();
    }

    public int port() {
        return port;
    }

    /** kill -9: no shutdown hook, no graceful anything. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the process to end by itself and returns its exit code. */
    public int exitCode() {
        try {
            if (!process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("the packaged service did not stop:\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Http http() {
        return new Http(port);
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HttpResponse<String> get(String path) {
        return http().as("admin", "demo").get(path);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Copies the project's bpmn/ and dmn/ into {@code target}, as an operator's working directory would hold them. */
    public static void copyModels(Path target) {
        for (String folder : List.of("bpmn", "dmn")) {
            Path source = Path.of(folder);
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path copy = target.resolve(source.relativize(file).toString().isEmpty() ? folder : folder + "/" + source.relativize(file));
                    Files.createDirectories(copy.getParent());
                    Files.copy(file, copy);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
