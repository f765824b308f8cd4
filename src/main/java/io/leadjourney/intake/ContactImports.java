package io.leadjourney.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.leadjourney.people.Channel;
import io.leadjourney.people.ConsentVia;
import io.leadjourney.people.ContactData;
import io.leadjourney.people.ContactDetails;
import io.leadjourney.people.PeopleService;
import io.leadjourney.people.Registration;
import io.leadjourney.people.Stage;
import jakarta.annotation.PreDestroy;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Contact imports (business cards, event lists, old customer databases): the CSV is checked whole while the upload
 * request is open (a malformed file is refused with nothing written), then imported in the background in batches,
 * streaming, so memory does not grow with the file. Duplicates inside the file and against existing people are
 * merged; imported people start as CONTACT and their journeys are started by PendingJourneys.
 */
@Service
public class ContactImports {

    static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(ContactImports.class);

    public record Options(String fileName, String source, Boolean consentEmail, Boolean consentWhatsapp, String consentWording,
                          String requestedBy) {
    }

    private final ImportRepository imports;
    private final PeopleService people;
    private final TransactionTemplate transaction;
    private final Clock clock;
    /** A running import without a sign of life for this long is taken as interrupted. */
    private final Duration staleAfter;
    /** The imports this node runs or has queued. */
    final Set<String> held = ConcurrentHashMap.newKeySet();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "contact-import");
        thread.setDaemon(true);
        return thread;
    });

    ContactImports(ImportRepository imports, PeopleService people, TransactionTemplate transaction, Clock clock,
                   IntakeSettings settings) {
        this.imports = imports;
        this.people = people;
        this.transaction = transaction;
        this.clock = clock;
        this.staleAfter = settings.imports().staleAfter();
    }

    /** Checks the whole file, keeps a copy, and starts the import; returns the import id. The stream is read and closed here. */
    public String start(InputStream upload, Options options) {
        Path copy;
        int total;
        try {
            copy = Files.createTempFile("contact-import-", ".csv");
            try (InputStream in = upload) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            total = ContactsFile.check(copy);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store the uploaded file", e);
        }
        String id = UUID.randomUUID().toString();
        imports.create(id, ContactData.text(options.fileName(), 200), ContactData.text(options.source(), 100), options.requestedBy(), options.consentEmail(),
            options.consentWhatsapp(), ContactData.text(options.consentWording(), 100), total);
        held.add(id);
        worker.submit(() -> run(id, copy, options));
        return id;
    }

    private void run(String id, Path file, Options options) {
        try (Reader reader = ContactsFile.reader(file); CSVParser parser = ContactsFile.FORMAT.parse(reader)) {
            List<CSVRecord> batch = new ArrayList<>(BATCH);
            for (CSVRecord record : parser) {
                batch.add(record);
                if (batch.size() == BATCH) {
                    importBatch(id, batch, options);
                    batch.clear();
                }
            }
            importBatch(id, batch, options);
            imports.finish(id, ImportRepository.Status.COMPLETED, null);
        } catch (RuntimeException | IOException e) {
            log.error("Contact import {} failed", id, e);
            imports.finish(id, ImportRepository.Status.FAILED, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } finally {
            held.remove(id);
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("Cannot delete {}", file, e);
            }
        }
    }

    private void importBatch(String id, List<CSVRecord> batch, Options options) {
        if (batch.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                importBatchOnce(id, batch, options);
                return;
            } catch (DuplicateKeyException e) {
                // a signal registered one of these people at the same moment: the retry merges into that person
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private void importBatchOnce(String id, List<CSVRecord> batch, Options options) {
        transaction.executeWithoutResult(status -> {
            int created = 0;
            int merged = 0;
            int rejected = 0;
            OffsetDateTime now = OffsetDateTime.now(clock);
            for (CSVRecord record : batch) {
                // the header is line 1; a quoted field spanning lines shifts the following numbers
                long line = record.getRecordNumber() + 1;
                ContactDetails details;
                try {
                    details = ContactsFile.details(record, options.source());
                } catch (IllegalArgumentException e) {
                    imports.error(id, line, e.getMessage());
                    rejected++;
                    continue;
                }
                Registration registration = people.register(details, Stage.CONTACT, now, true);
                if (registration.created()) {
                    created++;
                } else {
                    merged++;
                }
                String source = "import " + id;
                if (options.consentEmail() != null && details.email() != null) {
                    people.recordConsent(registration.person().id(), Channel.EMAIL, options.consentEmail(), now, source, options.consentWording(),
                        ConsentVia.IMPORT);
                }
                if (options.consentWhatsapp() != null && details.phone() != null) {
                    people.recordConsent(registration.person().id(), Channel.WHATSAPP, options.consentWhatsapp(), now, source,
                        options.consentWording(), ConsentVia.IMPORT);
                }
            }
            imports.progress(id, batch.size(), created, merged, rejected);
        });
    }

    /**
     * An import runs on the node that received the file; if that node stops, its import makes no more progress. Every
     * node vouches for the imports it holds (running or queued behind another one), then marks the others without a
     * sign of life FAILED, saying how to finish them: the file can be uploaded again, since people already imported are
     * merged, not duplicated.
     */
    @Scheduled(fixedDelayString = "${journey.imports.watch-interval:PT1M}", initialDelayString = "PT30S")
    public int failInterrupted() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        held.forEach(id -> imports.alive(id, now));
        int failed = imports.failStale(now.minus(staleAfter), "interrupted: the service stopped while importing; "
            + "the lines counted as processed are imported. Upload the file again to import the rest (people already imported are merged, "
            + "not duplicated)");
        if (failed > 0) {
            log.warn("{} contact import(s) without a sign of life for {} marked FAILED (interrupted)", failed, staleAfter);
        }
        return failed;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
