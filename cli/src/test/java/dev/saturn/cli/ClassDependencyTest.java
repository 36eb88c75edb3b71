package dev.saturn.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The module arrows and the package graph in the compiled classes (ArchitectureTest reads the sources
 * and the poms): cli → agent → report, profiling → analyzers, flamegraph → collectors, and no cycle
 * between any two packages, so that each package can be read knowing only the ones below it.
 */
class ClassDependencyTest {
    private static final JavaClasses SATURN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.saturn");

    @Test
    void everyModuleIsOnTheClasspath() {
        for (String module : new String[] {"cli", "agent", "report", "profiling", "analyzers", "flamegraph", "collectors"}) {
            assertTrue(SATURN.containPackage("dev.saturn." + module), "no classes of dev.saturn." + module + " were imported");
        }
    }

    @Test
    void modulesUseOnlyTheModulesBelowThem() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("cli").definedBy("dev.saturn.cli..")
                .layer("agent").definedBy("dev.saturn.agent..")
                .layer("report").definedBy("dev.saturn.report..")
                .layer("profiling").definedBy("dev.saturn.profiling..")
                .layer("analyzers").definedBy("dev.saturn.analyzers..")
                .layer("flamegraph").definedBy("dev.saturn.flamegraph..")
                .layer("collectors").definedBy("dev.saturn.collectors..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("agent").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("report").mayOnlyBeAccessedByLayers("agent", "cli")
                .whereLayer("profiling").mayOnlyBeAccessedByLayers("agent", "cli")
                .whereLayer("analyzers").mayOnlyBeAccessedByLayers("report", "profiling", "agent", "cli")
                .whereLayer("flamegraph").mayOnlyBeAccessedByLayers("profiling", "agent", "cli")
                .whereLayer("collectors").mayOnlyBeAccessedByLayers("analyzers", "report", "profiling", "agent", "cli")
                .check(SATURN);
    }

    @Test
    void noPackageIsInACycle() {
        slices().matching("dev.saturn.(**)").should().beFreeOfCycles().check(SATURN);
    }

    @Test
    void commandsOutsideTheAgentDoNotLoadIt() {
        noClasses().that().resideInAnyPackage("dev.saturn.cli.profile..", "dev.saturn.cli.flame..", "dev.saturn.cli.stat..",
                        "dev.saturn.cli.jfr..")
                .should().dependOnClassesThat().resideInAPackage("dev.saturn.agent..")
                .because("saturn profile, flamegraph, stat and jfr run without the agent's classes")
                .check(SATURN);
    }

    @Test
    void timeParsingIsALeaf() {
        classes().that().resideInAPackage("dev.saturn.collectors.time")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.saturn.collectors.time", "java..")
                .check(SATURN);
    }
}
