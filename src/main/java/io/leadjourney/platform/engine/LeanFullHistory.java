package io.leadjourney.platform.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.AbstractHistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoricDetailEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.springframework.stereotype.Component;

/**
 * History level {@value #NAME} ({@code camunda.bpm.history-level}): everything of {@code full} — activities, variables
 * (their current and last values), tasks, decisions with inputs, outputs and rules, user operations, incidents, every
 * variable change a person made (a task form, Cockpit, the REST API) — except what the engine records of its own work
 * and no page, export or auditor reads: the job log's record of every job created, done or deleted, and the detail row
 * of each variable change the journey's own steps make. A job's failures stay in the job log with their exception: the
 * trail of an outage. It has full's id, so a database kept at {@code full} runs on with it, and back
 * (docs/operations.md, "History policy").
 */
@Component
class LeanFullHistory extends AbstractProcessEnginePlugin {

    static final String NAME = "lean-full";
    static final Set<HistoryEventType> LEFT_OUT = Set.of(HistoryEventTypes.JOB_CREATE, HistoryEventTypes.JOB_SUCCESS,
        HistoryEventTypes.JOB_DELETE);

    static final HistoryLevel LEVEL = new AbstractHistoryLevel() {
        @Override
        public int getId() {
            return HistoryLevel.HISTORY_LEVEL_FULL.getId();
        }

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
            if (eventType == HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL) {
                // a person's change belongs to a user operation (they were signed in); the engine's own steps have none
                return !(entity instanceof HistoricDetailEventEntity detail) || detail.getUserOperationId() != null;
            }
            return !LEFT_OUT.contains(eventType);
        }
    };

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryLevel> levels = configuration.getCustomHistoryLevels() == null ? new ArrayList<>()
            : new ArrayList<>(configuration.getCustomHistoryLevels());
        levels.add(LEVEL);
        configuration.setCustomHistoryLevels(levels);
    }
}
