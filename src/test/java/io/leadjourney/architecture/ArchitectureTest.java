package io.leadjourney.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;

/**
 * The package rules, checked on the main classes: features that hold no process logic stay free of the engine, and
 * feature packages do not depend on each other in new circles — the ones there are today are known debts (issue 17)
 * and may only shrink.
 */
class ArchitectureTest {

    static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.leadjourney");

    /**
     * The dependencies between feature packages that lie on a circle today (debts of issue 17). Any other dependency that
     * closes a circle fails; one listed here that no longer lies on a circle must leave the list.
     */
    static final Set<String> KNOWN_CIRCULAR = Set.of(
        "journey -> messaging", "journey -> people", "journey -> platform", "journey -> sales",
        "messaging -> people", "messaging -> platform",
        "people -> platform", "people -> sales",
        "platform -> journey", "platform -> messaging",
        "sales -> people", "sales -> platform");

    @Test
    void peopleMessagingAndInsightKnowNothingOfTheEngine() {
        noClasses().that().resideInAnyPackage("io.leadjourney.people..", "io.leadjourney.messaging..", "io.leadjourney.insight..")
            .should().dependOnClassesThat().resideInAnyPackage("org.camunda..")
            .check(MAIN);
    }

    /**
     * The engine's internals (org.camunda.bpm.engine.impl) are used in platform only (platform/engine holds the engine
     * glue); features may write process engine plugins and use the engine clock, the form validation error and the
     * current authentication, which the engine offers nowhere else.
     */
    @Test
    void engineInternalsStayInPlatform() {
        noClasses().that().resideOutsideOfPackage("io.leadjourney.platform..")
            .should().dependOnClassesThat(resideInAPackage("org.camunda.bpm.engine.impl..").and(not(belongToAnyOf(
                AbstractProcessEnginePlugin.class, ProcessEngineConfigurationImpl.class, ClockUtil.class, FormFieldValidationException.class,
                Authentication.class))))
            .check(MAIN);
    }

    @Test
    void featurePackagesDoNotDependOnEachOtherInNewCircles() {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (JavaClass type : MAIN) {
            for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                String from = feature(type);
                String to = feature(dependency.getTargetClass());
                if (from != null && to != null && !from.equals(to)) {
                    graph.computeIfAbsent(from, key -> new TreeSet<>()).add(to);
                }
            }
        }
        Set<String> circular = new TreeSet<>();
        graph.forEach((from, targets) -> targets.stream().filter(to -> reaches(graph, to, from)).forEach(to -> circular.add(from + " -> " + to)));

        assertThat(circular).as("dependencies that close a circle between feature packages (a package should call another "
            + "through a port it owns, or publish an event)").isSubsetOf(KNOWN_CIRCULAR);
        assertThat(new TreeSet<>(KNOWN_CIRCULAR)).as("known circular dependencies that are gone: take them off the list")
            .isSubsetOf(circular);
    }

    /** The feature package of a class of this service ("journey" for io.leadjourney.journey.models.X), else null. */
    private static String feature(JavaClass type) {
        String name = type.getPackageName();
        if (!name.startsWith("io.leadjourney.")) {
            return null;
        }
        List<String> parts = List.of(name.substring("io.leadjourney.".length()).split("\\."));
        return parts.get(0);
    }

    private static boolean reaches(Map<String, Set<String>> graph, String start, String goal) {
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (next.equals(goal)) {
                return true;
            }
            if (seen.add(next)) {
                todo.addAll(graph.getOrDefault(next, Set.of()));
            }
        }
        return false;
    }
}
