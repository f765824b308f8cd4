package io.leadjourney.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Main code takes every time from the Clock bean (the engine clock of {@link EngineClock}), so that tests can move it
 * and every row carries the same time as the engine's timers. Reading the system clock anywhere else is refused here.
 */
class ClockRulesTest {

    /** now() without an argument, now(zone) and now(anything but the clock bean), new Date(), currentTimeMillis, Clock.system…. */
    static final Pattern WALL_CLOCK = Pattern.compile(
        "\\.now\\((?!\\s*clock\\b)|new\\s+(java\\.util\\.)?Date\\(\\s*\\)|System\\.currentTimeMillis\\(|Clock\\.system|Clock\\.offset\\(");

    @Test
    void mainCodeReadsTimeOnlyFromTheEngineClock() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            files.filter(file -> file.toString().endsWith(".java"))
                .filter(file -> !file.getFileName().toString().equals("EngineClock.java"))
                .forEach(file -> found.addAll(wallClockReads(file)));
        }
        assertThat(found).as("take the time from the Clock bean instead").isEmpty();
    }

    @Test
    void theRuleRecognisesWallClockReads() {
        assertThat(WALL_CLOCK.matcher("OffsetDateTime.now()").find()).isTrue();
        assertThat(WALL_CLOCK.matcher("LocalDate.now(ZoneId.of(\"Asia/Jakarta\"))").find()).isTrue();
        assertThat(WALL_CLOCK.matcher("Date created = new Date();").find()).isTrue();
        assertThat(WALL_CLOCK.matcher("long t = System.currentTimeMillis();").find()).isTrue();
        assertThat(WALL_CLOCK.matcher("Clock.systemUTC()").find()).isTrue();
        assertThat(WALL_CLOCK.matcher("OffsetDateTime.now(clock)").find()).isFalse();
        assertThat(WALL_CLOCK.matcher("LocalDate.now(clock.withZone(zone))").find()).isFalse();
        assertThat(WALL_CLOCK.matcher("new Date(millis)").find()).isFalse();
    }

    private static List<String> wallClockReads(Path file) {
        List<String> found = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher matcher = WALL_CLOCK.matcher(lines.get(i));
                if (matcher.find()) {
                    found.add(file + ":" + (i + 1) + ": " + lines.get(i).trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
