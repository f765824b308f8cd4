package io.leadjourney.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadjourney.journey.models.ModelChecks;
import io.leadjourney.platform.engine.DeclaredVariables;
import io.leadjourney.platform.engine.ModelEnvironment;
import io.leadjourney.platform.engine.ModelProblem;
import io.leadjourney.platform.security.Groups;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;

/**
 * The committed models (bpmn/, dmn/) pass the checks every deployment passes (journey.models.ModelChecks), as one
 * deployment into an empty engine: the service's beans found by class-path scanning, the groups IdentitySetup creates,
 * the message templates in src/main/resources/messages. And the Modeler's element templates fit the service.
 */
class ModelRulesTest {

    static final Path BPMN = Path.of("bpmn");
    static final Path DMN = Path.of("dmn");
    static final Pattern DELEGATE = Pattern.compile("\\$\\{(\\w+)}");

    @Test
    void theCommittedModelsPassTheDeployTimeChecks() throws IOException {
        Map<String, byte[]> resources = new TreeMap<>();
        for (Path file : Stream.concat(files(BPMN, ""), files(DMN, "")).filter(ModelRulesTest::model).toList()) {
            resources.put(file.toString().replace('\\', '/'), Files.readAllBytes(file));
        }
        assertThat(resources).containsKeys("bpmn/lead-journey.bpmn", "bpmn/opportunity.bpmn", "dmn/engagement-scoring.dmn");

        List<ModelProblem> problems = ModelChecks.check(resources, committed());

        assertThat(problems).isEmpty();
    }

    /** The tests name elements of the committed journey through LeadJourneyIds: a rename in the Modeler shows here first. */
    @Test
    void everyElementTheTestsNameIsInTheCommittedModels() throws IOException, IllegalAccessException {
        Set<String> ids = new HashSet<>();
        for (String model : List.of("lead-journey.bpmn", "opportunity.bpmn")) {
            Bpmn.readModelFromFile(BPMN.resolve(model).toFile()).getModelElementsByType(FlowElement.class)
                .forEach(element -> ids.add(element.getId()));
        }
        Map<String, String> named = new TreeMap<>();
        for (Field field : LeadJourneyIds.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                named.put(field.getName(), (String) field.get(null));
            }
        }
        assertThat(named).hasSizeGreaterThan(15);
        assertThat(named).allSatisfy((constant, id) -> assertThat(ids).as("LeadJourneyIds.%s", constant).contains(id));
    }

    @Test
    void theElementTemplatesPointAtExistingDelegatesAndTheModelsUseExistingTemplates() throws IOException {
        JsonNode templates = new ObjectMapper().readTree(BPMN.resolve(".camunda/element-templates/lead-journey.json").toFile());
        Set<String> templateIds = new HashSet<>();
        Map<String, Class<?>> beans = beans();
        for (JsonNode template : templates) {
            templateIds.add(template.path("id").asText());
            for (JsonNode property : template.path("properties")) {
                if ("camunda:delegateExpression".equals(property.path("binding").path("name").asText())) {
                    Matcher bean = DELEGATE.matcher(property.path("value").asText());
                    assertThat(bean.matches()).isTrue();
                    assertThat(beans).as(template.path("name").asText()).containsKey(bean.group(1));
                }
            }
        }
        for (Path file : files(BPMN, ".bpmn").toList()) {
            for (ServiceTask task : Bpmn.readModelFromFile(file.toFile()).getModelElementsByType(ServiceTask.class)) {
                String template = task.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "modelerTemplate");
                if (template != null) {
                    assertThat(templateIds).as(task.getId() + " template").contains(template);
                }
            }
        }
    }

    /** The environment of a fresh installation of the committed code. */
    static ModelEnvironment committed() {
        Map<String, Class<?>> beans = beans();
        Set<String> groups = groups();
        return new ModelEnvironment() {
            @Override
            public Optional<Class<?>> bean(String name) {
                return Optional.ofNullable(beans.get(name));
            }

            @Override
            public boolean groupExists(String groupId) {
                return groups.contains(groupId);
            }

            @Override
            public boolean messageTemplateExists(String template, String language) {
                return Files.isRegularFile(Path.of("src/main/resources/messages", template + "." + language + ".txt"));
            }

            @Override
            public Map<String, byte[]> deployedProcesses() {
                return Map.of();
            }

            @Override
            public Map<String, byte[]> deployedDecisions() {
                return Map.of();
            }

            @Override
            public Optional<byte[]> deployedForm(String formId) {
                return Optional.empty();
            }

            @Override
            public Set<String> declaredVariables() {
                Set<String> names = new HashSet<>();
                beans.values().stream().filter(DeclaredVariables.class::isAssignableFrom).forEach(type -> {
                    try {
                        Constructor<?> constructor = type.getDeclaredConstructor();
                        constructor.setAccessible(true);
                        names.addAll(((DeclaredVariables) constructor.newInstance()).processVariables());
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(type + " declares variables and needs no constructor arguments", e);
                    }
                });
                return names;
            }
        };
    }

    /** The service's components by bean name (the class name, first letter lower case). */
    static Map<String, Class<?>> beans() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class));
        Map<String, Class<?>> beans = new HashMap<>();
        for (BeanDefinition definition : scanner.findCandidateComponents("io.leadjourney")) {
            try {
                Class<?> type = Class.forName(definition.getBeanClassName());
                beans.put(Character.toLowerCase(type.getSimpleName().charAt(0)) + type.getSimpleName().substring(1), type);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return beans;
    }

    private static Set<String> groups() {
        Set<String> groups = new HashSet<>();
        for (Field field : Groups.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    groups.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return groups;
    }

    private static boolean model(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".bpmn") || name.endsWith(".dmn") || name.endsWith(".form");
    }

    private static Stream<Path> files(Path dir, String suffix) {
        assertThat(dir).as("run from the project root").isDirectory();
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(path -> path.toString().endsWith(suffix)).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
