package io.leadjourney.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.leadjourney.LeadJourneyApplication;
import io.leadjourney.support.FreePort;
import io.leadjourney.support.PostgresDatabase;
import io.leadjourney.support.PostgresTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Identical nodes started at the same moment on an empty PostgreSQL database: both come up, and set it up once. */
@PostgresTest
class TwoNodesOnPostgresTest {

    static final String DATABASE = "leadjourney_two_nodes";

    @Test
    void twoNodesStartedTogetherOnAnEmptyDatabaseBothStart() throws Exception {
        try (Connection admin = DriverManager.getConnection(PostgresDatabase.URL, PostgresDatabase.USER, PostgresDatabase.PASSWORD);
             Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + DATABASE + " with (force)");
            statement.execute("create database " + DATABASE);
        }
        String url = PostgresDatabase.URL.substring(0, PostgresDatabase.URL.lastIndexOf('/') + 1) + DATABASE;
        List<CompletableFuture<ConfigurableApplicationContext>> nodes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int node = i;
            nodes.add(CompletableFuture.supplyAsync(() -> new SpringApplicationBuilder(LeadJourneyApplication.class)
                .profiles("test", "postgres")
                .run("--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=" + PostgresDatabase.USER,
                    "--spring.datasource.password=" + PostgresDatabase.PASSWORD, "--journey.local-smtp.port=" + FreePort.find(),
                    "--camunda.bpm.job-execution.enabled=false",
                    // the webapps and the engine registry are JVM-wide: these extra nodes must not replace the test contexts' ones
                    "--camunda.bpm.webapp.enabled=false", "--camunda.bpm.process-engine-name=node" + node)));
        }
        List<ConfigurableApplicationContext> started = new ArrayList<>();
        try {
            for (CompletableFuture<ConfigurableApplicationContext> node : nodes) {
                started.add(node.get(5, TimeUnit.MINUTES));
            }
            ConfigurableApplicationContext first = started.get(0);
            assertThat(first.getBean(IdentityService.class).createGroupQuery().groupId("sales").count()).isOne();
            assertThat(first.getBean(RepositoryService.class).createProcessDefinitionQuery().processDefinitionKey("lead-journey").count())
                .as("the models deployed once").isOne();
        } finally {
            started.forEach(ConfigurableApplicationContext::close);
            for (CompletableFuture<ConfigurableApplicationContext> node : nodes) {
                node.thenAccept(ConfigurableApplicationContext::close);
            }
        }
    }
}
