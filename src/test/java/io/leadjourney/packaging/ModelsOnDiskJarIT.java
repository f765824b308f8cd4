package io.leadjourney.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadjourney.support.PackagedService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The models an operator keeps on disk, tested on the packaged jar started with {@code java -jar} from the directory
 * that holds them (what README and docker-compose.yml promise): an edited table becomes a new version at restart.
 */
class ModelsOnDiskJarIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TABLE = "dmn/reengagement-delay.dmn";

    @TempDir
    Path workingDirectory;

    @Test
    void anEditedTableInTheWorkingDirectoryBecomesANewVersionAtRestart() throws Exception {
        PackagedService.copyModels(workingDirectory);
        edit(TABLE, "&quot;P6M&quot;", "&quot;P5M&quot;");

        int first;
        try (PackagedService service = PackagedService.start(workingDirectory, Map.of())) {
            assertThat(service.running()).as(service.output()).isTrue();
            assertThat(service.output()).contains("Models from " + workingDirectory.toRealPath());
            first = latestVersion(service);
            assertThat(latestXml(service)).contains("&quot;P5M&quot;");
        }

        try (PackagedService service = PackagedService.start(workingDirectory, Map.of())) {
            assertThat(latestVersion(service)).as("an unchanged file makes no new version").isEqualTo(first);
        }

        edit(TABLE, "&quot;P5M&quot;", "&quot;P4M&quot;");
        try (PackagedService service = PackagedService.start(workingDirectory, Map.of())) {
            assertThat(latestVersion(service)).isEqualTo(first + 1);
            assertThat(latestXml(service)).contains("&quot;P4M&quot;").doesNotContain("&quot;P5M&quot;");
        }
    }

    @Test
    void withoutModelsOnDiskThePackagedOnesAreDeployed() {
        try (PackagedService service = PackagedService.start(workingDirectory, Map.of())) {
            assertThat(service.running()).as(service.output()).isTrue();
            assertThat(service.output()).contains("Models from the application jar");
            assertThat(latestXml(service)).contains("&quot;P6M&quot;");
        }
    }

    @Test
    void aModelThatFailsTheChecksStopsStartupWithTheProblems() throws Exception {
        PackagedService.copyModels(workingDirectory);
        edit("dmn/lead-qualification.dmn", "&gt;= 120", "&gt;== thirty(");
        edit(TABLE, "&quot;P6M&quot;", "6");

        try (PackagedService service = PackagedService.start(workingDirectory, Map.of())) {
            assertThat(service.exitCode()).as("the service stops").isNotZero();
            assertThat(service.output()).contains("The models were not deployed (3 problems; nothing changed)")
                .contains("dmn/lead-qualification.dmn [Rule_lead_qualification_4]: row 4, column 'Score after the signal': '>== thirty(' is not valid FEEL")
                .contains("dmn/reengagement-delay.dmn [Rule_reengagement_delay_1]: row 1, output 'reengageAfter': 6 is not an ISO-8601 duration")
                .contains("dmn/reengagement-delay.dmn [Rule_reengagement_delay_3]");
        }
    }

    private void edit(String file, String from, String to) throws IOException {
        Path path = workingDirectory.resolve(file);
        String text = Files.readString(path);
        assertThat(text).contains(from);
        Files.writeString(path, text.replace(from, to));
    }

    private static int latestVersion(PackagedService service) throws IOException {
        var response = service.get("/engine-rest/decision-definition/key/reengagement-delay");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("version").asInt();
    }

    private static String latestXml(PackagedService service) {
        var response = service.get("/engine-rest/decision-definition/key/reengagement-delay/xml");
        try {
            JsonNode body = JSON.readTree(response.body());
            return body.get("dmnXml").asText();
        } catch (IOException e) {
            throw new AssertionError(response.body(), e);
        }
    }
}
