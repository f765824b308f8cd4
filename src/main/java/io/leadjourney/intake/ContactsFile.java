package io.leadjourney.intake;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.leadjourney.people.ContactData;
import io.leadjourney.people.ContactDetails;
import io.leadjourney.platform.web.InvalidRequestException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** The contact file marketing ops upload: strict UTF-8 CSV (a BOM is skipped) with the header {@link #COLUMNS}. */
final class ContactsFile {

    static final List<String> COLUMNS = List.of("name", "email", "phone", "company", "title", "industry", "source");
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
        .setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true).setIgnoreHeaderCase(true).get();

    private ContactsFile() {
    }

    /** Parses the whole file once: header, quoting, encoding. Returns the number of records; throws 400 on a bad file. */
    static int check(Path file) throws IOException {
        try (Reader reader = reader(file); CSVParser parser = FORMAT.parse(reader)) {
            Set<String> header = parser.getHeaderMap() == null ? Set.of()
                : parser.getHeaderMap().keySet().stream().map(h -> h.trim().toLowerCase()).collect(Collectors.toSet());
            List<String> missing = COLUMNS.stream().filter(column -> !header.contains(column)).toList();
            if (header.isEmpty()) {
                throw new InvalidRequestException("file", "is empty; the first line must be the header " + String.join(",", COLUMNS));
            }
            if (!missing.isEmpty()) {
                throw new InvalidRequestException("file", "header lacks " + missing + "; expected " + String.join(",", COLUMNS));
            }
            int records = 0;
            for (CSVRecord ignored : parser) {
                records++;
            }
            return records;
        } catch (CharacterCodingException e) {
            throw new InvalidRequestException("file", "is not UTF-8 text");
        } catch (IllegalArgumentException e) {
            // commons-csv refuses a header with duplicate (e.g. empty) column names
            throw new InvalidRequestException("file", "header is not valid: " + e.getMessage() + "; expected " + String.join(",", COLUMNS));
        } catch (UncheckedIOException | IllegalStateException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof CharacterCodingException) {
                throw new InvalidRequestException("file", "is not UTF-8 text");
            }
            throw new InvalidRequestException("file", "is not valid CSV: " + cause.getMessage());
        }
    }

    static ContactDetails details(CSVRecord record, String defaultSource) {
        String email;
        String phone;
        try {
            email = ContactData.email(value(record, "email"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("email '" + ContactData.text(value(record, "email"), 80) + "' " + e.getMessage());
        }
        try {
            phone = ContactData.phone(value(record, "phone"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("phone '" + ContactData.text(value(record, "phone"), 40) + "' " + e.getMessage());
        }
        if (email == null && phone == null) {
            throw new IllegalArgumentException("email or phone is required");
        }
        String source = ContactData.text(value(record, "source"), 100);
        return new ContactDetails(email, phone, ContactData.text(value(record, "name"), 200), ContactData.text(value(record, "company"), 200),
            ContactData.text(value(record, "title"), 200), ContactData.text(value(record, "industry"), 100),
            source != null ? source : ContactData.text(defaultSource, 100), null, null);
    }

    private static String value(CSVRecord record, String column) {
        return record.isMapped(column) && record.isSet(column) ? record.get(column) : null;
    }

    static Reader reader(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        // strict UTF-8 (a mis-encoded file is refused rather than imported as garbage); a BOM is skipped
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }
}
