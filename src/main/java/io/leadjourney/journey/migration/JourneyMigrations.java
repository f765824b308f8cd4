package io.leadjourney.journey.migration;

import static io.leadjourney.journey.JourneyVariables.OPPORTUNITY_PROCESS_KEY;
import static io.leadjourney.journey.JourneyVariables.PROCESS_KEY;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.leadjourney.journey.JourneySettings;
import io.leadjourney.journey.JourneyVariables;
import io.leadjourney.platform.BackgroundWork;
import io.leadjourney.platform.ModelDeployment;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Running journeys follow new versions. When a new version of {@code lead-journey} or {@code opportunity} is deployed
 * (Modeler, Cockpit or disk), a run is planned once for the cluster (unique per target version): every running
 * instance of an older version is recorded, and nodes whose job executor runs move them in batches with Camunda's
 * migration API ({@link MigrationPlans}). A batch that fails is retried instance by instance, so one journey that
 * cannot move (the new version has no place for where it waits) stays, with the engine's reason, and the others move.
 * A version whose process has the property {@code migrateRunningJourneys=false} leaves older journeys where they are.
 */
@Service
public class JourneyMigrations {

    static final List<String> PROCESS_KEYS = List.of(PROCESS_KEY, OPPORTUNITY_PROCESS_KEY);
    static final int MAX_LISTED_PROBLEMS = 50;
    private static final Logger log = LoggerFactory.getLogger(JourneyMigrations.class);

    enum Status { PENDING, MIGRATED, FAILED, KEPT, GONE, SUPERSEDED }

    private record Pending(String migrationId, String processInstanceId, String targetDefinitionId) {
    }

    private final JdbcClient jdbc;
    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final HistoryService history;
    private final MigrationPlans plans;
    private final TransactionTemplate transaction;
    private final String executionTable;
    private final Clock clock;
    private final boolean enabled;
    private final int batch;

    JourneyMigrations(JdbcClient jdbc, RuntimeService runtime, RepositoryService repository, HistoryService history, MigrationPlans plans,
                      PlatformTransactionManager transactions, ProcessEngineConfiguration configuration, Clock clock,
                      BackgroundWork background, JourneySettings settings) {
        this.jdbc = jdbc;
        this.runtime = runtime;
        this.repository = repository;
        this.history = history;
        this.plans = plans;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.executionTable = ((ProcessEngineConfigurationImpl) configuration).getDatabaseTablePrefix() + "ACT_RU_EXECUTION";
        this.clock = clock;
        this.enabled = background.enabled();
        this.batch = settings.migrations().batch();
    }

