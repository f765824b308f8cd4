package io.leadjourney.platform.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.CamundaFormDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.ResourceDefinition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link ModelRules} (journey/models) on every new deployment before the engine's own deployers make versions of it: on the
 * Modeler's and Cockpit's REST deployments and on the models deployed from disk at startup alike. A refused deployment
 * rolls back whole ({@link ModelsRefused}); what was deployed stays as it was, and running journeys are untouched.
 */
@Component
public class ModelCheckPlugin extends AbstractProcessEnginePlugin {

    private final ApplicationContext spring;
    private final ObjectProvider<ModelRules> rules;
    private final ObjectProvider<TemplateCatalogue> messages;
    private ProcessEngineConfigurationImpl configuration;

    ModelCheckPlugin(ApplicationContext spring, ObjectProvider<ModelRules> rules, ObjectProvider<TemplateCatalogue> messages) {
        this.spring = spring;
        this.rules = rules;
        this.messages = messages;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        this.configuration = configuration;
        List<Deployer> deployers = configuration.getCustomPreDeployers() == null ? new ArrayList<>()
            : new ArrayList<>(configuration.getCustomPreDeployers());
        deployers.add(this::check);
        configuration.setCustomPreDeployers(deployers);
        List<Deployer> after = configuration.getCustomPostDeployers() == null ? new ArrayList<>()
            : new ArrayList<>(configuration.getCustomPostDeployers());
        after.add(this::announce);
        configuration.setCustomPostDeployers(after);
    }

    /** Once a new deployment committed, tells this node's listeners (signal catalogue, journey migration) what changed. */
    private void announce(DeploymentEntity deployment) {
        if (!deployment.isNew()) {
            return;
        }
        ModelsDeployed event = new ModelsDeployed(deployment.getId(), Context.getCommandContext().getAuthenticatedUserId(),
            keys(deployment.getDeployedProcessDefinitions()), keys(deployment.getDeployedDecisionDefinitions()));
        Context.getCommandContext().getTransactionContext()
            .addTransactionListener(TransactionState.COMMITTED, committed -> spring.publishEvent(event));
    }

    private static List<String> keys(List<? extends ResourceDefinition> definitions) {
        return definitions == null ? List.of() : definitions.stream().map(ResourceDefinition::getKey).distinct().toList();
    }

    private void check(DeploymentEntity deployment) {
        if (!deployment.isNew()) {
            // a node loading an older deployment into its cache: it was checked when it was made, and journeys run on it
            return;
        }
        Map<String, byte[]> resources = new LinkedHashMap<>();
        deployment.getResources().forEach((name, resource) -> resources.put(name, resource.getBytes()));
        List<ModelProblem> problems = rules.getObject().check(resources, new Environment());
        if (!problems.isEmpty()) {
            throw new ModelsRefused(problems);
        }
    }

    /**
     * The checks of a deployment, for models that are not being deployed (a what-if preview): the problems the same
     * resources would be refused with.
     */
    public List<ModelProblem> check(Map<String, byte[]> resources) {
        return configuration.getCommandExecutorTxRequired().execute(commandContext ->
            commandContext.runWithoutAuthorization(() -> rules.getObject().check(resources, new Environment())));
    }

    /** Lookups inside the deploying command (its transaction, without authorization checks). */
    private final class Environment implements ModelEnvironment {

        private final RepositoryService repository = configuration.getRepositoryService();

        @Override
        public Set<String> declaredVariables() {
            Set<String> names = new HashSet<>();
            spring.getBeanProvider(DeclaredVariables.class).forEach(declared -> names.addAll(declared.processVariables()));
            return names;
        }

        @Override
        public Optional<Class<?>> bean(String name) {
            return spring.containsBean(name) ? Optional.ofNullable(spring.getType(name)) : Optional.empty();
        }

        @Override
        public boolean groupExists(String groupId) {
            return configuration.getIdentityService().createGroupQuery().groupId(groupId).count() > 0;
        }

        @Override
        public boolean messageTemplateExists(String template, String language) {
            return messages.getObject().exists(template, language);
        }

        @Override
        public Map<String, byte[]> deployedProcesses() {
            Map<String, byte[]> models = new LinkedHashMap<>();
            for (ProcessDefinition definition : repository.createProcessDefinitionQuery().latestVersion().list()) {
                models.put(definition.getKey(), resource(definition.getDeploymentId(), definition.getResourceName()));
            }
            return models;
        }

        @Override
        public Map<String, byte[]> deployedDecisions() {
            Map<String, byte[]> models = new LinkedHashMap<>();
            for (DecisionDefinition definition : repository.createDecisionDefinitionQuery().latestVersion().list()) {
                models.put(definition.getKey(), resource(definition.getDeploymentId(), definition.getResourceName()));
            }
            return models;
        }

        @Override
        public Optional<byte[]> deployedForm(String formId) {
            CamundaFormDefinitionEntity form = Context.getCommandContext().getCamundaFormDefinitionManager().findLatestDefinitionByKey(formId);
            return form == null ? Optional.empty() : Optional.of(resource(form.getDeploymentId(), form.getResourceName()));
        }

        private byte[] resource(String deploymentId, String name) {
            ResourceEntity resource = Context.getCommandContext().getResourceManager().findResourceByDeploymentIdAndResourceName(deploymentId, name);
            if (resource != null) {
                return resource.getBytes();
            }
            try (InputStream in = repository.getResourceAsStream(deploymentId, name)) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
