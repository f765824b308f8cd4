package io.leadjourney.people;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import io.leadjourney.platform.security.AllowedGroups;
import io.leadjourney.platform.security.Groups;
import io.leadjourney.platform.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** GET /api/audiences/export: hashed audience lists for ads, for marketing ops and admins. */
@RestController
@AllowedGroups({Groups.MARKETING_OPS, Groups.ADMIN})
class AudienceController {

    private final Audiences audiences;

    AudienceController(Audiences audiences) {
        this.audiences = audiences;
    }

    @GetMapping(path = "/api/audiences/export")
    void export(@RequestParam(required = false) String stages, @RequestParam(defaultValue = "meta") String format, HttpServletResponse response)
        throws IOException {
        Audiences.Format target;
        try {
            target = Audiences.Format.valueOf(format.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("format", "must be meta or google");
        }
        Set<Stage> wanted = EnumSet.noneOf(Stage.class);
        if (stages != null && !stages.isBlank()) {
            for (String stage : stages.split(",")) {
                try {
                    wanted.add(Stage.valueOf(stage.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new InvalidRequestException("stages", "'" + stage.trim() + "' is not a stage; use a comma-separated list of "
                        + Arrays.toString(Stage.values()));
                }
            }
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audience-" + target.name().toLowerCase(Locale.ROOT) + ".csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(target.header().toArray(String[]::new)).get())) {
            audiences.export(wanted, target, row -> {
                try {
                    csv.printRecord(row);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
