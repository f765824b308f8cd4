package io.leadjourney.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

/** What {@link Erasure} keeps of an erased person's timeline (lj_erasure.record), as JSON. */
final class AnonymisedRecord {

    /** Decision inputs and task answers that say nothing about who the person is. */
    static final Set<String> ANONYMOUS_INPUTS = Set.of("Signal type", "Latest signal", "Readiness (latest signal)", "Current stage", "Stage",
        "Score", "Score after the signal", "Segment", "WhatsApp consent", "Tracks finished without engagement", "Re-engaged after a lost deal",
        "Need (kebutuhan)", "Budget (anggaran)", "Authority (otoritas)", "Timeline (waktu pembelian)", "Grade", "Loss reason",
        "A competitor is pursuing them", "Potential revenue (IDR)");
    static final Set<String> ANONYMOUS_ANSWERS = Set.of("contacted", "need", "budget", "authority", "timeline", "outcome", "lossReason",
        "value", "escalationAction", "referralGiven", "disqualified", "disqualifyReason");

    private AnonymisedRecord() {
    }

    /** Stages, dates, decisions (anonymous inputs only) and task outcomes; nothing that says who the person was. */
    static String of(List<TimelineEntry> timeline, ObjectMapper json) {
        List<Map<String, Object>> record = new ArrayList<>();
        for (TimelineEntry entry : timeline) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("at", entry.at());
            item.put("kind", entry.kind().name());
            Map<String, Object> details = entry.details();
            switch (entry.kind()) {
                case STAGE -> {
                    item.put("from", details.get("from"));
                    item.put("to", details.get("to"));
                }
                case SIGNAL -> item.put("type", entry.summary());
                case MESSAGE -> {
                    item.put("channel", details.get("channel"));
                    item.put("template", details.get("template"));
                    item.put("status", details.get("status"));
                }
                case TASK -> {
                    item.put("task", details.get("taskDefinitionKey"));
                    item.put("state", details.get("state"));
                    item.put("ended", details.get("ended"));
                    item.put("answers", filter(details.get("answers"), ANONYMOUS_ANSWERS));
                }
                case DECISION -> {
                    item.put("decisionKey", details.get("decisionKey"));
                    item.put("version", details.get("version"));
                    item.put("inputs", filter(details.get("inputs"), ANONYMOUS_INPUTS));
                    item.put("outputs", details.get("outputs"));
                    item.put("matchedRules", details.get("matchedRules"));
                }
            }
            record.add(item);
        }
        return Csv.json(json, record); // the same JSON as the exports' cells
    }

    private static Map<String, Object> filter(Object values, Set<String> allowed) {
        Map<String, Object> kept = new LinkedHashMap<>();
        if (values instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (allowed.contains(String.valueOf(key))) {
                    kept.put(String.valueOf(key), value);
                }
            });
        }
        return kept;
    }
}
