package io.leadjourney.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * No main source file over 250 lines, no method or constructor over 40 (from its first line to its closing brace). The
 * files and methods over the limit today are listed with their size (debts of issue 17): they may shrink, not grow, and
 * one back under the limit must leave the list.
 */
class SizeLimitsTest {

    static final int MAX_FILE_LINES = 250;
    static final int MAX_METHOD_LINES = 40;

    static final Map<String, Integer> KNOWN_LONG_FILES = Map.of();

    static final Map<String, Integer> KNOWN_LONG_METHODS = Map.of();

    private static final Path ROOT = Path.of("src/main/java/io/leadjourney");
    private static final Set<String> NOT_NAMES = Set.of("if", "for", "while", "switch", "catch", "synchronized", "return", "new", "else",
        "try", "throw", "record", "class", "interface", "enum");
    private static final Pattern METHOD = Pattern.compile(
        "^( {4}| {8})(?:(?:public|protected|private|static|final|synchronized|abstract|default)\\s+)*(?:<[^>]+>\\s+)?([\\w<>\\[\\],.?][\\w<>\\[\\],.? ]*?)\\s+(\\w+)\\s*\\(");
    private static final Pattern CONSTRUCTOR = Pattern.compile("^( {4}| {8})(?:(?:public|protected|private)\\s+)?([A-Z]\\w*)\\s*\\(");

    @Test
    void filesAndMethodsStayShort() throws IOException {
        Map<String, Integer> longFiles = new TreeMap<>();
        Map<String, Integer> longMethods = new TreeMap<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String name = ROOT.relativize(file).toString().replace('\\', '/');
                List<String> lines = Files.readAllLines(file);
                if (lines.size() > MAX_FILE_LINES) {
                    longFiles.put(name, lines.size());
                }
                methodLengths(lines).forEach((method, length) -> {
                    if (length > MAX_METHOD_LINES) {
                        longMethods.merge(name + " " + method, length, Math::max);
                    }
                });
            }
        }
        assertWithin(longFiles, KNOWN_LONG_FILES, "source files over " + MAX_FILE_LINES + " lines");
        assertWithin(longMethods, KNOWN_LONG_METHODS, "methods over " + MAX_METHOD_LINES + " lines");
    }

    private static void assertWithin(Map<String, Integer> found, Map<String, Integer> known, String what) {
        Map<String, Integer> grown = new TreeMap<>(found);
        grown.entrySet().removeIf(entry -> entry.getValue() <= known.getOrDefault(entry.getKey(), 0));
        assertThat(grown).as(what + " (split them; listed ones may not grow)").isEmpty();
        assertThat(found.keySet()).as(what + " listed but now short enough: take them off the list").containsAll(known.keySet());
    }

    /** Method (and constructor) name → lines from its signature to its closing brace, for the methods of this file. */
    static Map<String, Integer> methodLengths(List<String> lines) {
        Map<String, Integer> lengths = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher method = METHOD.matcher(line);
            Matcher constructor = CONSTRUCTOR.matcher(line);
            Matcher found = method.find() ? method : constructor.find() ? constructor : null;
            if (found == null || NOT_NAMES.contains(found.group(found.groupCount())) || NOT_NAMES.contains(found.group(2))
                || line.trim().startsWith("return") || line.trim().startsWith("else") || line.split("\\(")[0].contains("=")) {
                continue;
            }
            int open = i;
            while (open < lines.size() && !lines.get(open).stripTrailing().endsWith("{")) {
                if (lines.get(open).stripTrailing().endsWith(";")) {
                    open = -1;
                    break;
                }
                open++;
            }
            if (open < 0 || open >= lines.size()) {
                continue;
            }
            int close = open + 1;
            while (close < lines.size() && !lines.get(close).equals(found.group(1) + "}")) {
                close++;
            }
            lengths.merge(found.group(found.groupCount()), close - i + 1, Math::max);
        }
        return lengths;
    }
}
