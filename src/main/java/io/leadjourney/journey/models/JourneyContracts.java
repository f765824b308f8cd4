package io.leadjourney.journey.models;

import static io.leadjourney.journey.models.ValueType.BOOLEAN;
import static io.leadjourney.journey.models.ValueType.CHANNEL;
import static io.leadjourney.journey.models.ValueType.COUNT;
import static io.leadjourney.journey.models.ValueType.FIXED_DURATION;
import static io.leadjourney.journey.models.ValueType.GRADE;
import static io.leadjourney.journey.models.ValueType.GROUP;
import static io.leadjourney.journey.models.ValueType.INTEGER;
import static io.leadjourney.journey.models.ValueType.STAGE;
import static io.leadjourney.journey.models.ValueType.TEMPLATE;
import static io.leadjourney.journey.models.ValueType.TIMER_DURATION;
import static io.leadjourney.journey.models.ValueType.TRACK;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.leadjourney.journey.JourneyVariables;
import io.leadjourney.journey.ProcessVariable;

/**
 * What the journey's Java code relies on in the models marketing ops edit: the outputs it reads from each decision
 * table (name and kind of value), the inputs of the element templates' delegates, and the variables a journey has.
 * A deployment that breaks one of these is refused (ModelChecks), instead of failing later in a running journey.
 */
public final class JourneyContracts {

    public static final String ENGAGEMENT_SCORING = "engagement-scoring";
    public static final String NURTURE_TRACK = "nurture-track";
    /** The input column of engagement-scoring whose values are the signal types intake accepts. */
    public static final String SIGNAL_TYPE_INPUT = "signalType";
    /** Track name of nurture-track meaning "no automated marketing". */
    public static final String NO_TRACK = "none";
    public static final Set<String> LANGUAGES = Set.of("id", "en");

    /** Decision key -> output name -> kind of value the journey reads. */
    static final Map<String, Map<String, ValueType>> DECISION_OUTPUTS = Map.ofEntries(
        Map.entry(ENGAGEMENT_SCORING, outputs("points", INTEGER)),
        Map.entry("lead-qualification", outputs("qualifiedStage", STAGE, "handRaiser", BOOLEAN)),
        Map.entry(NURTURE_TRACK, outputs("track", TRACK, "channel", CHANNEL, "steps", COUNT, "cadence", TIMER_DURATION,
            "engagementWindow", TIMER_DURATION, "daysOff", BOOLEAN)),
        Map.entry("prospect-grade", outputs("grade", GRADE)),
        Map.entry("sales-assignment", outputs("candidateGroup", GROUP)),
        Map.entry("follow-up-sla", outputs("followUpWithin", FIXED_DURATION, "revisitAfter", TIMER_DURATION, "maxContactAttempts", COUNT,
            "retryContactAfter", TIMER_DURATION)),
        Map.entry("lead-priority", outputs("priority", INTEGER)),
        Map.entry("reengagement-delay", outputs("reengageAfter", TIMER_DURATION)),
        Map.entry("opportunity-sla", outputs("discoveryWithin", FIXED_DURATION, "educationWithin", FIXED_DURATION,
            "closingWithin", FIXED_DURATION)),
        Map.entry("score-decay", outputs("halfLife", FIXED_DURATION)),
        Map.entry("sales-cool-down", outputs("coolDown", FIXED_DURATION)));

    /** Delegate bean -> input parameter -> kind of value (the element templates' fields). */
    static final Map<String, Map<String, ValueType>> DELEGATE_INPUTS = Map.of(
        "sendMessageDelegate", outputs("template", TEMPLATE, "channel", CHANNEL),
        "setStageDelegate", outputs("targetStage", STAGE),
        "addPointsDelegate", outputs("signalPoints", INTEGER));

    private JourneyContracts() {
    }

    private static Map<String, ValueType> outputs(Object... pairs) {
        Map<String, ValueType> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (ValueType) pairs[i + 1]);
        }
        return map;
    }

    /** The names of the variables the service's code sets on a journey or an opportunity ({@link JourneyVariables}). */
    static Set<String> journeyVariables() {
        Set<String> names = new TreeSet<>();
        for (Field field : JourneyVariables.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == ProcessVariable.class) {
                try {
                    names.add(((ProcessVariable<?>) field.get(null)).name());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return names;
    }
}
