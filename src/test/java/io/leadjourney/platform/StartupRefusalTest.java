package io.leadjourney.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.leadjourney.LeadJourneyApplication;
import io.leadjourney.support.FreePort;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Settings the service refuses to start with, and the message it gives. */
class StartupRefusalTest {

    @TempDir
    Path models;

    static final String OWN_KEYS = "journey.intake.api-keys=7f3c9a2e41b8d6c0=website";

    @Test
    void prodWithThePublishedIntakeKeyRefusesToStart() {
        assertThatThrownBy(() -> start("prod", "spring.mail.host=smtp.example.com", "journey.admin.password=Very-Secret-2026!x",
            "journey.intake.api-keys=local-intake-key=local"))
            .rootCause().hasMessageContaining("published defaults").hasMessageContaining("INTAKE_API_KEYS");
        assertThatThrownBy(() -> start("prod", "spring.mail.host=smtp.example.com", "journey.admin.password=Very-Secret-2026!x"))
            .as("no key at all").rootCause().hasMessageContaining("no intake API key is set");
    }

    @Test
    void prodWithoutAnAdminPasswordRefusesToStart() {
        assertThatThrownBy(() -> start("prod", "spring.mail.host=smtp.example.com"))
            .rootCause().hasMessageContaining("administrator password is not set").hasMessageContaining("ADMIN_PASSWORD");
    }

    @Test
    void prodWithTheUserIdAsAdminPasswordRefusesToStart() {
        assertThatThrownBy(() -> start("prod", "spring.mail.host=smtp.example.com", "journey.admin.password=admin"))
            .rootCause().hasMessageContaining("must not be the user id 'admin'");
    }

    @Test
    void prodWithoutAnSmtpHostRefusesToStart() {
        assertThatThrownBy(() -> start("prod", "journey.admin.password=Very-Secret-2026!x"))
            .rootCause().hasMessageContaining("no SMTP host is set").hasMessageContaining("SMTP_HOST");
    }

    @Test
    void prodWithItsSettingsStartsWithTheAdministratorAndNoDemoUsers() {
        try (ConfigurableApplicationContext context = start("prod", "spring.mail.host=smtp.example.com",
            "journey.admin.password=Very-Secret-2026!x", OWN_KEYS)) {
            IdentityService identity = context.getBean(IdentityService.class);
            assertThat(identity.createUserQuery().list()).extracting(User::getId).containsExactly("admin");
            assertThat(identity.checkPassword("admin", "Very-Secret-2026!x")).isTrue();
        }
    }

    @Test
    void aSettingOutOfItsRangeRefusesToStartNamingIt() {
        assertThatThrownBy(() -> start("test", "journey.intake.rate-limit.burst=0"))
            .rootCause().hasMessageContaining("intake.rateLimit.burst").hasMessageContaining("must be greater than 0");
        assertThatThrownBy(() -> start("test", "journey.broadcasts.batch-size=-5"))
            .rootCause().hasMessageContaining("broadcasts.batchSize").hasMessageContaining("must be greater than 0");
        assertThatThrownBy(() -> start("test", "journey.broadcasts.lanes=33"))
            .rootCause().hasMessageContaining("broadcasts.lanes").hasMessageContaining("32");
        assertThatThrownBy(() -> start("test", "journey.default-time-zone=Asia/Atlantis"))
            .as("a zone the JDK does not know").hasStackTraceContaining("journey.default-time-zone").hasStackTraceContaining("Asia/Atlantis");
    }

    @Test
    void aModelThatDoesNotParseStopsStartupNamingTheFile() throws IOException {
        Path bpmn = Files.createDirectories(models.resolve("bpmn"));
        Files.writeString(bpmn.resolve("broken.bpmn"), "<definitions>not a process");

        Throwable failure = catchThrowable(() -> start("test", "journey.models.dir=" + models));
        Throwable invalid = failure;
        while (invalid != null && !(invalid instanceof InvalidModelException)) {
            invalid = invalid.getCause();
        }
        assertThat(invalid).as("an InvalidModelException in the chain").isNotNull();
        assertThat(invalid.getMessage()).contains("bpmn/broken.bpmn").contains("XML document structures must start and end");
    }

    private static ConfigurableApplicationContext start(String profile, String... properties) {
        List<String> all = new ArrayList<>(List.of(
            "server.port=0",
            "spring.datasource.url=jdbc:h2:mem:startup-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            "camunda.bpm.job-execution.enabled=false",
            "journey.local-smtp.port=" + FreePort.find()));
        all.addAll(List.of(properties));
        // as command-line arguments, so that they win over application.yaml like the environment does in production
        return new SpringApplicationBuilder(LeadJourneyApplication.class)
            .profiles(profile)
            .run(all.stream().map(property -> "--" + property).toArray(String[]::new));
    }
}
