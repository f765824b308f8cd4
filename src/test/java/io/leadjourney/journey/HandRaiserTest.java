package io.leadjourney.journey;

import static io.leadjourney.journey.LeadJourneyIds.DISCOVERY;
import static io.leadjourney.journey.LeadJourneyIds.FOLLOW_UP;
import static io.leadjourney.journey.LeadJourneyIds.RETRY_CONTACT;
import static io.leadjourney.journey.LeadJourneyIds.REVISIT_PROSPECT;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.util.Date;
import java.util.Map;

import io.leadjourney.support.ProcessTest;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * A hand-raiser (the qualification table's "sales now" rows: demo, quote, price, meeting) reaches sales at once in every
 * state sales already have the person in: a wait for the next call attempt, a wait to revisit a B prospect, an open
 * follow-up, an opportunity.
 */
class HandRaiserTest extends ProcessTest {

    private static Date inFromNow(Duration duration) {
        return Date.from(ClockUtil.getCurrentTime().toInstant().plus(duration));
    }

    @Test
    void whileWaitingForTheNextCallAttemptAHandRaiserGetsAFollowUpNowWithItsOwnSlaAndPriority() {
        String email = newEmail("retrywait");
        ProcessInstance journey = journey(signal("price_requested", email).personId());
        Task first = taskOf(journey, FOLLOW_UP);
        tasks.complete(first.getId(), Map.of("contacted", false));
        assertThat(journey).isWaitingAt(RETRY_CONTACT);

        signal("demo_requested", email);

        assertThat(journey).isWaitingAt(FOLLOW_UP);
        Task now = taskOf(journey, FOLLOW_UP);
        Assertions.assertThat(now.getDueDate()).as("the demo request's SLA, from now").isEqualTo(inFromNow(Duration.ofHours(1)));
        Assertions.assertThat(now.getPriority()).as("re-prioritised for a demo request").isGreaterThan(first.getPriority());
        Assertions.assertThat(now.getAssignee()).as("the same salesperson keeps the person").isEqualTo(first.getAssignee());
    }

    @Test
    void beforeTheRevisitOfABProspectAHandRaiserGetsAFollowUpNow() {
        String email = newEmail("revisitwait");
        ProcessInstance journey = journey(signal("price_requested", email).personId());
        tasks.complete(taskOf(journey, FOLLOW_UP).getId(), Map.of("contacted", true, "need", true, "budget", true, "authority", false,
            "timeline", "LATER"));
        assertThat(journey).isWaitingAt(REVISIT_PROSPECT);

        signal("meeting_booked", email);

        assertThat(journey).isWaitingAt(FOLLOW_UP);
        Assertions.assertThat(taskOf(journey, FOLLOW_UP).getDueDate()).isEqualTo(inFromNow(Duration.ofDays(1)));
    }

    @Test
    void anOpenFollowUpIsRaisedAndItsSalespersonTold() {
        String email = newEmail("openraise");
        ProcessInstance journey = journey(signal("price_requested", email).personId());
        Task before = taskOf(journey, FOLLOW_UP);
        Assertions.assertThat(before.getDueDate()).isEqualTo(inFromNow(Duration.ofHours(4)));
        advance(Duration.ofMinutes(10), journey);

        signal("demo_requested", email);
        runDueJobs(journey);

        Task after = taskOf(journey, FOLLOW_UP);
        Assertions.assertThat(after.getId()).as("the same task").isEqualTo(before.getId());
        Assertions.assertThat(after.getDueDate()).as("due within the demo request's hour").isEqualTo(inFromNow(Duration.ofHours(1)));
        Assertions.assertThat(after.getPriority()).isGreaterThan(before.getPriority());
        Job sla = management.createJobQuery().processInstanceId(journey.getId()).activityId("BoundaryEvent_SlaExpired").singleResult();
        Assertions.assertThat(sla.getDuedate()).as("the SLA alert moves with the task").isEqualTo(after.getDueDate());
        Assertions.assertThat(tasks.getTaskComments(after.getId())).extracting(Comment::getFullMessage)
            .anySatisfy(text -> Assertions.assertThat(text).contains("hand raised: demo_requested"));
        Assertions.assertThat(mailTo(before.getAssignee() + "@leadjourney.local"))
            .anySatisfy(mail -> Assertions.assertThat(subject(mail)).startsWith("Minta dihubungi sekarang: Rina Wijaya"));
        assertThat(journey).isWaitingAt(FOLLOW_UP);

        // a second hand-raiser is served again; a due date only ever moves earlier
        advance(Duration.ofMinutes(5), journey);
        signal("quote_requested", email);
        runDueJobs(journey);
        Assertions.assertThat(taskOf(journey, FOLLOW_UP).getDueDate()).isEqualTo(after.getDueDate());
        Assertions.assertThat(tasks.getTaskComments(after.getId())).hasSize(2);
    }

    @Test
    void duringAnOpportunityItsOpenTaskGetsANoteAndItsOwnerIsTold() {
        String email = newEmail("dealraise");
        ProcessInstance journey = journey(signal("demo_requested", email).personId());
        tasks.complete(taskOf(journey, FOLLOW_UP).getId(), Map.of("contacted", true, "need", true, "budget", true, "authority", true,
            "timeline", "NOW"));
        Task discovery = taskOf(journey, DISCOVERY);

        signal("quote_requested", email);
        runDueJobs(journey);

        Assertions.assertThat(tasks.getTaskComments(discovery.getId())).extracting(Comment::getFullMessage)
            .anySatisfy(text -> Assertions.assertThat(text).contains("hand raised: quote_requested"));
        Assertions.assertThat(mailTo(discovery.getAssignee() + "@leadjourney.local"))
            .anySatisfy(mail -> Assertions.assertThat(subject(mail)).startsWith("Minta dihubungi sekarang"));
        Assertions.assertThat(runtime.getVariable(journey.getId(), "handRaised")).isEqualTo(false);
    }
}
