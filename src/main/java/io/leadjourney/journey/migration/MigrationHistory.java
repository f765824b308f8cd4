package io.leadjourney.journey.migration;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.leadjourney.journey.migration.JourneyMigrations.Status;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** What the runs of {@link JourneyMigrations} did: per run (GET /api/journeys/migrations) and per journey (timelines). */
@Service
public class MigrationHistory {

    static final int MAX_LISTED_PROBLEMS = 50;

    private final JdbcClient jdbc;
    private final RepositoryService repository;

    MigrationHistory(JdbcClient jdbc, RepositoryService repository) {
        this.jdbc = jdbc;
        this.repository = repository;
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
}
