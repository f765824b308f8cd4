package io.leadjourney.journey.migration;

import static io.leadjourney.journey.JourneyVariables.OPPORTUNITY_PROCESS_KEY;
import static io.leadjourney.journey.JourneyVariables.PROCESS_KEY;
import static io.leadjourney.journey.migration.JourneyMigrations.truncate;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import io.leadjourney.journey.migration.JourneyMigrations.Status;
import io.leadjourney.platform.ModelDeployment;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Plans the runs of {@link JourneyMigrations}: once per new version (unique in lj_migration), every running journey of
 * an older version recorded with what will happen to it (move, keep: the version opted out, or no plan possible).
 */
@Component
class MigrationPlanner {

    static final List<String> PROCESS_KEYS = List.of(PROCESS_KEY, OPPORTUNITY_PROCESS_KEY);
    private static final Logger log = LoggerFactory.getLogger(MigrationPlanner.class);

    private final JdbcClient jdbc;
    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final HistoryService history;
    private final MigrationPlans plans;
    private final TransactionTemplate transaction;
    private final String executionTable;
    private final Clock clock;

    MigrationPlanner(JdbcClient jdbc, RuntimeService runtime, RepositoryService repository, HistoryService history, MigrationPlans plans,
                     PlatformTransactionManager transactions, ProcessEngineConfiguration configuration, Clock clock) {
        this.jdbc = jdbc;
        this.runtime = runtime;
        this.repository = repository;
        this.history = history;
        this.plans = plans;
        this.transaction = ownTransaction(transactions);
        this.executionTable = ((ProcessEngineConfigurationImpl) configuration).getDatabaseTablePrefix() + "ACT_RU_EXECUTION";
        this.clock = clock;
    }

    /** Each planning and each batch commits on its own, whatever the caller's transaction. */
    static TransactionTemplate ownTransaction(PlatformTransactionManager transactions) {
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return transaction;
    }

    /** Plans a run for each process whose latest version has none yet; returns the new runs' ids. */
    public List<String> planNewVersions() {
        List<String> planned = new ArrayList<>();
        for (String key : PROCESS_KEYS) {
            ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult();
            if (latest == null || latest.getVersion() == 1 || runExists(latest.getId())) {
                continue;
            }
            try {
                planned.add(transaction.execute(status -> plan(latest)));
            } catch (DuplicateKeyException otherNode) {
                // another node planned this version at the same moment
            }
        }
        return planned;
    }


    private boolean runExists(String targetDefinitionId) {
        return jdbc.sql("select count(*) from lj_migration where to_definition_id = ?").param(targetDefinitionId).query(Integer.class).single() > 0;
    }

    private String plan(ProcessDefinition target) {
        String id = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<ProcessDefinition> older = repository.createProcessDefinitionQuery().processDefinitionKey(target.getKey())
            .list().stream().filter(definition -> definition.getVersion() < target.getVersion())
            .filter(definition -> runtime.createProcessInstanceQuery().processDefinitionId(definition.getId()).count() > 0)
            .sorted((a, b) -> Integer.compare(a.getVersion(), b.getVersion())).toList();
        boolean migrate = plans.migratesRunning(target.getId());
        List<String> problems = new ArrayList<>();
        jdbc.sql("insert into lj_migration (id, process_key, to_definition_id, to_version, from_versions, deployment_id, deployed_by, opted_out, "
                + "started_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .params(id, target.getKey(), target.getId(), target.getVersion(),
                older.stream().map(definition -> Integer.toString(definition.getVersion())).collect(Collectors.joining(",")),
                target.getDeploymentId(), deployedBy(target.getDeploymentId()), !migrate, now)
            .update();
        // journeys still waiting for an older run of the same process go to this newer version instead
        jdbc.sql("update lj_migration_instance set status = ?, detail = ?, updated_at = ? where status = ? and migration_id in "
                + "(select id from lj_migration where process_key = ? and id <> ?)")
            .params(Status.SUPERSEDED.name(), "moved on to version " + target.getVersion(), now, Status.PENDING.name(), target.getKey(), id)
            .update();
        for (ProcessDefinition source : older) {
            recordJourneys(id, source, target, migrate, now).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            jdbc.sql("update lj_migration set plan_problems = ? where id = ?").params(truncate(String.join("\n", problems), 8000), id).update();
        }
        finishRuns();
        return id;
    }

    /** Records the running journeys of one older version with what will happen to them; the plan's problem, if any. */
    private Optional<String> recordJourneys(String id, ProcessDefinition source, ProcessDefinition target, boolean migrate,
                                            OffsetDateTime now) {
        Status status = Status.PENDING;
        String detail = null;
        if (!migrate) {
            status = Status.KEPT;
            detail = "version " + target.getVersion() + " opted out (process property " + MigrationPlans.MIGRATE_RUNNING + "=false)";
        } else {
            MigrationPlans.Plan plan = plans.between(source.getId(), target.getId());
            if (plan.plan() == null) {
                status = Status.FAILED;
                detail = truncate("no migration plan from version " + source.getVersion() + ": " + plan.problem());
            }
        }
        int journeys = jdbc.sql("insert into lj_migration_instance (migration_id, process_instance_id, business_key, from_definition_id, status, "
                + "detail, updated_at) select ?, e.ID_, e.BUSINESS_KEY_, e.PROC_DEF_ID_, ?, ?, ? from " + executionTable + " e "
                + "where e.ID_ = e.PROC_INST_ID_ and e.PROC_DEF_ID_ = ?")
            .params(id, status.name(), detail, now, source.getId()).update();
        log.info("Journey migration {}: {} instance(s) of {} version {} -> version {} ({})", id, journeys, target.getKey(),
            source.getVersion(), target.getVersion(), status);
        return status == Status.FAILED ? Optional.of(detail) : Optional.empty();
    }

    void finishRuns() {
        jdbc.sql("update lj_migration set finished_at = ? where finished_at is null and not exists "
                + "(select 1 from lj_migration_instance i where i.migration_id = lj_migration.id and i.status = ?)")
            .params(OffsetDateTime.now(clock), Status.PENDING.name()).update();
    }


    /** Who deployed: the user of the deployment (Modeler, Cockpit), or the models on disk at a node's startup. */
    private String deployedBy(String deploymentId) {
        UserOperationLogEntry entry = history.createUserOperationLogQuery().deploymentId(deploymentId)
            .operationType(UserOperationLogEntry.OPERATION_TYPE_CREATE).list().stream().filter(e -> e.getUserId() != null).findFirst().orElse(null);
        if (entry != null) {
            return entry.getUserId();
        }
        Deployment deployment = repository.createDeploymentQuery().deploymentId(deploymentId).singleResult();
        return deployment != null && ModelDeployment.DEPLOYMENT_NAME.equals(deployment.getName()) ? "models on disk (startup)" : null;
    }
}
