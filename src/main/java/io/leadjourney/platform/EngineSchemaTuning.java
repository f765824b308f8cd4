package io.leadjourney.platform;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * What Camunda's schema lacks at our volumes, found by the scale benchmark (docs/benchmarks.md), added when the engine
 * has been built (its tables exist then) and missing:
 * <ul>
 * <li>an index on the jobs' due dates: every node's job acquisition asks for due jobs every few seconds, and with a
 * million waiting timers each acquisition read the whole ACT_RU_JOB table. With due dates always set
 * ({@code ensure-job-due-date-not-null}) and acquisition by due date (both in application.yaml) it is a range scan.
 * On PostgreSQL it is built {@code concurrently}, so a node starting next to running ones does not block their writes;
 * <li>on PostgreSQL, statistics on the permission bits of ACT_RU_AUTHORIZATION: the task query's authorization check
 * tests {@code PERMS_ & 2 = 2}, which the planner guessed matched 0.5 % of the rows instead of nearly all; it then
 * joined every task with every authorization row of the user (8 s for 10 000 tasks instead of 90 ms).
 * </ul>
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE) // after the start-up lock is released: builds concurrently, other nodes may be starting
class EngineSchemaTuning extends AbstractProcessEnginePlugin {

    static final String JOB_DUE_DATE_INDEX = "lj_idx_job_duedate";
    static final String AUTHORIZATION_STATISTICS = "lj_stat_auth_perms";

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        boolean postgres = "postgres".equals(configuration.getDatabaseType());
        String prefix = configuration.getDatabaseTablePrefix();
        try (Connection connection = configuration.getDataSource().getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            if (postgres && invalidIndex(statement)) {
                // what an interrupted "create index concurrently" leaves behind: drop it and build it again
                statement.execute("drop index concurrently if exists " + JOB_DUE_DATE_INDEX);
            }
            statement.execute("create index " + (postgres ? "concurrently " : "") + "if not exists " + JOB_DUE_DATE_INDEX + " on " + prefix
                + "act_ru_job (duedate_)");
            if (postgres) {
                // READ (2) and READ_TASK (64) are what the task queries test; expression statistics need PostgreSQL 14
                statement.execute("create statistics if not exists " + AUTHORIZATION_STATISTICS + " on (perms_ & 2), (perms_ & 64) from "
                    + prefix + "act_ru_authorization");
            }
        } catch (SQLException e) {
            throw new ProcessEngineException("Could not add the index and statistics of platform.EngineSchemaTuning", e);
        }
    }

    /** An invalid index nobody is building: a leftover. (One another node is building right now is invalid too, and kept.) */
    private static boolean invalidIndex(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("select not i.indisvalid and not exists (select 1 from pg_stat_progress_create_index p "
            + "where p.index_relid = c.oid) from pg_index i join pg_class c on c.oid = i.indexrelid "
            + "where c.relname = '" + JOB_DUE_DATE_INDEX + "' and pg_table_is_visible(c.oid)")) {
            return rs.next() && rs.getBoolean(1);
        }
    }
}
