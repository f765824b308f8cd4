package io.leadjourney.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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

    @Test
    void peopleMessagingAndInsightKnowNothingOfTheEngine() {
        noClasses().that().resideInAnyPackage("io.leadjourney.people..", "io.leadjourney.messaging..", "io.leadjourney.insight..")
            .should().dependOnClassesThat().resideInAnyPackage("org.camunda..")
            .check(MAIN);
    }

    /**
     * The engine's internals (org.camunda.bpm.engine.impl) are used in platform/engine (the engine glue) and
     * platform/security (where the engine's identity and authorization providers are plugged) only; features may write
     * process engine plugins and use the engine clock, the form validation error and the current authentication, which
     * the engine offers nowhere else.
     */
    @Test
    void engineInternalsStayInPlatform() {
        noClasses().that().resideOutsideOfPackages("io.leadjourney.platform.engine..", "io.leadjourney.platform.security..")
            .should().dependOnClassesThat(resideInAPackage("org.camunda.bpm.engine.impl..").and(not(belongToAnyOf(
                AbstractProcessEnginePlugin.class, ProcessEngineConfigurationImpl.class, ClockUtil.class, FormFieldValidationException.class,
                Authentication.class))))
            .check(MAIN);
    }

    /** A feature package calls another through a port it owns (an interface the other implements) or an event. */
    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("io.leadjourney.(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