    @Scheduled(fixedDelayString = "${journey.migrations.interval:PT2S}", initialDelayString = "PT5S")
    void migrateInTheBackground() {
        if (enabled) {
            planNewVersions();
            while (migratePending(batch) > 0) {
                // keep going until every planned journey had its turn
            }
        }
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
                    problems.add(detail);
                }
            }
            int journeys = jdbc.sql("insert into lj_migration_instance (migration_id, process_instance_id, business_key, from_definition_id, status, "
                    + "detail, updated_at) select ?, e.ID_, e.BUSINESS_KEY_, e.PROC_DEF_ID_, ?, ?, ? from " + executionTable + " e "
                    + "where e.ID_ = e.PROC_INST_ID_ and e.PROC_DEF_ID_ = ?")
                .params(id, status.name(), detail, now, source.getId()).update();
            log.info("Journey migration {}: {} instance(s) of {} version {} -> version {} ({})", id, journeys, target.getKey(),
                source.getVersion(), target.getVersion(), status);
        }
        if (!problems.isEmpty()) {
            jdbc.sql("update lj_migration set plan_problems = ? where id = ?").params(truncate(String.join("\n", problems), 8000), id).update();
        }
        finishRuns();
        return id;
    }

    /** Moves up to {@code max} planned journeys; returns how many had their turn. */
    public int migratePending(int max) {
        List<Pending> claimed = new ArrayList<>();
        try {
            transaction.executeWithoutResult(status -> {
                claimed.addAll(claim(max));
                migrate(claimed);
            });
        } catch (RuntimeException batchFailed) {
            // one of them cannot move (or is busy): each on its own, so that the others still move
            for (Pending one : claimed) {
                migrateAlone(one);
            }
        }
        if (!claimed.isEmpty()) {
            finishRuns();
        }
        return claimed.size();
    }

    private List<Pending> claim(int max) {
        List<String[]> rows = jdbc.sql("select migration_id, process_instance_id from lj_migration_instance where status = ? "
                + "order by migration_id, process_instance_id fetch first " + max + " rows only for update skip locked")
            .param(Status.PENDING.name()).query((rs, row) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        Map<String, String> targets = new LinkedHashMap<>();
        List<Pending> claimed = new ArrayList<>();
        for (String[] row : rows) {
            String target = targets.computeIfAbsent(row[0], migration -> jdbc.sql("select to_definition_id from lj_migration where id = ?")
                .param(migration).query(String.class).single());
            claimed.add(new Pending(row[0], row[1], target));
        }
        return claimed;
    }

    /** Moves the claimed journeys, grouped by the version each is on now, in the caller's transaction. */
    private void migrate(List<Pending> claimed) {
        Map<String, List<Pending>> byTarget = claimed.stream().collect(Collectors.groupingBy(Pending::targetDefinitionId, LinkedHashMap::new,
            Collectors.toList()));
        for (Map.Entry<String, List<Pending>> group : byTarget.entrySet()) {
            Map<String, String> current = runtime.createProcessInstanceQuery()
                .processInstanceIds(group.getValue().stream().map(Pending::processInstanceId).collect(Collectors.toSet())).list().stream()
                .collect(Collectors.toMap(ProcessInstance::getId, ProcessInstance::getProcessDefinitionId));
            Map<String, List<String>> bySource = new LinkedHashMap<>();
            for (Pending one : group.getValue()) {
                String source = current.get(one.processInstanceId());
                if (source == null) {
                    mark(one, Status.GONE, "ended before its turn");
                } else if (source.equals(group.getKey())) {
                    mark(one, Status.MIGRATED, "already on the new version");
                } else {
                    bySource.computeIfAbsent(source, s -> new ArrayList<>()).add(one.processInstanceId());
                }
            }
            for (Map.Entry<String, List<String>> from : bySource.entrySet()) {
                MigrationPlans.Plan plan = plans.between(from.getKey(), group.getKey());
                if (plan.plan() == null) {
                    throw new IllegalStateException("no migration plan: " + plan.problem());
                }
                runtime.newMigration(plan.plan()).processInstanceIds(from.getValue()).execute();
                giveDefaults(group.getKey(), from.getValue());
            }
            group.getValue().stream().filter(one -> bySource.values().stream().anyMatch(ids -> ids.contains(one.processInstanceId())))
                .forEach(one -> mark(one, Status.MIGRATED, null));
        }
    }

    /** A new version may read variables the old one never set: moved journeys get the value a new journey starts with. */
    private void giveDefaults(String targetDefinitionId, List<String> processInstanceIds) {
        if (!JourneyVariables.PROCESS_KEY.equals(repository.getProcessDefinition(targetDefinitionId).getKey())) {
            return;
        }
        JourneyVariables.DEFAULTS.forEach((name, value) -> {
            Set<String> having = runtime.createVariableInstanceQuery().variableName(name)
                .processInstanceIdIn(processInstanceIds.toArray(String[]::new)).list().stream()
                .map(org.camunda.bpm.engine.runtime.VariableInstance::getProcessInstanceId).collect(Collectors.toSet());
            processInstanceIds.stream().filter(id -> !having.contains(id)).forEach(id -> runtime.setVariable(id, name, value));
        });
    }

    private void migrateAlone(Pending one) {
        try {
            transaction.executeWithoutResult(status -> {
                boolean stillPending = !jdbc.sql("select process_instance_id from lj_migration_instance where migration_id = ? and process_instance_id = ? "
                        + "and status = ? for update skip locked")
                    .params(one.migrationId(), one.processInstanceId(), Status.PENDING.name()).query(String.class).list().isEmpty();
                if (stillPending) {
                    migrate(List.of(one));
                }
            });
        } catch (OptimisticLockingException busy) {
            // the journey was applying a signal at that moment: it keeps its turn for the next round
        } catch (RuntimeException refused) {
            String reason = waitsAt(one.processInstanceId()) + refused.getMessage();
            log.warn("Journey migration {}: instance {} stays on its version: {}", one.migrationId(), one.processInstanceId(), reason);
            transaction.executeWithoutResult(status -> jdbc.sql("update lj_migration_instance set status = ?, detail = ?, updated_at = ? "
                    + "where migration_id = ? and process_instance_id = ? and status = ?")
                .params(Status.FAILED.name(), truncate(reason), OffsetDateTime.now(clock), one.migrationId(), one.processInstanceId(),
                    Status.PENDING.name())
                .update());
        }
    }

    /** Where the journey waits, in the model's ids: what a marketing-ops person needs to give a place in the new version. */
    private String waitsAt(String processInstanceId) {
        try {
            return "waits at " + runtime.getActiveActivityIds(processInstanceId) + ": ";
        } catch (RuntimeException gone) {
            return "";
        }
    }

    private void mark(Pending one, Status status, String detail) {
        jdbc.sql("update lj_migration_instance set status = ?, detail = ?, updated_at = ? where migration_id = ? and process_instance_id = ?")
            .params(status.name(), detail, OffsetDateTime.now(clock), one.migrationId(), one.processInstanceId()).update();
    }

    private void finishRuns() {
        jdbc.sql("update lj_migration set finished_at = ? where finished_at is null and not exists "
                + "(select 1 from lj_migration_instance i where i.migration_id = lj_migration.id and i.status = ?)")
            .params(OffsetDateTime.now(clock), Status.PENDING.name()).update();
    }

    /** Every run, newest first. */
    public List<MigrationRun> runs() {
        return jdbc.sql("select id, process_key, from_versions, to_version, plan_problems, started_at, finished_at, deployed_by, opted_out "
                + "from lj_migration order by started_at desc, to_version desc")
            .query((rs, row) -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class), rs.getString(8), rs.getBoolean(9)})
            .list().stream().map(this::run).toList();
    }

    private MigrationRun run(Object[] row) {
        String id = (String) row[0];
        Map<String, Integer> counts = new LinkedHashMap<>();
        jdbc.sql("select status, count(*) from lj_migration_instance where migration_id = ? group by status").param(id)
            .query(rs -> {
                counts.put(rs.getString(1), rs.getInt(2));
            });
        List<String> problems = new ArrayList<>();
        if (row[4] != null) {
            problems.addAll(Arrays.asList(((String) row[4]).split("\n")));
        }
        jdbc.sql("select process_instance_id, business_key, detail from lj_migration_instance where migration_id = ? and status = ? "
                + "order by process_instance_id fetch first " + MAX_LISTED_PROBLEMS + " rows only")
            .params(id, Status.FAILED.name())
            .query(rs -> {
                String detail = rs.getString(3);
                if (!problems.contains(detail)) {
                    problems.add("instance " + rs.getString(1) + (rs.getString(2) == null ? "" : " (" + rs.getString(2) + ")") + ": " + detail);
                }
            });
        List<Integer> from = ((String) row[2]).isBlank() ? List.of()
            : Arrays.stream(((String) row[2]).split(",")).map(Integer::valueOf).toList();
        int remaining = counts.getOrDefault(Status.PENDING.name(), 0) + counts.getOrDefault(Status.FAILED.name(), 0)
            + counts.getOrDefault(Status.KEPT.name(), 0);
        return new MigrationRun(id, (String) row[1], from, (Integer) row[3], counts.getOrDefault(Status.MIGRATED.name(), 0), remaining,
            problems, (OffsetDateTime) row[5], (OffsetDateTime) row[6], (String) row[7], (Boolean) row[8]);
    }

    /** What the runs did to these process instances (a person's journeys), oldest first. */
    public List<MigrationEntry> history(Collection<String> processInstanceIds) {
        if (processInstanceIds.isEmpty()) {
            return List.of();
        }
        Set<String> ids = Set.copyOf(processInstanceIds);
        List<MigrationEntry> entries = new ArrayList<>();
        jdbc.sql("select i.updated_at, i.process_instance_id, m.process_key, i.from_definition_id, m.to_version, i.status, i.detail, m.deployed_by "
                + "from lj_migration_instance i join lj_migration m on m.id = i.migration_id where i.process_instance_id in (:ids) "
                + "and i.status <> :pending order by i.updated_at")
            .param("ids", ids).param("pending", Status.PENDING.name())
            .query(rs -> {
                ProcessDefinition from = repository.getProcessDefinition(rs.getString(4));
                entries.add(new MigrationEntry(rs.getObject(1, OffsetDateTime.class), rs.getString(2), rs.getString(3), from.getVersion(),
                    rs.getInt(5), rs.getString(6), rs.getString(7), rs.getString(8)));
            });
        return entries;
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

    private static String truncate(String text) {
        return truncate(text, 2000);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
