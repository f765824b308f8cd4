package io.leadjourney.people;

import static io.leadjourney.people.Channel.EMAIL;
import static io.leadjourney.people.Channel.WHATSAPP;
import static io.leadjourney.people.ConsentVia.BOUNCE;
import static io.leadjourney.people.ConsentVia.IMPORT;
import static io.leadjourney.people.ConsentVia.SIGNAL;
import static io.leadjourney.people.ConsentVia.UNSUBSCRIBE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The ledger's rules, one ordering of statements per test. */
class ConsentLedgerTest {

    private final List<ConsentLedger.Stated> statements = new ArrayList<>();
    /** Statements a minute apart from now: only their order matters. */
    private OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);

    private ConsentLedgerTest state(Channel channel, boolean granted, ConsentVia via) {
        at = at.plusMinutes(1);
        statements.add(new ConsentLedger.Stated(channel, granted, at, via.name().toLowerCase(), null, via));
        return this;
    }

    private Boolean email() {
        return ConsentLedger.current(statements).get(EMAIL);
    }

    @Test
    void nothingStatedIsNoConsent() {
        assertThat(ConsentLedger.current(statements)).isEmpty();
    }

    @Test
    void anImportGrantsWhereNothingWasStated() {
        state(EMAIL, true, IMPORT);
        assertThat(email()).isTrue();
    }

    @Test
    void anImportNeverReGrantsAfterAnUnsubscribe() {
        state(EMAIL, true, SIGNAL).state(EMAIL, false, UNSUBSCRIBE).state(EMAIL, true, IMPORT);
        assertThat(email()).isFalse();
        assertThat(ConsentLedger.apply(statements)).extracting(ConsentStatement::effective).containsExactly(true, true, false);
    }

    @Test
    void anImportNeverReGrantsAfterAWithdrawalByFormOrBounce() {
        state(EMAIL, false, SIGNAL).state(EMAIL, true, IMPORT);
        assertThat(email()).isFalse();
        statements.clear();
        state(EMAIL, true, IMPORT).state(EMAIL, false, BOUNCE).state(EMAIL, true, IMPORT).state(EMAIL, true, IMPORT);
        assertThat(email()).isFalse();
    }

    @Test
    void thePersonsOwnLaterGrantRestoresTheChannel() {
        state(EMAIL, false, UNSUBSCRIBE).state(EMAIL, true, SIGNAL);
        assertThat(email()).isTrue();
        assertThat(ConsentLedger.withdrawn(statements)).doesNotContain(EMAIL);
        state(EMAIL, true, IMPORT);
        assertThat(email()).isTrue();
    }

    @Test
    void aGrantRecordedBeforeAWithdrawalDoesNotCount() {
        state(EMAIL, true, SIGNAL).state(EMAIL, false, SIGNAL);
        assertThat(email()).isFalse();
    }

    @Test
    void anImportsNoDoesNotTakeBackWhatThePersonGranted() {
        state(EMAIL, true, SIGNAL).state(EMAIL, false, IMPORT);
        assertThat(email()).isTrue();
        assertThat(ConsentLedger.apply(statements)).extracting(ConsentStatement::effective).containsExactly(true, false);
    }

    @Test
    void anImportsNoTakesBackAnImportsGrant() {
        state(EMAIL, true, IMPORT).state(EMAIL, false, IMPORT);
        assertThat(email()).isFalse();
        assertThat(ConsentLedger.withdrawn(statements)).as("not a withdrawal: a later import may grant").isEmpty();
        state(EMAIL, true, IMPORT);
        assertThat(email()).isTrue();
    }

    @Test
    void channelsAreIndependent() {
        state(EMAIL, true, SIGNAL).state(WHATSAPP, true, SIGNAL).state(WHATSAPP, false, SIGNAL).state(WHATSAPP, true, IMPORT);
        assertThat(ConsentLedger.current(statements)).containsEntry(EMAIL, true).containsEntry(WHATSAPP, false);
        assertThat(ConsentLedger.withdrawn(statements)).containsExactly(WHATSAPP);
    }
}
