package io.leadjourney.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * The project's rules for committed models (bpmn/, dmn/), checked on every file: history time-to-live, meaningful
 * element ids (Type_BusinessName, never the Modeler's generated Activity_0abc123), every user task with a candidate
 * group and a form that exists, every side effect asyncBefore with a retry cycle, every decisionRef deployed.
 */
class ModelRulesTest {

    static final Path BPMN = Path.of("bpmn");
    static final Path DMN = Path.of("dmn");
    static final Pattern MEANINGFUL_ID = Pattern.compile("[A-Z][A-Za-z]+_[A-Z][A-Za-z0-9]*");
    static final Pattern GENERATED_ID = Pattern.compile(".*_[0-9a-z]{7}");
    static final Pattern DELEGATE = Pattern.compile("\\$\\{(\\w+)}");

    @TestFactory
    Stream<DynamicTest> everyProcessFollowsTheRules() throws IOException {
        return files(BPMN, ".bpmn").map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
            BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
            List<String> problems = new ArrayList<>();
            for (Process process : model.getModelElementsByType(Process.class)) {
                if (process.getCamundaHistoryTimeToLiveString() == null) {
                    problems.add("process " + process.getId() + " has no historyTimeToLive");
                }
            }
            for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
                checkId(element, problems);
            }
            for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                if (blank(task.getCamundaCandidateGroups())) {
                    problems.add("user task " + task.getId() + " has no candidate group");
                }
                boolean context = task.getExtensionElements() != null && task.getExtensionElements().getElementsQuery()
                    .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener.class).list().stream()
                    .anyMatch(l -> "${taskContextListener}".equals(l.getCamundaDelegateExpression()) && "create".equals(l.getCamundaEvent()));
                if (!context) {
                    problems.add("user task " + task.getId() + " lacks the create listener ${taskContextListener} (the form's context)");
                }
                if (blank(task.getCamundaFormRef()) && blank(task.getCamundaFormKey())) {
                    problems.add("user task " + task.getId() + " has no form");
                } else if (!blank(task.getCamundaFormRef()) && !formIds().contains(task.getCamundaFormRef())) {
                    problems.add("user task " + task.getId() + " uses form '" + task.getCamundaFormRef() + "' that bpmn/forms does not have");
                }
            }
            for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
                if (task.getCamundaClass() != null) {
                    problems.add("service task " + task.getId() + " uses camunda:class; use a delegateExpression");
                }
                if (isSideEffect(task.getCamundaDelegateExpression())) {
                    if (!task.isCamundaAsyncBefore()) {
                        problems.add("side effect " + task.getId() + " is not asyncBefore");
                    }
                    if (task.getExtensionElements() == null
                        || task.getExtensionElements().getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class).count() == 0) {
                        problems.add("side effect " + task.getId() + " has no failedJobRetryTimeCycle");
                    }
                }
            }
            for (BusinessRuleTask task : model.getModelElementsByType(BusinessRuleTask.class)) {
                if (!decisionIds().contains(task.getCamundaDecisionRef())) {
                    problems.add("business rule task " + task.getId() + " calls '" + task.getCamundaDecisionRef() + "' that dmn/ does not have");
                }
            }
            assertThat(problems).as(file.toString()).isEmpty();
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyDecisionFollowsTheRules() throws IOException {
        return files(DMN, ".dmn").map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
            DmnModelInstance model = Dmn.readModelFromFile(file.toFile());
            Collection<Decision> decisions = model.getModelElementsByType(Decision.class);
            assertThat(decisions).isNotEmpty();
            for (Decision decision : decisions) {
                assertThat(decision.getCamundaHistoryTimeToLiveString()).as(decision.getId() + " historyTimeToLive").isNotBlank();
                assertThat(file.getFileName().toString()).as("file named after its decision").isEqualTo(decision.getId() + ".dmn");
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyProcessFileIsNamedAfterItsProcess() throws IOException {
        return files(BPMN, ".bpmn").map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
            BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
            assertThat(model.getModelElementsByType(Process.class)).extracting(BaseElement::getId)
                .containsExactly(file.getFileName().toString().replace(".bpmn", ""));
        }));
    }

    @org.junit.jupiter.api.Test
    void theElementTemplatesPointAtExistingDelegatesAndTheModelsUseExistingTemplates() throws IOException {
        com.fasterxml.jackson.databind.JsonNode templates = new ObjectMapper().readTree(BPMN.resolve(".camunda/element-templates/lead-journey.json").toFile());
        Set<String> templateIds = new java.util.HashSet<>();
        for (com.fasterxml.jackson.databind.JsonNode template : templates) {
            templateIds.add(template.path("id").asText());
            for (com.fasterxml.jackson.databind.JsonNode property : template.path("properties")) {
                if ("camunda:delegateExpression".equals(property.path("binding").path("name").asText())) {
                    Matcher bean = DELEGATE.matcher(property.path("value").asText());
                    assertThat(bean.matches()).isTrue();
                    String className = "io.leadjourney.journey." + Character.toUpperCase(bean.group(1).charAt(0)) + bean.group(1).substring(1);
                    assertThat(org.springframework.util.ClassUtils.isPresent(className, getClass().getClassLoader()))
                        .as(template.path("name").asText() + " -> " + className).isTrue();
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

    private static void checkId(BaseElement element, List<String> problems) {
        String id = element.getId();
        if (id == null || !MEANINGFUL_ID.matcher(id).matches() || GENERATED_ID.matcher(id).matches()) {
            problems.add("element id '" + id + "' is not of the form Type_BusinessName");
        }
    }

    private static boolean isSideEffect(String delegateExpression) {
        if (delegateExpression == null) {
            return false;
        }
        Matcher matcher = DELEGATE.matcher(delegateExpression);
        return matcher.matches() && sideEffectBeans().contains(matcher.group(1));
    }

    static Set<String> sideEffectBeans() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(SideEffect.class));
        Set<String> beans = scanner.findCandidateComponents("io.leadjourney").stream()
            .map(definition -> definition.getBeanClassName().substring(definition.getBeanClassName().lastIndexOf('.') + 1))
            .map(name -> Character.toLowerCase(name.charAt(0)) + name.substring(1))
            .collect(Collectors.toSet());
        assertThat(beans).as("delegates marked @SideEffect").contains("sendMessageDelegate", "alertManagersDelegate");
        return beans;
    }

    private static Set<String> formIds() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Set<String> ids = new java.util.HashSet<>();
        for (Path form : files(BPMN.resolve("forms"), ".form").toList()) {
            ids.add(json.readTree(form.toFile()).path("id").asText());
        }
        return ids;
    }

    private static Set<String> decisionIds() throws IOException {
        return files(DMN, ".dmn").flatMap(file -> Dmn.readModelFromFile(file.toFile()).getModelElementsByType(Decision.class).stream())
            .map(Decision::getId).collect(Collectors.toSet());
    }

    private static Stream<Path> files(Path dir, String suffix) throws IOException {
        assertThat(dir).as("run from the project root").isDirectory();
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(path -> path.toString().endsWith(suffix)).sorted().toList().stream();
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
