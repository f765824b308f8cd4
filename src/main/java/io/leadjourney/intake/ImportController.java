package io.leadjourney.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import io.leadjourney.platform.security.AllowedGroups;
import io.leadjourney.platform.security.Caller;
import io.leadjourney.platform.security.Groups;
import io.leadjourney.platform.security.IntakeApi;
import io.leadjourney.platform.web.InvalidRequestException;
import io.leadjourney.platform.web.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Contact imports: an intake system (X-Api-Key) or marketing ops (their user) upload a CSV and follow its progress. */
@RestController
@IntakeApi
@AllowedGroups({Groups.MARKETING_OPS, Groups.ADMIN})
class ImportController {

    record Progress(String importId, String status, int total, int processed, int created, int merged, int rejected,
                    List<ImportRepository.LineError> errors, String failure) {
    }

    private final ContactImports imports;
    private final ImportRepository repository;

    ImportController(ContactImports imports, ImportRepository repository) {
        this.imports = imports;
        this.repository = repository;
    }

    @PostMapping(path = "/api/contacts/import", consumes = "multipart/form-data", produces = "application/json")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, String> upload(Caller caller, @RequestParam(name = "file", required = false) MultipartFile file,
                               @RequestParam(required = false) String source,
                               @RequestParam(required = false) Boolean consentEmail,
                               @RequestParam(required = false) Boolean consentWhatsapp,
                               @RequestParam(required = false) String consentWording) {
        if (file == null || file.isEmpty()) {
            throw new InvalidRequestException("file", "is required: a CSV file with the header " + String.join(",", ContactsFile.COLUMNS));
        }
        try {
            String id = imports.start(file.getInputStream(), new ContactImports.Options(file.getOriginalFilename(), source, consentEmail,
                consentWhatsapp, consentWording, caller.name()));
            return Map.of("importId", id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping(path = "/api/contacts/imports/{id}", produces = "application/json")
    Progress progress(@PathVariable String id) {
        ImportRepository.ImportRow row = repository.find(id).orElseThrow(() -> new NotFoundException("No import " + id));
        return new Progress(row.id(), row.status().name(), row.total(), row.processed(), row.created(), row.merged(), row.rejected(),
            repository.errors(id), row.failure());
    }
}
