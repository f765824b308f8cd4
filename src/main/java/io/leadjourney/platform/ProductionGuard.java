package io.leadjourney.platform;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** The prod profile refuses to start, before the engine touches the database, when settings it needs are missing. */
@Component
@Profile("prod")
class ProductionGuard extends AbstractProcessEnginePlugin {

    private final String adminId;
    private final String adminPassword;
    private final String smtpHost;
    private final String intakeKeys;

    /** Intake keys that are written in this project's public files: never in production. */
    static final java.util.Set<String> PUBLIC_KEYS = java.util.Set.of("local-intake-key", "compose-intake-key");

    ProductionGuard(@Value("${journey.admin.id:admin}") String adminId,
                    @Value("${journey.admin.password:}") String adminPassword,
                    @Value("${spring.mail.host:}") String smtpHost,
                    @Value("${journey.intake.api-keys:}") String intakeKeys) {
        this.adminId = adminId;
        this.adminPassword = adminPassword;
        this.smtpHost = smtpHost;
        this.intakeKeys = intakeKeys;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<String> problems = new ArrayList<>();
        if (adminPassword == null || adminPassword.isBlank()) {
            problems.add("the administrator password is not set (journey.admin.password, env ADMIN_PASSWORD)");
        } else if (adminPassword.equalsIgnoreCase(adminId)) {
            problems.add("the administrator password must not be the user id '" + adminId + "' (journey.admin.password, env ADMIN_PASSWORD)");
        }
        if (smtpHost == null || smtpHost.isBlank()) {
            problems.add("no SMTP host is set (spring.mail.host, env SMTP_HOST)");
        }
        java.util.List<String> keys = java.util.Arrays.stream(intakeKeys.split(",")).map(pair -> pair.split("=", 2)[0].trim())
            .filter(key -> !key.isEmpty()).toList();
        if (keys.isEmpty()) {
            problems.add("no intake API key is set (journey.intake.api-keys, env INTAKE_API_KEYS: key=system,key2=system2)");
        } else if (keys.stream().anyMatch(PUBLIC_KEYS::contains)) {
            problems.add("an intake API key is one of the published defaults " + PUBLIC_KEYS
                + ": set your own (journey.intake.api-keys, env INTAKE_API_KEYS)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The prod profile refuses to start: " + String.join("; ", problems) + ".");
        }
    }
}
