package io.leadjourney.platform.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Identical nodes started together on one PostgreSQL database set the database up one at a time: Camunda's schema,
 * the groups and users (platform.security.IdentitySetup), the models (platform.ModelDeployment). A node holds a
 * PostgreSQL advisory lock from before its engine is built until the models are deployed ({@link Release}); the
 * next node then finds everything in place. Without it the second of two nodes started on an empty database died
 * (duplicate key of pg_type while creating the schema). The lock belongs to a connection: a node that dies releases it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class StartupLock extends AbstractProcessEnginePlugin {

    /** The advisory lock key: "LJSU" (Lead Journey start-up). */
    static final long KEY = 0x4c4a5355L;
    private static final Logger log = LoggerFactory.getLogger(StartupLock.class);

    private final DataSource dataSource;
    private Connection held;

    StartupLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        try {
            Connection connection = dataSource.getConnection();
            if (!"PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName())) {
                connection.close();
                return;
            }
            connection.setAutoCommit(true);
            // asked again and again rather than waited for in one statement: a waiting statement is an open transaction,
            // and the other node's "create index concurrently" (EngineSchemaTuning) would wait for it in turn
            try (Statement statement = connection.createStatement()) {
                while (!tryLock(statement)) {
                    Thread.sleep(250);
                }
            }
            held = connection;
        } catch (SQLException e) {
            throw new ProcessEngineException("Could not take the start-up lock", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessEngineException("Interrupted while waiting for the start-up lock", e);
        }
    }

    private static boolean tryLock(Statement statement) throws SQLException {
        try (var result = statement.executeQuery("select pg_try_advisory_lock(" + KEY + ")")) {
            return result.next() && result.getBoolean(1);
        }
    }

    synchronized void release() {
        if (held == null) {
            return;
        }
        try (Connection connection = held; Statement statement = connection.createStatement()) {
            statement.execute("select pg_advisory_unlock(" + KEY + ")");
        } catch (SQLException e) {
            log.warn("Could not release the start-up lock (it goes with its connection): {}", e.getMessage());
        } finally {
            held = null;
        }
    }

    /** After the groups and the models are in place (EngineSchemaTuning's concurrent index build comes after). */
    @Component
    @Order(Ordered.LOWEST_PRECEDENCE - 5)
    static class Release extends AbstractProcessEnginePlugin {

        private final StartupLock lock;

        Release(StartupLock lock) {
            this.lock = lock;
        }

        @Override
        public void postProcessEngineBuild(ProcessEngine engine) {
            lock.release();
        }
    }
}
