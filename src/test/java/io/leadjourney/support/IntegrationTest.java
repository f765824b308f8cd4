package io.leadjourney.support;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a random port, with the test profile: an in-memory H2 database (subclasses may switch to
 * PostgreSQL), the embedded SMTP server on a free port, the job executor off.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class IntegrationTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected TestJourneys journeys;
    @Autowired
    protected ProcessEngine processEngine;

    /**
     * Camunda's REST API and webapps find "the default engine" in a JVM-wide registry, and several application contexts
     * (H2, PostgreSQL, other settings) live side by side in a test run; closing one even unregisters the name. Each
     * test makes its own context's engine the default one again.
     */
    @BeforeEach
    void ownEngineIsTheDefault() {
        ProcessEngines.registerProcessEngine(processEngine);
    }

    @DynamicPropertySource
    static void smtpOnFreePort(DynamicPropertyRegistry registry) {
        int smtp = FreePort.find();
        registry.add("journey.local-smtp.port", () -> smtp);
        registry.add("spring.mail.port", () -> smtp);
    }

    protected Http http() {
        return new Http(port);
    }

    protected Http intake() {
        return http().with("X-Api-Key", "local-intake-key");
    }
}
