package io.shkmemory.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layering of DESIGN.md section 3, kept by the build. */
class ArchitectureTests {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.shkmemory");

    @Test
    void engineDependsOnNoFrameworkAndNoOtherLayer() {
        noClasses().that().resideInAPackage("io.shkmemory.engine..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "jakarta..", "io.micrometer..",
                        "tools.jackson..", "com.fasterxml..",
                        "io.shkmemory.api..", "io.shkmemory.memory..",
                        "io.shkmemory.persistence..", "io.shkmemory.metrics..",
                        "io.shkmemory.config..", "io.shkmemory.experiments..")
                .check(MAIN);
    }

    @Test
    void experimentsRunOnTheEngineWithoutTheService() {
        noClasses().that().resideInAPackage("io.shkmemory.experiments..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "io.shkmemory.api..", "io.shkmemory.memory..",
                        "io.shkmemory.persistence..")
                .allowEmptyShould(true)
                .check(MAIN);
    }

    @Test
    void persistenceIsNotReachedFromTheWebLayer() {
        noClasses().that().resideInAPackage("io.shkmemory.api..")
                .should().dependOnClassesThat().resideInAPackage("io.shkmemory.persistence..")
                .check(MAIN);
    }
}
