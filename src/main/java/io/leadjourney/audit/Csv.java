package io.leadjourney.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** CSV for spreadsheets: RFC 4180, and cells that a spreadsheet would run as a formula are neutralised. */
final class Csv {

    private Csv() {
    }

    static void write(Writer out, List<String> header, List<List<Object>> rows) {
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (List<Object> row : rows) {
                printer.printRecord(row.stream().map(Csv::cell).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
