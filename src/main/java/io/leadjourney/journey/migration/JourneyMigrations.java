package io.leadjourney.journey.migration;


import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.leadjourney.journey.JourneySettings;
import io.leadjourney.journey.JourneyVariables;
import io.leadjourney.platform.BackgroundWork;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
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

    private static final Logger log = LoggerFactory.getLogger(JourneyMigrations.class);

    enum Status { PENDING, MIGRATED, FAILED, KEPT, GONE, SUPERSEDED }

    private record Pending(String migrationId, String processInstanceId, String targetDefinitionId) {
    }

    private final JdbcClient jdbc;
    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final MigrationPlans plans;
    private final MigrationPlanner planner;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final boolean enabled;
    private final int batch;

    JourneyMigrations(JdbcClient jdbc, RuntimeService runtime, RepositoryService repository, MigrationPlans plans, MigrationPlanner planner,
                      PlatformTransactionManager transactions, Clock clock, BackgroundWork background, JourneySettings settings) {
        this.jdbc = jdbc;
        this.runtime = runtime;
        this.repository = repository;
        this.plans = plans;
        this.planner = planner;
        this.transaction = MigrationPlanner.ownTransaction(transactions);
        this.clock = clock;
        this.enabled = background.enabled();
        this.batch = settings.migrations().batch();
    }

    /** Plans a run for each process whose latest version has none yet; returns the new runs' ids. */
    public List<String> planNewVersions() {
        return planner.planNewVersions();
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
            planner.finishRuns();
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
                .map(VariableInstance::getProcessInstanceId).collect(Collectors.toSet());
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

    static String truncate(String text) {
        return truncate(text, 2000);
    }

    static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
