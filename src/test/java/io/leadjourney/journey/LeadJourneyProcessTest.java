package io.leadjourney.journey;

import static io.leadjourney.journey.LeadJourneyIds.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;

import io.leadjourney.intake.SignalReceipt;
import io.leadjourney.intake.SignalRequest;
import io.leadjourney.people.Person;
import io.leadjourney.people.PersonId;
import io.leadjourney.people.Stage;
import io.leadjourney.platform.security.Caller;
import io.leadjourney.support.ProcessTest;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/** Every path of bpmn/lead-journey.bpmn, on the real application with moved time. */
class LeadJourneyProcessTest extends ProcessTest {

    @Test
    void anImportedContactGetsActivationContentAndBecomesALeadOnItsFirstSignal() {
        String email = newEmail("budi");
        Person contact = importedContact(email);
        ProcessInstance journey = journey(contact.id().value());
        assertThat(journey).isWaitingAt(SEND_NURTURE_MESSAGE);
        assertThat(journey).variables().containsEntry("track", "contact-activation");

        runDueJobs(journey);
        assertThat(mailTo(email)).singleElement().satisfies(mail -> assertThat(subject(mail)).startsWith("Senang terhubung"));
        assertThat(journey).isWaitingAt(CADENCE_ELAPSED);

        SignalReceipt receipt = signal("content_downloaded", email);

        assertThat(receipt.stage()).isEqualTo("LEAD");
        assertThat(journey).variables().containsEntry("track", "lead-education").containsEntry("stage", "LEAD");
        assertThat(journey).isWaitingAt(SEND_NURTURE_MESSAGE);
        runDueJobs(journey);
        assertThat(mailTo(email)).hasSize(2);
        assertThat(subject(mailTo(email).get(1))).startsWith("Panduan");
    }

    @Test
    void aLeadFollowsTheCadenceThenWaitsForEngagementThenMovesToTheLongTermTrack() {
        String email = newEmail("sari");
        ProcessInstance journey = journey(signal("form_submitted", email).personId());
        runDueJobs(journey);
        advance(Duration.ofDays(5), journey);
        advance(Duration.ofDays(5), journey);
        assertThat(mailTo(email)).hasSize(3);
        assertThat(journey).isWaitingAt(ENGAGEMENT_WINDOW);

        advance(Duration.ofDays(14), journey);

        assertThat(journey).variables().containsEntry("track", "long-term").containsEntry("silentRounds", 1L);
        runDueJobs(journey);
        assertThat(mailTo(email)).hasSize(4);
    }

    @Test
    void theWholeWayFromContactToCustomerEndsWithAReferralRequestThirtyDaysLater() {
        String email = newEmail("andi");
        Person contact = importedContact(email);
        String personId = contact.id().value();
        ProcessInstance journey = journey(personId);

        assertThat(signal("form_submitted", email).stage()).isEqualTo("LEAD");
        assertThat(signal("webinar_registered", email).stage()).isEqualTo("MQL");
        SignalReceipt sql = signal("demo_requested", email);
        Instant handedOff = ClockUtil.getCurrentTime().toInstant();

        assertThat(sql.stage()).isEqualTo("SQL");
        assertThat(journey).isWaitingAt(FOLLOW_UP);
        Task followUp = taskOf(journey, FOLLOW_UP);
        assertThat(tasks.getIdentityLinksForTask(followUp.getId())).anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("sales"));
        assertThat(followUp.getPriority()).isEqualTo(50 + 20 + 10 + 5);
        assertThat(followUp.getDueDate()).isEqualTo(Date.from(handedOff.plus(Duration.ofHours(1))));

        tasks.complete(followUp.getId(), Map.of("contacted", true, "need", true, "budget", true, "authority", true, "timeline", "NOW",
            "notes", "Wants 20 licences before January"));

        assertThat(stage(personId)).isEqualTo(Stage.OPPORTUNITY);
        assertThat(journey).isWaitingAt(OPPORTUNITY);
        assertThat(people.find(contact.id()).orElseThrow().grade()).isEqualTo("A");
        tasks.complete(taskOf(journey, DISCOVERY).getId(), Map.of("outcome", "CONTINUE"));
        tasks.complete(taskOf(journey, EDUCATION).getId(), Map.of("outcome", "CONTINUE"));
        tasks.complete(taskOf(journey, CLOSING).getId(), Map.of("outcome", "WON", "value", 150_000_000L));

        assertThat(stage(personId)).isEqualTo(Stage.CUSTOMER);
        assertThat(journey).isWaitingAt(REFERRAL_DUE);
        int mailsBefore = mailTo(email).size();
        advance(Duration.ofDays(29), journey);
        assertThat(journey).isWaitingAt(REFERRAL_DUE);
        advance(Duration.ofDays(1), journey);

