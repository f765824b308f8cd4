package io.leadjourney.journey;

import static io.leadjourney.journey.JourneyVariables.OPPORTUNITY_ID;
import static io.leadjourney.journey.JourneyVariables.PERSON_ID;

import io.leadjourney.people.PeopleService;
import io.leadjourney.people.Person;
import io.leadjourney.people.PersonId;
import io.leadjourney.sales.TaskContext;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** On every sales task's creation: the {@link TaskContext} a salesperson needs before calling, as local task variables. */
@Component
class TaskContextListener implements TaskListener {

    private final PeopleService people;
    private final TaskContexts contexts;

    TaskContextListener(PeopleService people, TaskContexts contexts) {
        this.people = people;
        this.contexts = contexts;
    }

    @Override
    public void notify(DelegateTask task) {
        String personId = PERSON_ID.from(task);
        Person person = personId == null ? null : people.find(PersonId.of(personId)).orElse(null);
        if (person != null) {
            task.setVariablesLocal(contexts.of(person, task.getProcessInstanceId(), OPPORTUNITY_ID.from(task), qualificationNow(task)).variables());
        }
    }

    /** The qualification as the journey's variables tell it, when no decision history explains it. */
    private static String qualificationNow(DelegateTask task) {
        String signal = JourneyVariables.LAST_SIGNAL_TYPE.from(task);
        String stage = JourneyVariables.SIGNAL_QUALIFIED_STAGE.from(task, JourneyVariables.QUALIFIED_STAGE.from(task));
        if (signal == null || stage == null) {
            return TaskContext.NONE;
        }
        return "lead-qualification: " + stage + " after " + signal + " (score " + JourneyVariables.SCORE.from(task) + ")";
    }
}
