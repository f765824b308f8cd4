package io.leadjourney.platform;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * An index on the jobs' due dates, which Camunda's schema does not have. Every node's job acquisition asks for due jobs
 * every few seconds; with a million waiting journeys (a million timers) and no index each acquisition read the whole
 * ACT_RU_JOB table (docs/benchmarks.md, scale). With due dates always set ({@code ensure-job-due-date-not-null}) and
 * acquisition by due date ({@code job-executor-acquire-by-due-date}, both in application.yaml) the query is a range
 * scan of this index. Created when the engine has been built (its tables exist then) if missing — on PostgreSQL
 * {@code concurrently}, so a node starting next to running ones does not block their writes.
 */
@Component
class JobDueDateIndex extends AbstractProcessEnginePlugin {

    static final String NAME = "lj_idx_job_duedate";
    private static final Logger LOG = LoggerFactory.getLogger(JobDueDateIndex.class);

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        boolean postgres = "postgres".equals(configuration.getDatabaseType());
        String table = configuration.getDatabaseTablePrefix() + "act_ru_job";
        try (Connection connection = configuration.getDataSource().getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            if (postgres && invalidOnPostgres(statement)) {
                // what an interrupted "create index concurrently" leaves behind: drop it and build it again
                statement.execute("drop index concurrently if exists " + NAME);
            }
            statement.execute("create index " + (postgres ? "concurrently " : "") + "if not exists " + NAME + " on " + table + " (duedate_)");
        } catch (SQLException e) {
            throw new ProcessEngineException("Could not create the index " + NAME + " on the jobs' due dates", e);
        }
        LOG.debug("Index {} on {} (duedate_) present", NAME, table);
    }

    private static boolean invalidOnPostgres(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("select not i.indisvalid from pg_index i join pg_class c on c.oid = i.indexrelid "
            + "where c.relname = '" + NAME + "' and pg_table_is_visible(c.oid)")) {
            return rs.next() && rs.getBoolean(1);
        }
    }
}
