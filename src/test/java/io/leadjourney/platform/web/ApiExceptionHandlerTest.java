package io.leadjourney.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionSystemException;

/** Which failures mean "the database cannot be reached" (503 + Retry-After) rather than a fault of the service (500). */
class ApiExceptionHandlerTest {

    @Test
    void aLostOrRefusedConnectionAnywhereInTheCausesIsTheDatabaseBeingUnreachable() {
        // PostgreSQL restarting (57P01 admin shutdown), a network cut (08006), the pool giving up (transient connection)
        assertThat(ApiExceptionHandler.databaseUnreachable(new ProcessEngineException("flush failed",
            new RuntimeException(new SQLException("terminating connection due to administrator command", "57P01"))))).isTrue();
        assertThat(ApiExceptionHandler.databaseUnreachable(new SQLException("An I/O error occurred", "08006"))).isTrue();
        assertThat(ApiExceptionHandler.databaseUnreachable(new IllegalStateException(new SQLTransientConnectionException("timeout")))).isTrue();
        assertThat(ApiExceptionHandler.databaseUnreachable(new SQLException("duplicate key", "23505"))).isFalse();
        // what a PostgreSQL restart looked like in the chaos suite: the rollback failed on the closed connection and hid the cause
        TransactionSystemException rollback = new TransactionSystemException(
            "JDBC rollback failed", new SQLException("Connection is closed"));
        rollback.initApplicationException(new ProcessEngineException("ENGINE-03004 insert failed",
            new SQLException("FATAL: terminating connection due to administrator command", "57P01")));
        assertThat(ApiExceptionHandler.databaseUnreachable(new ProcessEngineException("persistence layer", rollback))).isTrue();
        assertThat(ApiExceptionHandler.databaseUnreachable(new IllegalStateException("a bug"))).isFalse();
    }
}
