package io.leadjourney.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Each lj_ table has one owning feature package, the only one whose SQL names it; the others call the owner. The SQL
 * that reaches into another feature's tables today is listed (debts of issue 17): a new reach fails, a listed one that
 * is gone must leave the list.
 */
class TableOwnershipTest {

    static final Map<String, String> OWNERS = Map.ofEntries(
        Map.entry("lj_person", "people"), Map.entry("lj_consent", "people"), Map.entry("lj_note", "people"),
        Map.entry("lj_stage_change", "people"),
        Map.entry("lj_signal", "people"), Map.entry("lj_idempotency", "intake"), Map.entry("lj_import", "intake"),
        Map.entry("lj_import_error", "intake"),
        Map.entry("lj_message", "messaging"), Map.entry("lj_delivery_event", "messaging"), Map.entry("lj_whatsapp_template", "messaging"),
        Map.entry("lj_opportunity", "sales"), Map.entry("lj_opportunity_contact", "sales"), Map.entry("lj_rotation", "sales"),
        Map.entry("lj_sales_verdict", "sales"),
        Map.entry("lj_broadcast", "campaigns"), Map.entry("lj_broadcast_recipient", "campaigns"),
        Map.entry("lj_erasure", "audit"),
        Map.entry("lj_migration", "journey"), Map.entry("lj_migration_instance", "journey"));

    /**
     * Set-based reads across features, on purpose: the funnel report (insight) and a broadcast's segment and results
     * (campaigns) join people, stages, messages and sales outcomes in one statement over tens of thousands of people;
     * calling each owner per person would turn one query into as many as there are people. They only read.
     */
    static final Set<String> KNOWN_REACHES = Set.of(
        "campaigns -> lj_message", "campaigns -> lj_person", "campaigns -> lj_stage_change",
        "insight -> lj_message", "insight -> lj_opportunity", "insight -> lj_person", "insight -> lj_sales_verdict", "insight -> lj_stage_change");

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern TABLE = Pattern.compile("\\blj_[a-z_]+");

    @Test
    void eachTableIsReadAndWrittenByItsOwnerOnly() throws IOException {
        Path root = Path.of("src/main/java/io/leadjourney");
        Set<String> reaches = new TreeSet<>();
        Set<String> unknown = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String feature = root.relativize(file).getName(0).toString();
                Matcher literal = STRING.matcher(Files.readString(file));
                while (literal.find()) {
                    Matcher table = TABLE.matcher(literal.group());
                    while (table.find()) {
                        String owner = OWNERS.get(table.group());
                        if (owner == null && !table.group().startsWith("lj_idx_") && !table.group().startsWith("lj_stat_")) {
                            unknown.add(table.group() + " in " + file);
                        } else if (owner != null && !owner.equals(feature)) {
                            reaches.add(feature + " -> " + table.group());
                        }
                    }
                }
            }
        }
        assertThat(unknown).as("tables without an owner: add them to OWNERS").isEmpty();
        assertThat(reaches).as("SQL on another feature's table: call the owning feature instead").isSubsetOf(KNOWN_REACHES);
        assertThat(new TreeSet<>(KNOWN_REACHES)).as("reaches that are gone: take them off the list").isSubsetOf(reaches);
    }
}
