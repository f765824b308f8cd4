package io.leadjourney.insight;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.leadjourney.people.Stage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The evaluation article 003 asks for: of the people who entered in a period (optionally from one source), how many
 * are in each stage now, how many reached each stage, how many of those moved past it, how long they stayed, and why
 * deals were won or lost — overall, by source and by month.
 */
@Service
public class FunnelReport {

    /** The forward path of the funnel; CLOSED_LOST and DISQUALIFIED are exits, not steps. */
    static final List<Stage> FUNNEL = List.of(Stage.CONTACT, Stage.LEAD, Stage.MQL, Stage.PQL, Stage.SQL, Stage.PROSPECT, Stage.OPPORTUNITY,
        Stage.CUSTOMER);

    public record StageFigures(String stage, int now, int reached, int movedOn, Double conversionRate, Double medianHoursInStage) {
    }

    public record Funnel(LocalDate from, LocalDate to, String source, int people, List<StageFigures> stages, int won, int lost,
                         Map<String, Integer> lossReasons, int disqualified, Map<String, Integer> disqualifyReasons,
                         Map<String, Map<String, Integer>> reachedBySource, Map<String, Map<String, Integer>> byMonth,
                         List<Experiments.Experiment> experiments) {
    }

    private record Change(String personId, Stage to, OffsetDateTime at) {
    }

    private final JdbcClient jdbc;

    /** journey.default-time-zone: the period's dates and the months are read in it. */
    private final ZoneId zone;

    FunnelReport(JdbcClient jdbc, ZoneId zone) {
        this.jdbc = jdbc;
        this.zone = zone;
    }

    ZoneId zone() {
        return zone;
    }

    /** The people of the report: a subquery of their ids and its parameters. */
    private record Population(String sql, List<Object> params) {
    }

    /** People created from {@code from} to {@code to} (inclusive, dates in journey.default-time-zone); {@code source} null for all. */
    public Funnel report(LocalDate from, LocalDate to, String source) {
        OffsetDateTime start = from.atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime end = to.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        Population population = new Population("select id from lj_person where created_at >= ? and created_at < ? and erased_at is null"
            + (source == null ? "" : " and source = ?"), source == null ? List.of(start, end) : List.of(start, end, source));

        Map<String, Stage> current = new HashMap<>();
        Map<String, String> sources = new HashMap<>();
        Map<String, OffsetDateTime> created = new HashMap<>();
        jdbc.sql("select id, stage, source, created_at from lj_person where id in (" + population.sql() + ")").params(population.params())
            .query(rs -> {
                current.put(rs.getString(1), Stage.valueOf(rs.getString(2)));
                sources.put(rs.getString(1), rs.getString(3) == null ? "(none)" : rs.getString(3));
                created.put(rs.getString(1), rs.getObject(4, OffsetDateTime.class));
            });
        Map<String, List<Change>> changes = new HashMap<>();
        jdbc.sql("select person_id, to_stage, changed_at from lj_stage_change where person_id in (" + population.sql() + ") order by changed_at, id")
            .params(population.params())
            .query(rs -> {
                changes.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                    .add(new Change(rs.getString(1), Stage.valueOf(rs.getString(2)), rs.getObject(3, OffsetDateTime.class)));
            });
        Map<String, Map<String, Integer>> reachedBySource = new TreeMap<>();
        List<StageFigures> stages = stages(current, changes, sources, reachedBySource);
        Map<String, Integer> lossReasons = new TreeMap<>();
        int[] outcomes = outcomes(population, lossReasons);
        Map<String, String> disqualifiedBecause = disqualified(population);
        Map<String, Integer> disqualifyReasons = new TreeMap<>();
        disqualifiedBecause.values().forEach(reason -> disqualifyReasons.merge(reason, 1, Integer::sum));
        return new Funnel(from, to, source, current.size(), stages, outcomes[0], outcomes[1], lossReasons, disqualifiedBecause.size(),
            disqualifyReasons, reachedBySource, byMonth(created, changes), experiments(population.sql(), population.params(), changes));
    }

