package io.leadjourney.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.freeze.FreezingArchRule;
import org.junit.jupiter.api.Test;

/**
 * The package rules, checked on the main classes: features that hold no process logic stay free of the engine, and
 * feature packages do not depend on each other in new circles — the ones there are today are known debts (issue 17)
 * and may only shrink.
 */
class ArchitectureTest {

    static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.leadjourney");

    @Test
    void peopleMessagingAndInsightKnowNothingOfTheEngine() {
        noClasses().that().resideInAnyPackage("io.leadjourney.people..", "io.leadjourney.messaging..", "io.leadjourney.insight..")
            .should().dependOnClassesThat().resideInAnyPackage("org.camunda..")
            .check(MAIN);
    }

    /**
     * Frozen: the cycles that exist today are recorded in src/test/resources/archunit-store (mostly through
     * {@code platform}, and people ↔ sales); a new one fails. When a cycle is removed, its lines leave the store.
     */
    @Test
    void featurePackagesDoNotDependOnEachOtherInNewCircles() {
        FreezingArchRule.freeze(slices().matching("io.leadjourney.(*)..").should().beFreeOfCycles())
            .check(MAIN);
    }
}
