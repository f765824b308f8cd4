package io.leadjourney.journey;

import static io.leadjourney.journey.LeadJourneyIds.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import io.leadjourney.people.Notes;
import io.leadjourney.people.PersonId;
import io.leadjourney.people.Stage;
import io.leadjourney.sales.Opportunities;
import io.leadjourney.support.ProcessTest;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every path of bpmn/opportunity.bpmn: stages, outcomes, several contacts. */
class OpportunityProcessTest extends ProcessTest {

    @Autowired
    Opportunities opportunities;
    @Autowired
    Notes notes;

    /** A person whose journey reached an opportunity (graded A), and that opportunity's process. */
    record Deal(String personId, String email, ProcessInstance journey, ProcessInstance opportunity) {
    }

    Deal deal() {
        String email = newEmail("owner");
        String personId = signal("demo_requested", email).personId();
        ProcessInstance journey = journey(personId);
        tasks.complete(taskOf(journey, FOLLOW_UP).getId(), Map.of("contacted", true, "need", true, "budget", true, "authority", true,
            "timeline", "NOW"));
        return new Deal(personId, email, journey, opportunityOf(journey));
    }

    void complete(Deal deal, String task, Map<String, Object> variables) {
        tasks.complete(taskOf(deal.journey(), task).getId(), variables);
    }

    static Map<String, Object> outcome(String outcome, Object... more) {
        Map<String, Object> variables = new HashMap<>(Map.of("outcome", outcome));
        for (int i = 0; i < more.length; i += 2) {
            variables.put((String) more[i], more[i + 1]);
        }
        return variables;
    }

