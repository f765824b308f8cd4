package io.leadjourney.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A fresh PostgreSQL database for each benchmark run. */
final class BenchmarkDatabase {

    static final String NAME = "leadjourney_bench";

    private BenchmarkDatabase() {
    }

    static void recreate() {
        String url = System.getenv().getOrDefault("BENCH_ADMIN_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        try (Connection connection = DriverManager.getConnection(url, System.getenv().getOrDefault("BENCH_DB_USER", "postgres"),
            System.getenv().getOrDefault("BENCH_DB_PASSWORD", ""));
             Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + NAME + " with (force)");
            statement.execute("create database " + NAME);
        } catch (SQLException e) {
            throw new IllegalStateException("Benchmarks need the local PostgreSQL (" + url + "): " + e.getMessage(), e);
        }
    }
}
