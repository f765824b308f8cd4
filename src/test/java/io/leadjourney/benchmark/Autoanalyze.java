package io.leadjourney.benchmark;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What autovacuum's analyze does on a production server, for a server that has it switched off (this machine's CI
 * configuration, conf.d/90-ci.conf: {@code autovacuum = off}): every 10 seconds, each table changed by more than
 * autovacuum's own threshold since its last analyze (50 rows + 10 % of its rows) is analyzed. Without it, a table that
 * was empty at the start keeps the plan of an empty table — a sequential scan — and every query on it slows down as it
 * grows. Does nothing when the server runs autovacuum.
 */
final class Autoanalyze implements AutoCloseable {

    private final ScheduledExecutorService timer;
    private int analyzed;

    private Autoanalyze(JdbcClient jdbc) {
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-autoanalyze");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            List<String> due = jdbc.sql("select relname from pg_stat_user_tables where n_mod_since_analyze > 50 + 0.1 * n_live_tup")
                .query(String.class).list();
            due.forEach(table -> jdbc.sql("analyze " + table).update());
            analyzed += due.size();
        }, 10, 10, TimeUnit.SECONDS);
    }

    /** Started when the server does not run autovacuum; null otherwise. */
    static Autoanalyze whenSwitchedOff(JdbcClient jdbc) {
        boolean on = "on".equals(jdbc.sql("show autovacuum").query(String.class).single());
        return on ? null : new Autoanalyze(jdbc);
    }

    int analyzed() {
        return analyzed;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
