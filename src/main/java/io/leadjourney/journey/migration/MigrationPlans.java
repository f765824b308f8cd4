package io.leadjourney.journey.migration;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanBuilder;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

/**
 * Migration plans from one version to another: every activity mapped to the activity of the same id, plus what the
 * new version says where an id changed ({@value #MIGRATE_FROM} on the renamed element: the old id, or several,
 * comma-separated). Timers and messages keep what they wait for (no trigger is recomputed): a re-engagement due in
 * three months stays due then. Plans are validated by the engine and remembered (versions never change).
 */
@Component
class MigrationPlans {

    /** Extension property of an element of a new version: the id(s) it had in older versions. */
    static final String MIGRATE_FROM = "migrateFrom";
    /** Extension property of a process: "false" keeps the journeys running on older versions where they are. */
    static final String MIGRATE_RUNNING = "migrateRunningJourneys";

    /** A plan, or why there is none. */
    record Plan(MigrationPlan plan, String problem) {
    }

    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final Map<String, Plan> plans = new ConcurrentHashMap<>();

    MigrationPlans(RuntimeService runtime, RepositoryService repository) {
        this.runtime = runtime;
        this.repository = repository;
    }

    Plan between(String sourceDefinitionId, String targetDefinitionId) {
        return plans.computeIfAbsent(sourceDefinitionId + ">" + targetDefinitionId, key -> build(sourceDefinitionId, targetDefinitionId));
    }

    /** Whether the version lets its deployment move the journeys of older versions (the default). */
    boolean migratesRunning(String definitionId) {
        BpmnModelInstance model = repository.getBpmnModelInstance(definitionId);
        return model.getModelElementsByType(Process.class).stream()
            .flatMap(process -> property(process, MIGRATE_RUNNING).stream())
            .noneMatch(value -> "false".equalsIgnoreCase(value.trim()));
    }

    private Plan build(String source, String target) {
        BpmnModelInstance from = repository.getBpmnModelInstance(source);
        MigrationPlanBuilder builder = runtime.createMigrationPlan(source, target).mapEqualActivities();
        for (FlowNode node : repository.getBpmnModelInstance(target).getModelElementsByType(FlowNode.class)) {
            property(node, MIGRATE_FROM).ifPresent(ids -> Arrays.stream(ids.split(",")).map(String::trim)
                .filter(old -> !old.isEmpty() && !old.equals(node.getId()) && from.getModelElementById(old) != null)
                .forEach(old -> builder.mapActivities(old, node.getId())));
        }
        try {
            return new Plan(builder.build(), null);
        } catch (MigrationPlanValidationException e) {
            return new Plan(null, e.getMessage());
        }
    }

    private static Optional<String> property(BaseElement element, String name) {
        if (element.getExtensionElements() == null) {
            return Optional.empty();
        }
        return element.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list().stream()
            .flatMap(properties -> properties.getCamundaProperties().stream())
            .filter(property -> name.equals(property.getCamundaName())).map(CamundaProperty::getCamundaValue).findFirst();
    }
}
