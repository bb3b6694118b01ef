package dev.shadowdev.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The house plan's rules over the compiled main classes of every module (DESIGN.md "The picture"): no package
 * cycles anywhere, and module dependencies that point one way, {@code fuse-devfs -> driver -> mhi-transport <-
 * firmware}, with {@code dra -> fuse-devfs} and {@code bench} free to use everything. The one place that wires an
 * embedded card, driver and mount together for {@code up} ({@code dev.shadowdev.devfs.wiring}) may see the firmware;
 * nothing else in fuse-devfs does.
 */
class ArchitectureTest
{
    /** mhi-transport's packages. */
    private static final String[] TRANSPORT = {
        "dev.shadowdev.abi..", "dev.shadowdev.mhi..", "dev.shadowdev.wire..", "dev.shadowdev.dbc.."};
    private static final String FIRMWARE = "dev.shadowdev.firmware..";
    private static final String DRIVER = "dev.shadowdev.driver..";
    private static final String DEVFS = "dev.shadowdev.devfs..";
    private static final String WIRING = "dev.shadowdev.devfs.wiring..";
    private static final String DRA = "dev.shadowdev.dra..";
    private static final String BENCH = "dev.shadowdev.bench..";

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses()
    {
        classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.shadowdev");
        // The checks below mean nothing if a module's classes were not found.
        for (final String pkg : new String[] {"dev.shadowdev.mhi", "dev.shadowdev.firmware.model",
            "dev.shadowdev.driver", "dev.shadowdev.devfs.fs", "dev.shadowdev.dra", "dev.shadowdev.bench.e2e"})
        {
            assertTrue(classes.containPackage(pkg), "no classes imported from " + pkg);
        }
    }

    @Test
    void noPackageCycles()
    {
        slices().matching("dev.shadowdev.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void transportDependsOnNoOtherModule()
    {
        check(noClasses().that().resideInAnyPackage(TRANSPORT)
            .should().dependOnClassesThat().resideInAnyPackage(FIRMWARE, DRIVER, DEVFS, DRA, BENCH));
    }

    @Test
    void firmwareSeesOnlyTheTransport()
    {
        check(noClasses().that().resideInAPackage(FIRMWARE)
            .should().dependOnClassesThat().resideInAnyPackage(DRIVER, DEVFS, DRA, BENCH));
    }

    @Test
    void driverSeesOnlyTheTransport()
    {
        check(noClasses().that().resideInAPackage(DRIVER)
            .should().dependOnClassesThat().resideInAnyPackage(FIRMWARE, DEVFS, DRA, BENCH));
    }

    @Test
    void devfsSeesTheFirmwareOnlyInTheWiringPlace()
    {
        check(noClasses().that().resideInAPackage(DEVFS).and().resideOutsideOfPackage(WIRING)
            .should().dependOnClassesThat().resideInAnyPackage(FIRMWARE, DRA, BENCH));
    }

    @Test
    void draIsAClientOfTheDevfsAndNothingDependsOnIt()
    {
        check(noClasses().that().resideInAPackage(DRA)
            .should().dependOnClassesThat().resideInAnyPackage(FIRMWARE, DRIVER, BENCH));
        check(noClasses().that().resideOutsideOfPackage(DRA)
            .should().dependOnClassesThat().resideInAPackage(DRA));
    }

    private static void check(final ArchRule rule)
    {
        rule.check(classes);
    }
}
