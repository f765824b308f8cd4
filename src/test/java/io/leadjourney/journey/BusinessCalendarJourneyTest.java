package io.leadjourney.journey;

import static io.leadjourney.journey.LeadJourneyIds.FOLLOW_UP;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Date;
import java.util.Map;

import io.leadjourney.support.ProcessTest;
import io.leadjourney.support.TestClock;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The journey on a real working week (its own context: the rest of the suite runs without days off): Monday to Friday
 * 09:00–17:00 in Jakarta, and the Tuesday of the test week a holiday. The test clock starts on a Monday at 10:00.
 */
class BusinessCalendarJourneyTest extends ProcessTest {

    static final Date TUESDAY_HOLIDAY = Date.from(TestClock.START.plus(Duration.ofDays(1)));

    @DynamicPropertySource
    static void workingWeek(DynamicPropertyRegistry properties) {
        properties.add("journey.calendar.weekend", () -> "SATURDAY,SUNDAY");
        properties.add("journey.calendar.business-hours", () -> "09:00-17:00");
        properties.add("journey.calendar.holidays", () -> TestClock.START.atZone(TestClock.JAKARTA).toLocalDate().plusDays(1).toString());
    }

    private static void at(int daysAfterStart, LocalTime time) {
        ClockUtil.setCurrentTime(Date.from(TestClock.startDayAt(time).plus(Duration.ofDays(daysAfterStart))));
    }

    @Test
    void aDemoRequestedLateOnFridayIsDueWithinTheFirstBusinessHourOfMonday() {
        at(4, LocalTime.of(16, 29, 59)); // the signal comes a second later, at 16:30
        ProcessInstance journey = journey(signal("demo_requested", newEmail("friday")).personId());
        assertThat(taskOf(journey, FOLLOW_UP).getDueDate()).isEqualTo(Date.from(TestClock.startDayAt(LocalTime.of(9, 30)).plus(Duration.ofDays(7))));
    }

    @Test
    void aHolidayDoesNotCountForTheSla() {
        at(0, LocalTime.of(16, 29, 59));
        ProcessInstance journey = journey(signal("demo_requested", newEmail("holiday")).personId());
        // Monday 16:30 + 1 business hour: 30 minutes on Monday, Tuesday is a holiday, 30 minutes on Wednesday
        assertThat(taskOf(journey, FOLLOW_UP).getDueDate()).isEqualTo(Date.from(TestClock.startDayAt(LocalTime.of(9, 30)).plus(Duration.ofDays(2))));
    }

    @Test
    void anOpportunityStepIsDueInBusinessDays() {
        at(4, LocalTime.of(11, 0)); // Friday
        ProcessInstance journey = journey(signal("demo_requested", newEmail("dealfriday")).personId());
        tasks.complete(taskOf(journey, FOLLOW_UP).getId(), Map.of("contacted", true, "need", true, "budget", true, "authority", true,
            "timeline", "NOW"));
        // three business days for discovery (opportunity-sla): the next Monday, Tuesday and Wednesday
        assertThat(taskOf(journey, LeadJourneyIds.DISCOVERY).getDueDate()).isEqualTo(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(5))));
    }

    @Test
    void marketingWaitsForTheNextBusinessDay() {
        at(5, LocalTime.of(10, 0)); // Saturday
        String email = newEmail("saturday");
        ProcessInstance journey = journey(signal("form_submitted", email).personId());

        runDueJobs(journey);

        assertThat(mailTo(email)).isEmpty();
        Job waiting = management.createJobQuery().processInstanceId(journey.getId()).singleResult();
        assertThat(waiting.getDuedate()).as("Monday at the opening of the send window")
            .isEqualTo(Date.from(TestClock.startDayAt(LocalTime.of(8, 0)).plus(Duration.ofDays(7))));
        advance(Duration.ofDays(2).minusHours(2), journey);
        assertThat(mailTo(email)).hasSize(1);
    }
}
