package io.leadjourney.people;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules that turn a person's consent statements, oldest first, into their consent per channel:
 * <ul>
 *   <li>a withdrawal (any individual statement that refuses: a form, the unsubscribe link, a bounce, a complaint, STOP)
 *       stands against every import and every grant recorded before it;</li>
 *   <li>a later individual grant restores the channel;</li>
 *   <li>an import grants a channel only where no withdrawal stands, and an import's "no" does not take back what the
 *       person granted themselves.</li>
 * </ul>
 */
final class ConsentLedger {

    private ConsentLedger() {
    }

    /** A statement as stored, before the rules are applied. */
    record Stated(Channel channel, boolean granted, OffsetDateTime at, String source, String wording, ConsentVia via) {
    }

    private static final class State {
        boolean granted;
        boolean grantedByPerson;
        boolean withdrawalStands;
    }

    /** The statements with their effect, in the order given (oldest first). */
    static List<ConsentStatement> apply(List<Stated> statements) {
        Map<Channel, State> states = new EnumMap<>(Channel.class);
        List<ConsentStatement> ledger = new ArrayList<>();
        for (Stated s : statements) {
            State state = states.computeIfAbsent(s.channel(), channel -> new State());
            boolean effective;
            if (s.via().individual()) {
                state.granted = s.granted();
                state.grantedByPerson = s.granted();
                state.withdrawalStands = !s.granted();
                effective = true;
            } else if (s.granted()) {
                effective = !state.withdrawalStands;
                if (effective) {
                    state.granted = true;
                }
            } else {
                effective = !state.grantedByPerson;
                if (effective) {
                    state.granted = false;
                }
            }
            ledger.add(new ConsentStatement(s.channel(), s.granted(), s.at(), s.source(), s.wording(), s.via(), effective));
        }
        return ledger;
    }

    /** The consent per channel the statements leave; a channel never stated is absent (no consent). */
    static Map<Channel, Boolean> current(List<Stated> statements) {
        Map<Channel, Boolean> consent = new EnumMap<>(Channel.class);
        for (ConsentStatement statement : apply(statements)) {
            if (statement.effective()) {
                consent.put(statement.channel(), statement.granted());
            }
        }
        return consent;
    }

    /** The channels on which a withdrawal stands (what an import cannot undo). */
    static Set<Channel> withdrawn(List<Stated> statements) {
        Set<Channel> withdrawn = EnumSet.noneOf(Channel.class);
        for (Stated s : statements) {
            if (s.via().individual()) {
                if (s.granted()) {
                    withdrawn.remove(s.channel());
                } else {
                    withdrawn.add(s.channel());
                }
            }
        }
        return withdrawn;
    }
}