    @Test
    void aDealGoesThroughDiscoveryEducationAndClosingAndIsWon() {
        Deal deal = deal();
        assertThat(deal.opportunity()).isWaitingAt(DISCOVERY);
        Assertions.assertThat(taskOf(deal.journey(), DISCOVERY).getDueDate()).as("opportunity-sla: three days for discovery")
            .isEqualTo(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(3))));
        assertThat(stage(deal.personId())).isEqualTo(Stage.OPPORTUNITY);

        complete(deal, DISCOVERY, outcome("CONTINUE"));
        assertThat(deal.opportunity()).isWaitingAt(EDUCATION);
        complete(deal, EDUCATION, outcome("CONTINUE"));
        assertThat(deal.opportunity()).isWaitingAt(CLOSING);
        complete(deal, CLOSING, outcome("CONTINUE", "notes", "Negotiating payment terms"));
        assertThat(deal.opportunity()).isWaitingAt(CLOSING);
        complete(deal, CLOSING, outcome("WON", "value", 120_000_000L, "notes", "Won on fast onboarding"));

        assertThat(deal.opportunity()).isEnded();
        assertThat(stage(deal.personId())).isEqualTo(Stage.CUSTOMER);
        String opportunityId = (String) runtime.getVariable(deal.journey().getId(), "opportunityId");
        Opportunities.Opportunity closed = opportunities.find(opportunityId).orElseThrow();
        assertThat(closed.status()).isEqualTo(Opportunities.Status.WON);
        assertThat(closed.value()).isEqualTo(120_000_000L);
        assertThat(closed.evaluation()).isEqualTo("Won on fast onboarding");
    }

    @Test
    void aLostDealKeepsItsReasonAndEvaluationAndClosesTheContact() {
        Deal deal = deal();

        complete(deal, DISCOVERY, outcome("CONTINUE"));
        complete(deal, EDUCATION, outcome("LOST", "lossReason", "COMPETITOR", "notes", "Chose a cheaper local vendor"));

        assertThat(deal.opportunity()).isEnded();
        assertThat(stage(deal.personId())).isEqualTo(Stage.CLOSED_LOST);
        String opportunityId = (String) runtime.getVariable(deal.journey().getId(), "opportunityId");
        Opportunities.Opportunity closed = opportunities.find(opportunityId).orElseThrow();
        assertThat(closed.status()).isEqualTo(Opportunities.Status.LOST);
        assertThat(closed.lossReason()).isEqualTo("COMPETITOR");
        assertThat(closed.evaluation()).isEqualTo("Chose a cheaper local vendor");
        assertThat(deal.journey()).variables().containsEntry("reengageAfter", "P6M");
    }

    @Test
    void aLostDealNeedsItsReason() {
        Deal deal = deal();
        String discovery = taskOf(deal.journey(), DISCOVERY).getId();
        Assertions.assertThatThrownBy(() -> tasks.complete(discovery, outcome("LOST")))
            .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("loss reason");
        String owner = taskOf(deal.journey(), DISCOVERY).getAssignee();
        HttpResponse<String> refused = http().as(owner, passwordOf(owner)).postJson("/engine-rest/task/" + discovery + "/complete",
            "{\"variables\":{\"outcome\":{\"value\":\"LOST\"}}}");
        Assertions.assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(deal.opportunity()).isWaitingAt(DISCOVERY);

        complete(deal, DISCOVERY, outcome("LOST", "lossReason", "BUDGET"));
        String opportunityId = (String) runtime.getVariable(deal.journey().getId(), "opportunityId");
        Assertions.assertThat(opportunities.find(opportunityId).orElseThrow().lossReason()).isEqualTo("BUDGET");
    }

    @Test
    void aWonDealWithTwoContactsMakesBothCustomers() {
        Deal deal = deal();
        String colleague = newEmail("finance");
        String colleagueId = signal("content_downloaded", colleague).personId();
        ProcessInstance colleagueJourney = journey(colleagueId);

        complete(deal, DISCOVERY, outcome("CONTINUE", "addContact", colleague.toUpperCase()));

        assertThat(stage(colleagueId)).isEqualTo(Stage.OPPORTUNITY);
        assertThat(colleagueJourney).isWaitingAt(OPPORTUNITY_CLOSED);
        String opportunityId = (String) runtime.getVariable(deal.opportunity().getId(), "opportunityId");
        assertThat(opportunities.contacts(opportunityId)).containsExactlyInAnyOrder(PersonId.of(deal.personId()), PersonId.of(colleagueId));

        complete(deal, EDUCATION, outcome("CONTINUE"));
        complete(deal, CLOSING, outcome("WON"));

        assertThat(stage(deal.personId())).isEqualTo(Stage.CUSTOMER);
        assertThat(stage(colleagueId)).isEqualTo(Stage.CUSTOMER);
        assertThat(colleagueJourney).isWaitingAt(REFERRAL_DUE);
    }

    @Test
    void aContactRemovedFromTheDealGoesBackToNurturing() {
        Deal deal = deal();
        String colleague = newEmail("intern");
        String colleagueId = signal("form_submitted", colleague).personId();
        complete(deal, DISCOVERY, outcome("CONTINUE", "addContact", colleague));

        complete(deal, EDUCATION, outcome("CONTINUE", "removeContact", colleague));

        assertThat(stage(colleagueId)).isEqualTo(Stage.LEAD);
        assertThat(journey(colleagueId)).isWaitingAt(SEND_NURTURE_MESSAGE);
        String opportunityId = (String) runtime.getVariable(deal.opportunity().getId(), "opportunityId");
        assertThat(opportunities.contacts(opportunityId)).containsExactly(PersonId.of(deal.personId()));
    }

    @Test
    void anUnknownEmailJoinsAsANewPersonAndANameThatIsNoContactIsNoted() {
        Deal deal = deal();
        String stranger = newEmail("stranger");

        complete(deal, DISCOVERY, outcome("CONTINUE", "addContact", stranger));
        complete(deal, EDUCATION, outcome("CONTINUE", "addContact", "Pak Budi dari gudang"));

        var person = people.findByContact(stranger, null).orElseThrow();
        assertThat(person.stage()).isEqualTo(Stage.OPPORTUNITY);
        assertThat(journey(person.id().value())).isWaitingAt(OPPORTUNITY_CLOSED);
        assertThat(notes.of(PersonId.of(deal.personId()), 10)).anySatisfy(note ->
            assertThat(note.text()).contains("Pak Budi dari gudang").contains("neither an email"));
        assertThat(deal.opportunity()).isWaitingAt(CLOSING);
    }
}
