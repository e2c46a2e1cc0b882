package io.pgha;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import io.pgha.modules.Module;
import io.pgha.transport.ConnectionSpec;
import io.pgha.transport.Connector;

import java.util.ArrayList;
import java.util.List;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The layers of docs/architecture.md and its rules, checked on pgha's own classes (tests not included). */
@AnalyzeClasses(packages = "io.pgha", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * The diagram of docs/architecture.md, top to bottom: a layer is used only by the layers of the
     * rows above it (never by its own row's others); core, at the bottom, by anyone.
     */
    private static final List<List<String>> ROWS = List.of(
            List.of("cli"),
            List.of("ops", "output", "lab"),
            List.of("engine"),
            List.of("playbook"),
            List.of("modules"),
            List.of("template"),
            List.of("facts", "inventory"),
            List.of("transport"),
            List.of("core"));

    @ArchTest
    static final ArchRule layers = layered()
            .whereLayer("lab").mayOnlyAccessLayers("core")
            .because("docs/architecture.md: a layer uses only the rows below it, and the Docker lab core alone"
                    + " (cli joins it to the drill: LabNodeControl)");

    @ArchTest
    static final ArchRule onlyCliKnowsPicocli = noClasses().that().resideOutsideOfPackage("io.pgha.cli..")
            .should().dependOnClassesThat().resideInAPackage("picocli..");

    /** Areas of modules (files, system) share io.pgha.modules.support and nothing of each other. */
    @ArchTest
    static final ArchRule moduleAreasShareOnlySupport = slices().matching("io.pgha.modules.(*)..")
            .should().notDependOnEachOther()
            .ignoreDependency(alwaysTrue(), resideInAPackage("io.pgha.modules.support.."));

    /** A module's shared steps are helpers of its area or of support; only the lists (FileModules, ...) name modules. */
    @ArchTest
    static final ArchRule noModuleKnowsAnother = classes().that().resideInAPackage("io.pgha.modules..")
            .and().haveSimpleNameNotEndingWith("Modules")
            .should(useNoModuleButTheirOwn());

    /** The one road to the hosts: connections are opened by the engine (ClusterHosts), over SSH chosen by cli. */
    @ArchTest
    static final ArchRule onlyTheEngineOpensConnections = noClasses().that().resideOutsideOfPackage("io.pgha.engine..")
            .should().callMethod(Connector.class, "connect", ConnectionSpec.class);

    @ArchTest
    static final ArchRule onlyCliChoosesSsh = noClasses()
            .that().resideOutsideOfPackages("io.pgha.cli..", "io.pgha.transport.ssh..")
            .should().dependOnClassesThat().resideInAPackage("io.pgha.transport.ssh..")
            .because("ops, the engine and the modules work on transport's interfaces");

    @ArchTest
    static final ArchRule minaSshdOnlyInTransport = noClasses()
            .that().resideOutsideOfPackages("io.pgha.transport.ssh..", "io.pgha.lab..")
            .should().dependOnClassesThat().resideInAPackage("org.apache.sshd..")
            .because("the lab makes its key pair with it; everything else goes through io.pgha.transport");

    @ArchTest
    static final ArchRule onlyOpsTalksToPostgresql = noClasses().that().resideOutsideOfPackage("io.pgha.ops..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.postgresql..")
            .because("below ops PostgreSQL is only files and commands on a host");

    @ArchTest
    static final ArchRule onlyTheLabKnowsDocker = noClasses().that().resideOutsideOfPackage("io.pgha.lab..")
            .should().dependOnClassesThat().resideInAnyPackage("org.testcontainers..", "com.github.dockerjava..");

    private static LayeredArchitecture layered() {
        LayeredArchitecture arch = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitecture();
        for (List<String> row : ROWS) {
            for (String layer : row) arch = arch.layer(layer).definedBy("io.pgha." + layer + "..");
        }
        List<String> above = new ArrayList<>();
        for (List<String> row : ROWS.subList(0, ROWS.size() - 1)) {
            for (String layer : row) {
                arch = above.isEmpty() ? arch.whereLayer(layer).mayNotBeAccessedByAnyLayer()
                        : arch.whereLayer(layer).mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
            }
            above.addAll(row);
        }
        return arch;
    }

    private static final DescribedPredicate<JavaClass> A_MODULE = DescribedPredicate.describe("a module",
            c -> c.isAssignableTo(Module.class) && !c.isInterface() && !c.getModifiers().contains(JavaModifier.ABSTRACT));

    private static ArchCondition<JavaClass> useNoModuleButTheirOwn() {
        return new ArchCondition<>("use no module but the one they belong to") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = d.getTargetClass().getBaseComponentType();
                    if (A_MODULE.test(target) && !topLevel(target).equals(topLevel(origin))) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }

    private static String topLevel(JavaClass c) {
        String name = c.getName();
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }
}
