package io.leadjourney.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Decides whether PostgreSQL tests run, and gives them a clean `test` database once per test run. */
public class PostgresDatabase implements ExecutionCondition {

    public static final String URL = env("POSTGRES_TEST_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = env("POSTGRES_TEST_USER", "postgres");
    public static final String PASSWORD = env("POSTGRES_TEST_PASSWORD", "");
    private static volatile boolean wiped;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        boolean required = "true".equalsIgnoreCase(System.getProperty("postgres.tests"));
        if ("false".equalsIgnoreCase(System.getProperty("postgres.tests"))) {
            return skip(context, "switched off with -Dpostgres.tests=false");
        }
        try {
            wipeOnce();
            return ConditionEvaluationResult.enabled("PostgreSQL answers at " + URL);
        } catch (SQLException e) {
            if (required) {
                // -Dpostgres.tests=true: the tests run and fail on the missing database instead of being skipped
                return ConditionEvaluationResult.enabled("PostgreSQL required but unreachable at " + URL + ": " + e.getMessage());
            }
            return skip(context, "no PostgreSQL at " + URL + " (" + e.getMessage() + "); run with -Dpostgres.tests=true to require it");
        }
    }

    private static ConditionEvaluationResult skip(ExtensionContext context, String reason) {
        System.out.println("SKIPPED " + context.getDisplayName() + ": " + reason);
        return ConditionEvaluationResult.disabled(reason);
    }

    /** Drops everything in the public schema once per JVM, so each test run starts from an empty database. */
    private static synchronized void wipeOnce() throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD)) {
            if (wiped) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("drop schema if exists public cascade");
                statement.execute("create schema public");
            }
            wiped = true;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
