package io.leadjourney.platform.engine;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Date;

import io.leadjourney.platform.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.MapBusinessCalendarManager;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * A user task's {@code camunda:dueDate} given as a duration ("P3D", "PT4H") counts the team's business time
 * (journey.calendar.*), as sales SLAs do; dates, and durations with months or years, resolve as Camunda's own calendar
 * does. Timers keep Camunda's calendars (they are waits, not deadlines).
 */
@Component
class TeamDueDates extends AbstractProcessEnginePlugin {

    private final BusinessCalendar calendar;

    TeamDueDates(BusinessCalendar calendar) {
        this.calendar = calendar;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        MapBusinessCalendarManager calendars = new MapBusinessCalendarManager();
        calendars.addBusinessCalendar(DurationBusinessCalendar.NAME, new DurationBusinessCalendar());
        calendars.addBusinessCalendar(DueDateBusinessCalendar.NAME, new BusinessDueDates(calendar));
        calendars.addBusinessCalendar(CycleBusinessCalendar.NAME, new CycleBusinessCalendar());
        configuration.setBusinessCalendarManager(calendars);
    }

    static final class BusinessDueDates extends DueDateBusinessCalendar {

        private final BusinessCalendar calendar;

        BusinessDueDates(BusinessCalendar calendar) {
            this.calendar = calendar;
        }

        @Override
        public Date resolveDuedate(String duedate, Task task) {
            return resolveDuedate(duedate, (Date) null);
        }

        @Override
        public Date resolveDuedate(String duedate) {
            return resolveDuedate(duedate, (Date) null);
        }

        @Override
        public Date resolveDuedate(String duedate, Date startDate) {
            if (duedate != null && duedate.startsWith("P")) {
                try {
                    Duration amount = Duration.parse(duedate);
                    Date start = startDate != null ? startDate : ClockUtil.getCurrentTime();
                    return Date.from(calendar.addBusinessTime(start.toInstant(), amount));
                } catch (DateTimeParseException monthsOrYears) {
                    // P1M, P1Y: Camunda's own arithmetic
                }
            }
            return super.resolveDuedate(duedate, startDate);
        }
    }
}
