package io.leadjourney.journey;

import static io.leadjourney.journey.JourneyVariables.SCORE;
import static io.leadjourney.journey.JourneyVariables.SEGMENT;
import static io.leadjourney.journey.JourneyVariables.SIGNAL_TYPE;
import static io.leadjourney.journey.JourneyVariables.STAGE;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.leadjourney.people.PeopleService;
import io.leadjourney.people.Person;
import io.leadjourney.people.PersonRepository.DecidedHalfLife;
import io.leadjourney.people.Stage;
import io.leadjourney.platform.engine.DecisionInstances;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

/**
 * Scores one signal with marketing's tables, outside the journey: engagement-scoring gives the points, score-decay how
 * fast the score fades, lead-qualification what the evidence supports. The tables run through the engine's decision
 * service, so their history is the same as in a process (table, version, inputs, matched rules), and the ids of those
 * decision instances go with the signal. score-decay depends only on its version, the stage and the segment: it is asked
 * again when one of them changed, and its last answer stands until then. Runs in the caller's transaction.
 */
@Component
public class SignalScoring {

    static final String ENGAGEMENT_SCORING = "engagement-scoring";
    static final String SCORE_DECAY = "score-decay";
    static final String LEAD_QUALIFICATION = "lead-qualification";

    /**
     * What the tables said about a signal: the stage the evidence supports (null when no row matched), whether the person
     * asks for sales, the score after the signal, and what the journey keeps of the person now ({@link JourneyProfile}).
     */
    public record Scored(Stage qualifiedStage, boolean handRaiser, int score, Map<String, Object> profile, List<String> decisionInstanceIds) {

        Scored withDecisionInstances(List<String> ids) {
            return new Scored(qualifiedStage, handRaiser, score, profile, ids);
        }
    }

    private final DecisionService decisions;
    private final RepositoryService repository;
    private final DecisionInstances decisionInstances;
    private final PeopleService people;
    private final JourneyProfile profile;

    SignalScoring(DecisionService decisions, RepositoryService repository, DecisionInstances decisionInstances, PeopleService people,
                  JourneyProfile profile) {
        this.decisions = decisions;
        this.repository = repository;
        this.decisionInstances = decisionInstances;
        this.people = people;
        this.profile = profile;
    }

    /** Adds the signal's points to the person's score and qualifies the person; the stage itself is the journey's to move. */
    public Scored score(Person person, String signalType) {
        Map<String, Object> facts = profile.facts(person);
        Map<String, String> tables = latestTables();
        DecisionInstances.Evaluated<Scored> evaluated = decisionInstances.capture(() -> {
            Map<String, Object> variables = new HashMap<>(facts);
            variables.put(SIGNAL_TYPE.name(), signalType);
            variables.put(STAGE.name(), person.stage().name());
            DmnDecisionResult points = decisions.evaluateDecisionById(table(tables, ENGAGEMENT_SCORING)).variables(variables).evaluate();
            int score = people.addScore(person.id(), points.isEmpty() || points.getSingleEntry() == null ? 0
                : ((Number) points.getSingleEntry()).intValue(), halfLife(person, facts, table(tables, SCORE_DECAY)));
            variables.put(SCORE.name(), score);
            DmnDecisionResult qualified = decisions.evaluateDecisionById(table(tables, LEAD_QUALIFICATION)).variables(variables).evaluate();
            Map<String, Object> row = qualified.isEmpty() ? Map.of() : qualified.getSingleResult().getEntryMap();
            return new Scored(row.get("qualifiedStage") instanceof String stage ? Stage.valueOf(stage) : null,
                Boolean.TRUE.equals(row.get("handRaiser")), score, facts, List.of());
        });
        return evaluated.result().withDecisionInstances(evaluated.decisionInstanceIds());
    }

    /**
     * The id of the latest version of every decision, in one query (evaluating by key would look each one up again); the
     * engine keeps the deployed tables themselves in its cache.
     */
    private Map<String, String> latestTables() {
        return repository.createDecisionDefinitionQuery().latestVersion().list().stream()
            .collect(Collectors.toMap(DecisionDefinition::getKey, DecisionDefinition::getId, (a, b) -> a));
    }

    private static String table(Map<String, String> tables, String key) {
        String id = tables.get(key);
        if (id == null) {
            throw new IllegalStateException("no decision '" + key + "' is deployed (dmn/" + key + ".dmn)");
        }
        return id;
    }

    /** score-decay's half-life for the person: the one it gave last, unless its version, the stage or the segment changed. */
    private DecidedHalfLife halfLife(Person person, Map<String, Object> facts, String table) {
        String basis = table + " " + person.stage() + " " + facts.get(SEGMENT.name());
        return people.decidedHalfLife(person.id()).filter(known -> basis.equals(known.basis())).orElseGet(() -> {
            DmnDecisionResult result = decisions.evaluateDecisionById(table)
                .variables(Map.of(STAGE.name(), person.stage().name(), SEGMENT.name(), facts.get(SEGMENT.name())))
                .evaluate();
            String halfLife = result.isEmpty() ? null : result.getSingleEntry();
            return new DecidedHalfLife(halfLife == null ? Duration.ZERO : Duration.parse(halfLife), basis);
        });
    }
}
