package com.attest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The allowed dependencies between the portal's packages, as ARCHITECTURE.md draws them, checked on the compiled
 * classes: a package uses only packages on a lower layer, never one beside or above it; nothing but a page uses a
 * page's class; no feature reaches into another feature's pages.
 */
class ArchitectureTest {

    /** Bottom up; a package may use the packages of every layer below its own. Keep in step with ARCHITECTURE.md. */
    static final List<List<String>> LAYERS = List.of(
            List.of("platform"),
            List.of("security"),
            List.of("audit", "calendar", "azure", "actionitem"),
            List.of("incident"),
            List.of("oncall"),
            List.of("runbook", "intake"),
            List.of("action"),
            List.of("customernotice"),
            List.of("pir", "exercise", "detection"),
            List.of("evidence"),
            List.of("engagement"),
            List.of("control"),
            List.of("pack"));

    private static JavaClasses portal;

    @BeforeAll
    static void importPortal() {
        portal = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.attest");
    }

    @Test
    void everyPackageIsOnALayer() {
        List<String> unplaced = portal.stream().map(c -> c.getPackageName())
                .filter(p -> p.startsWith("com.attest.")).map(p -> p.split("\\.")[2]).distinct()
                .filter(p -> LAYERS.stream().noneMatch(l -> l.contains(p))).toList();
        if (!unplaced.isEmpty()) {
            throw new AssertionError("Packages on no layer of ARCHITECTURE.md: " + unplaced);
        }
    }

    @Test
    void noCycleBetweenPackages() {
        slices().matching("com.attest.(*)..").should().beFreeOfCycles().check(portal);
    }

    @Test
    void aPackageUsesOnlyTheLayersBelowIt() {
        for (int i = 0; i < LAYERS.size(); i++) {
            List<String> notBelow = LAYERS.subList(i, LAYERS.size()).stream().flatMap(List::stream).toList();
            for (String feature : LAYERS.get(i)) {
                String[] forbidden = notBelow.stream().filter(p -> !p.equals(feature))
                        .map(p -> "com.attest." + p + "..").toArray(String[]::new);
                noClasses().that().resideInAPackage("com.attest." + feature + "..")
                        .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                        .because(feature + " sits on layer " + i + " of ARCHITECTURE.md")
                        .check(portal);
            }
        }
    }

    @Test
    void servicesDoNotUsePages() {
        noClasses().that().resideOutsideOfPackage("..web..")
                .should().dependOnClassesThat().resideInAPackage("..web..")
                .because("the web tier calls services, never the other way round")
                .check(portal);
    }

    @Test
    void noFeatureReachesIntoAnotherFeaturesPages() {
        List<String> features = LAYERS.stream().flatMap(List::stream).filter(p -> !p.equals("platform")).toList();
        for (String feature : features) {
            List<String> others = new ArrayList<>(features);
            others.remove(feature);
            noClasses().that().resideInAPackage("com.attest." + feature + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            others.stream().map(o -> "com.attest." + o + ".web..").toArray(String[]::new))
                    .because("a page belongs to its feature; others observe its events or call its services")
                    .check(portal);
        }
    }
}
