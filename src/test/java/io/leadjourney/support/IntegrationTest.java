package io.leadjourney.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.leadjourney.platform.security.IdentitySetup;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a random port, with the test profile: an in-memory H2 database (subclasses may switch to
 * PostgreSQL), the embedded SMTP server on a free port, the job executor off. The engine clock (which every row the
 * service writes takes its time from) starts at {@link TestClock#START} in every test.
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
    void ownEngineIsTheDefaultAndTheClockStarts() {
        ProcessEngines.registerProcessEngine(processEngine);
        TestClock.set(TestClock.START);
    }

    @AfterEach
    void clockBackToTheSystemAndThrowawayUsersGone() {
        TestClock.reset();
        throwawayUsers.forEach(processEngine.getIdentityService()::deleteUser);
        throwawayUsers.clear();
    }

    @DynamicPropertySource
    static void smtpOnFreePort(DynamicPropertyRegistry registry) {
        int smtp = FreePort.find();
        registry.add("journey.local-smtp.port", () -> smtp);
        registry.add("spring.mail.port", () -> smtp);
    }

    /**
     * A user of its own for a test that provokes failed sign-ins, so that no count of wrong passwords reaches the demo
     * users other tests sign in as.
     */
    protected String throwawayUser(String... groups) {
        String id = "tmp-" + UUID.randomUUID().toString().substring(0, 8);
        throwawayUsers.add(id);
        IdentityService identity = processEngine.getIdentityService();
        User user = identity.newUser(id);
        user.setFirstName("Test");
        user.setLastName("User");
        user.setPassword(THROWAWAY_PASSWORD);
        identity.saveUser(user);
        for (String group : groups) {
            identity.createMembership(id, group);
        }
        return id;
    }

    protected static final String THROWAWAY_PASSWORD = "Kopi-Tubruk-2026!";

    private final List<String> throwawayUsers = new ArrayList<>();

    /** The demo users' password is "demo"; users the tests create have {@link #THROWAWAY_PASSWORD}. */
    protected static String passwordOf(String user) {
        return DEMO_USERS.contains(user) ? IdentitySetup.DEMO_PASSWORD : THROWAWAY_PASSWORD;
    }

    private static final Set<String> DEMO_USERS = Set.of("admin", "marketing", "sales", "manager", "auditor");

    protected Http http() {
        return new Http(port);
    }

    protected Http intake() {
        return http().with("X-Api-Key", "local-intake-key");
    }
}
