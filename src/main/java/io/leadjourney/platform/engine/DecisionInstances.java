package io.leadjourney.platform.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionEvaluationEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.CompositeHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * The ids of the historic decision instances that evaluations outside any process wrote, so that the caller can link
 * them to what they decided about (a signal's scoring decisions are found from the signal). The engine's own history
 * handler writes them first; this one only notes the ids it was given, on the thread that evaluated.
 */
@Component
public class DecisionInstances extends AbstractProcessEnginePlugin implements HistoryEventHandler {

    private static final ThreadLocal<List<String>> CAPTURED = new ThreadLocal<>();

    /** What was evaluated, with the ids of the decision instances its evaluations wrote, oldest first. */
    public record Evaluated<T>(T result, List<String> decisionInstanceIds) {
    }

    /** Runs {@code evaluations} (on this thread, in the caller's transaction) and notes the decision instances they wrote. */
    public <T> Evaluated<T> capture(Supplier<T> evaluations) {
        List<String> outer = CAPTURED.get();
        List<String> ids = new ArrayList<>();
        CAPTURED.set(ids);
        try {
            return new Evaluated<>(evaluations.get(), List.copyOf(ids));
        } finally {
            CAPTURED.set(outer);
        }
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryEventHandler> handlers = new ArrayList<>();
        if (configuration.isEnableDefaultDbHistoryEventHandler()) {
            handlers.add(new DbHistoryEventHandler()); // first: it gives the instances their ids
        }
        if (configuration.getCustomHistoryEventHandlers() != null) {
            // the Camunda starter lists every HistoryEventHandler bean, this one too: it must run once, after the database's
            configuration.getCustomHistoryEventHandlers().stream().filter(handler -> handler != this).forEach(handlers::add);
        }
        handlers.add(this);
        configuration.setHistoryEventHandler(new CompositeHistoryEventHandler(handlers));
    }

    @Override
    public void handleEvent(HistoryEvent event) {
        List<String> ids = CAPTURED.get();
        if (ids != null && event instanceof HistoricDecisionEvaluationEvent evaluation) {
            ids.add(evaluation.getRootHistoricDecisionInstance().getId());
            evaluation.getRequiredHistoricDecisionInstances().forEach(required -> ids.add(required.getId()));
        }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
        events.forEach(this::handleEvent);
    }
}