        assertThat(mailTo(email)).hasSize(mailsBefore + 1);
        assertThat(subject(mailTo(email).get(mailsBefore))).startsWith("Terima kasih sudah sebulan");
        assertThat(journey).isWaitingAt(ASK_FOR_REFERRAL);
        tasks.complete(taskOf(journey, ASK_FOR_REFERRAL).getId(), Map.of("referralGiven", true));
        assertThat(journey).isWaitingAt(DORMANT);
    }

    @Test
    void aDealLostForTimingIsReengagedThreeMonthsLaterAsALeadWithAReengagementMessage() {
        String email = newEmail("dewi");
        String personId = signal("quote_requested", email).personId();
        ProcessInstance journey = journey(personId);
        tasks.complete(taskOf(journey, FOLLOW_UP).getId(), Map.of("contacted", true, "need", true, "budget", true, "authority", true, "timeline", "QUARTER"));
        tasks.complete(taskOf(journey, DISCOVERY).getId(), Map.of("outcome", "LOST", "lossReason", "TIMING"));

        assertThat(stage(personId)).isEqualTo(Stage.CLOSED_LOST);
        assertThat(journey).isWaitingAt(REENGAGE_WHEN);
        assertThat(journey).variables().containsEntry("reengageAfter", "P3M");
        var timer = management.createJobQuery().processInstanceId(journey.getId()).timers().singleResult();
        assertThat(timer.getDuedate()).isEqualTo(Date.from(
            ClockUtil.getCurrentTime().toInstant().atZone(ZoneOffset.UTC).plusMonths(3).toInstant()));
        int mailsBefore = mailTo(email).size();

        advance(Duration.ofDays(93), journey);

        assertThat(stage(personId)).isEqualTo(Stage.LEAD);
        assertThat(mailTo(email)).hasSize(mailsBefore + 1);
        assertThat(subject(mailTo(email).get(mailsBefore))).isEqualTo("Ada yang baru sejak terakhir kita bicara");
        assertThat(journey).variables().containsEntry("track", "lost-reengagement");
    }

    @Test
    void aLostDealThatComesBackEarlyIsNotKeptWaiting() {
        String email = newEmail("eko");
        String personId = signal("price_requested", email).personId();
        ProcessInstance journey = journey(personId);
        tasks.complete(taskOf(journey, FOLLOW_UP).getId(), Map.of("contacted", true, "need", true, "budget", true, "authority", true, "timeline", "NOW"));
        tasks.complete(taskOf(journey, DISCOVERY).getId(), Map.of("outcome", "LOST", "lossReason", "BUDGET"));
        assertThat(journey).isWaitingAt(REENGAGE_WHEN);

        assertThat(signal("quote_requested", email).stage()).isEqualTo("SQL");

        assertThat(journey).isWaitingAt(FOLLOW_UP);
    }

    @Test
    void aProspectGradedCGoesBackToLeadNurturing() {
        String email = newEmail("fajar");
        String personId = signal("catalog_requested", email).personId();
        ProcessInstance journey = journey(personId);

        tasks.complete(taskOf(journey, FOLLOW_UP).getId(), Map.of("contacted", true, "need", false, "budget", false, "authority", false,
            "timeline", "UNKNOWN"));

        assertThat(stage(personId)).isEqualTo(Stage.LEAD);
        assertThat(people.find(PersonId.of(personId)).orElseThrow().grade()).isEqualTo("C");
        assertThat(journey).isWaitingAt(SEND_NURTURE_MESSAGE);
        assertThat(journey).variables().containsEntry("track", "lead-education");
    }

    @Test
    void aProspectGradedBIsRevisitedAfterAWeek() {
        String email = newEmail("gita");
        String personId = signal("price_requested", email).personId();
        ProcessInstance journey = journey(personId);

        tasks.complete(taskOf(journey, FOLLOW_UP).getId(), Map.of("contacted", true, "need", true, "budget", true, "authority", false,
            "timeline", "LATER"));

        assertThat(stage(personId)).isEqualTo(Stage.PROSPECT);
        assertThat(journey).isWaitingAt(REVISIT_PROSPECT);
        advance(Duration.ofDays(7), journey);
        assertThat(journey).isWaitingAt(FOLLOW_UP);
        assertThat(taskOf(journey, FOLLOW_UP).getDueDate()).isEqualTo(Date.from(
            ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(1))));
    }

    @Test
    void aPersonNotReachedAfterThreeAttemptsGoesBackToNurturing() {
        String email = newEmail("hadi");
        String personId = signal("price_requested", email).personId();
        ProcessInstance journey = journey(personId);

        for (int attempt = 1; attempt <= 2; attempt++) {
            tasks.complete(taskOf(journey, FOLLOW_UP).getId(), Map.of("contacted", false));
            assertThat(journey).isWaitingAt(RETRY_CONTACT);
            advance(Duration.ofDays(1), journey);
        }
        tasks.complete(taskOf(journey, FOLLOW_UP).getId(), Map.of("contacted", false));

        assertThat(stage(personId)).isEqualTo(Stage.LEAD);
        assertThat(journey).isWaitingAt(SEND_NURTURE_MESSAGE);
    }

    @Test
    void anExpiredSlaEscalatesToSalesManagersAndAlertsThemByEmail() {
        String email = newEmail("indra");
        ProcessInstance journey = journey(signal("demo_requested", email).personId());
        advance(Duration.ofMinutes(59), journey);
        assertThat(journey).isNotWaitingAt(ESCALATED_FOLLOW_UP);

        advance(Duration.ofMinutes(1), journey);

        Task escalation = taskOf(journey, ESCALATED_FOLLOW_UP);
        assertThat(tasks.getIdentityLinksForTask(escalation.getId())).anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("sales-managers"));
        assertThat(journey).isWaitingAt(FOLLOW_UP, ESCALATED_FOLLOW_UP);
        assertThat(mailTo("manager@leadjourney.local")).anySatisfy(mail -> {
            assertThat(subject(mail)).contains("Rina Wijaya");
            // the due time as the managers read it: their zone and language, not a Java date in UTC
            assertThat(part(mail, "text/plain")).containsPattern("\\(\\p{L}+, \\d{1,2} \\p{L}+ \\d{4} \\d{2}\\.\\d{2} WIB\\)")
                .doesNotContain("UTC");
        });
    }

    @Test
    void anEscalationEndsWhenTheSalespersonCompletesTheOverdueFollowUp() {
        ProcessInstance journey = journey(signal("demo_requested", newEmail("wulan")).personId());
        advance(Duration.ofHours(1), journey);
        assertThat(journey).isWaitingAt(FOLLOW_UP, ESCALATED_FOLLOW_UP);

        // an unanswered call is a follow-up done too: the next attempt gets its own SLA and, if late, its own escalation
        tasks.complete(taskOf(journey, FOLLOW_UP).getId(), Map.of("contacted", false));

        assertThat(journey).isNotWaitingAt(ESCALATED_FOLLOW_UP);
        assertThat(journey).hasPassed("EndEvent_EscalationResolvedBySales").hasNotPassed("EndEvent_EscalationHandled");
        assertThat(tasks.createTaskQuery().processInstanceId(journey.getId()).taskCandidateGroup("sales-managers").count()).isZero();
    }

    @Test
    void aManagerHandlingTheEscalationLeavesTheFollowUpOpen() {
        ProcessInstance journey = journey(signal("demo_requested", newEmail("bayu")).personId());
        advance(Duration.ofHours(1), journey);

        tasks.complete(taskOf(journey, ESCALATED_FOLLOW_UP).getId());

        assertThat(journey).hasPassed("EndEvent_EscalationHandled").isWaitingAt(FOLLOW_UP);
    }

    @Test
    void aSignalArrivingWhileASalesTaskIsOpenIsRecordedAndApplied() {
        String email = newEmail("joko");
        SignalReceipt first = signal("demo_requested", email);
        ProcessInstance journey = journey(first.personId());
        Task followUp = taskOf(journey, FOLLOW_UP);
        int score = people.find(PersonId.of(first.personId())).orElseThrow().score();

        SignalReceipt second = signal("replied", email, Map.of("competitor", true));

        assertThat(second.stage()).isEqualTo("SQL");
        assertThat(people.find(PersonId.of(first.personId())).orElseThrow().score()).isEqualTo(score + 15);
        assertThat(journey).variables().containsEntry("lastSignalType", "replied").containsEntry("competitorInvolved", true);
        assertThat(taskOf(journey, FOLLOW_UP).getId()).isEqualTo(followUp.getId());
    }

    @Test
    void unsubscribingMidCadenceStopsEveryFurtherMarketingStep() {
        String email = newEmail("kartika");
        String personId = signal("form_submitted", email).personId();
        ProcessInstance journey = journey(personId);
        runDueJobs(journey);
        assertThat(mailTo(email)).hasSize(1);
        assertThat(journey).isWaitingAt(CADENCE_ELAPSED);

        transaction.executeWithoutResult(status -> people.stopMarketing(PersonId.of(personId),
            now(), "test"));

        assertThat(journey).isWaitingAt(DORMANT);
        for (int week = 0; week < 30; week++) {
            advance(Duration.ofDays(7), journey);
        }
        assertThat(mailTo(email)).hasSize(1);
        // an event that states no consent (an open, tracked): the stop holds (a new grant would lift it: ConsentTest)
        assertThat(intake.receive(Caller.intake("test"), new SignalRequest("email_opened",
            email, null, null, null, null, null, "website", null, null, null, null, null), null).stage()).isEqualTo("LEAD");
        runDueJobs(journey);
        assertThat(mailTo(email)).hasSize(1);
        // sales still get the person when they ask for it
        assertThat(signal("demo_requested", email).stage()).isEqualTo("SQL");
        assertThat(journey).isWaitingAt(FOLLOW_UP);
    }
}
