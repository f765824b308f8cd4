package io.leadjourney.journey;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.leadjourney.journey.models.JourneyContracts;
import io.leadjourney.journey.models.ModelChecks;
import io.leadjourney.platform.engine.ModelsDeployed;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The signal types intake accepts: those the deployed engagement-scoring table lists (its 'signalType' column), so a
 * new type is a new row that marketing ops deploy, not a release. Re-read when this node deploys, and otherwise checked
 * against the latest version every few seconds (a deployment on another node).
 */
@Component
public class SignalCatalogue {

    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(5);

    private record Snapshot(String definitionId, List<String> types, long checkedAt) {
    }

    private final RepositoryService repository;
    private volatile Snapshot snapshot;

    SignalCatalogue(RepositoryService repository) {
        this.repository = repository;
    }

    /** The accepted types, in the table's order. */
    public List<String> types() {
        Snapshot current = snapshot;
        long now = System.nanoTime();
        if (current != null && now - current.checkedAt() < RECHECK_NANOS) {
            return current.types();
        }
        DecisionDefinition latest = repository.createDecisionDefinitionQuery().decisionDefinitionKey(JourneyContracts.ENGAGEMENT_SCORING)
            .latestVersion().singleResult();
        if (latest == null) {
            snapshot = new Snapshot(null, List.of(), now);
        } else if (current == null || !latest.getId().equals(current.definitionId())) {
            snapshot = new Snapshot(latest.getId(), ModelChecks.signalTypes(xml(latest)), now);
        } else {
            snapshot = new Snapshot(current.definitionId(), current.types(), now);
        }
        return snapshot.types();
    }

    public boolean accepts(String type) {
        return types().contains(type);
    }

    @EventListener
    void deployed(ModelsDeployed event) {
        if (event.decisionKeys().contains(JourneyContracts.ENGAGEMENT_SCORING)) {
            snapshot = null;
        }
    }

    private byte[] xml(DecisionDefinition definition) {
        try (InputStream in = repository.getResourceAsStream(definition.getDeploymentId(), definition.getResourceName())) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