    /** Per stage: how many are in it now, reached it, moved past it, and the median time in it; reached by source too. */
    private static List<StageFigures> stages(Map<String, Stage> current, Map<String, List<Change>> changes, Map<String, String> sources,
                                             Map<String, Map<String, Integer>> reachedBySource) {
        Map<Stage, Integer> now = new EnumMap<>(Stage.class);
        current.values().forEach(stage -> now.merge(stage, 1, Integer::sum));
        Map<Stage, Integer> reached = new EnumMap<>(Stage.class);
        Map<Stage, Integer> movedOn = new EnumMap<>(Stage.class);
        Map<Stage, List<Long>> minutesInStage = new EnumMap<>(Stage.class);
        for (Map.Entry<String, List<Change>> person : changes.entrySet()) {
            List<Change> path = person.getValue();
            Set<Stage> visited = path.stream().map(Change::to).collect(Collectors.toCollection(() -> EnumSet.noneOf(Stage.class)));
            int furthest = path.stream().map(Change::to).filter(FUNNEL::contains).mapToInt(FUNNEL::indexOf).max().orElse(-1);
            for (Stage stage : visited) {
                reached.merge(stage, 1, Integer::sum);
                reachedBySource.computeIfAbsent(sources.get(person.getKey()), k -> new LinkedHashMap<>()).merge(stage.name(), 1, Integer::sum);
                if (FUNNEL.contains(stage) && furthest > FUNNEL.indexOf(stage)) {
                    movedOn.merge(stage, 1, Integer::sum);
                }
            }
            for (int i = 0; i + 1 < path.size(); i++) {
                minutesInStage.computeIfAbsent(path.get(i).to(), k -> new ArrayList<>())
                    .add(Duration.between(path.get(i).at(), path.get(i + 1).at()).toMinutes());
            }
        }
        List<StageFigures> stages = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            int reachedCount = reached.getOrDefault(stage, 0);
            int moved = movedOn.getOrDefault(stage, 0);
            Double rate = !FUNNEL.contains(stage) || stage == Stage.CUSTOMER || reachedCount == 0 ? null
                : Math.round(1000.0 * moved / reachedCount) / 10.0;
            stages.add(new StageFigures(stage.name(), now.getOrDefault(stage, 0), reachedCount, FUNNEL.contains(stage) ? moved : 0, rate,
                median(minutesInStage.get(stage))));
        }
        return stages;
    }

    /** Deals won and lost ({won, lost}) of the population's opportunities, with the reasons of the lost ones. */
    private int[] outcomes(Population population, Map<String, Integer> lossReasons) {
        int[] outcomes = new int[2];
        jdbc.sql("select o.status, o.loss_reason from lj_opportunity o where o.primary_person_id in (" + population.sql() + ") and o.status <> 'OPEN'")
            .params(population.params())
            .query(rs -> {
                if ("WON".equals(rs.getString(1))) {
                    outcomes[0]++;
                } else {
                    outcomes[1]++;
                    lossReasons.merge(rs.getString(2) == null ? "OTHER" : rs.getString(2), 1, Integer::sum);
                }
            });
        return outcomes;
    }

    /** People sales disqualified, with their latest reason. */
    private Map<String, String> disqualified(Population population) {
        Map<String, String> because = new HashMap<>();
        jdbc.sql("select person_id, reason from lj_sales_verdict where verdict = 'DISQUALIFIED' and person_id in (" + population.sql() + ") "
                + "order by decided_at, id")
            .params(population.params())
            .query(rs -> {
                because.put(rs.getString(1), rs.getString(2) == null ? "OTHER" : rs.getString(2));
            });
        return because;
    }

    /** Per month of entry: people, how many of them became SQL, how many customers. */
    private Map<String, Map<String, Integer>> byMonth(Map<String, OffsetDateTime> created, Map<String, List<Change>> changes) {
        Map<String, Map<String, Integer>> byMonth = new TreeMap<>();
        for (Map.Entry<String, OffsetDateTime> person : created.entrySet()) {
            String month = YearMonth.from(person.getValue().atZoneSameInstant(zone)).toString();
            Map<String, Integer> figures = byMonth.computeIfAbsent(month, k -> new LinkedHashMap<>(Map.of("people", 0, "SQL", 0, "CUSTOMER", 0)));
            figures.merge("people", 1, Integer::sum);
            List<Change> path = changes.getOrDefault(person.getKey(), List.of());
            if (path.stream().anyMatch(c -> c.to() == Stage.SQL)) {
                figures.merge("SQL", 1, Integer::sum);
            }
            if (path.stream().anyMatch(c -> c.to() == Stage.CUSTOMER)) {
                figures.merge("CUSTOMER", 1, Integer::sum);
            }
        }
        return byMonth;
    }

    private List<Experiments.Experiment> experiments(String population, List<Object> params, Map<String, List<Change>> changes) {
        List<Experiments.Sent> sent = jdbc.sql("select person_id, template, min(sent_at) from lj_message where kind = 'MARKETING' and status = 'SENT' "
                + "and person_id in (" + population + ") group by person_id, template")
            .params(params)
            .query((rs, row) -> new Experiments.Sent(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class)))
            .list();
        Map<String, List<Experiments.Reached>> reached = new HashMap<>();
        changes.forEach((person, path) -> reached.put(person, path.stream().map(change -> new Experiments.Reached(change.to(), change.at())).toList()));
        return Experiments.of(sent, reached);
    }

    private static Double median(List<Long> minutes) {
        if (minutes == null || minutes.isEmpty()) {
            return null;
        }
        List<Long> sorted = minutes.stream().sorted().toList();
        int n = sorted.size();
        double middle = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        return Math.round(middle / 60.0 * 10) / 10.0;
    }
}
