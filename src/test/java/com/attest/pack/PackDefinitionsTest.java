package com.attest.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pack definitions in reports/: both shipped kinds read, and a broken file is refused with its name. */
class PackDefinitionsTest {

    @Test
    void theShippedDefinitionsRead() {
        List<PackDefinition> all = PackDefinitions.load(Path.of("reports"));
        assertEquals(List.of("audit-period", "single-incident"), all.stream().map(PackDefinition::kind).toList());
        PackDefinition period = all.get(0);
        assertEquals(PackDefinition.Scope.PERIOD, period.scope());
        assertEquals(List.of("CC7.3", "CC7.4", "CC7.5"), period.controls().stream()
                .map(PackDefinition.ControlCoverage::control).toList());
        assertTrue(period.has("incident-population") && period.has("manifest") && period.has("exercises"));
        assertEquals(PackDefinition.Scope.INCIDENT, all.get(1).scope());
    }

    @Test
    void theClassPathCopyIsListedToo() {
        // the build copies reports/ into the classes (and the WAR's WEB-INF/classes)
        assertEquals(List.of("audit-period", "single-incident"), PackDefinitions.load(getClass().getClassLoader())
                .stream().map(PackDefinition::kind).toList());
    }

    @Test
    void theCatalogueControlsOfEachTypeAreRespected() {
        // every evidence type a definition lists under a control evidences that control in the policy's catalogue
        Map<String, List<String>> catalogue = Map.of("POLICY", List.of("CC7.3", "CC7.4", "CC7.5"),
                "RUNBOOK", List.of("CC7.4", "CC7.5"), "INCIDENT", List.of("CC7.3", "CC7.4"), "ALERT", List.of("CC7.3"),
                "ACTION_RUN", List.of("CC7.4", "CC7.5"), "QUERY_RESULT", List.of("CC7.4"),
                "ATTACHMENT", List.of("CC7.4"), "PIR", List.of("CC7.4", "CC7.5"), "EXERCISE", List.of("CC7.4", "CC7.5"),
                "ENTRA_AUDIT_LOG", List.of("CC7.3", "CC7.4"));
        for (PackDefinition d : PackDefinitions.load(Path.of("reports"))) {
            for (PackDefinition.ControlCoverage c : d.controls()) {
                for (String type : c.evidence()) {
                    if (catalogue.containsKey(type)) {
                        assertTrue(catalogue.get(type).contains(c.control()), d.kind() + ": " + type + " under "
                                + c.control());
                    }
                }
            }
        }
    }

    @Test
    void aBrokenDefinitionIsRefusedByName() {
        assertEquals("broken.json: 'sections' is missing or not a list", refused("""
                {"kind":"x","title":"X","scope":"PERIOD","controls":[]}"""));
        assertEquals("broken.json: unknown section 'charts' (known: [artefacts, audit-trail, coverage, documents,"
                + " exercises, incident-population, incidents, manifest, notifications, reconciliation])", refused("""
                {"kind":"x","title":"X","scope":"PERIOD","controls":[],"sections":[{"id":"charts","title":"C"}]}"""));
        assertEquals("broken.json: scope must be PERIOD or INCIDENT", refused("""
                {"kind":"x","title":"X","scope":"YEAR","controls":[],"sections":[]}"""));
        assertTrue(refused("{not json").startsWith("broken.json: not a JSON object"));
    }

    private static String refused(String json) {
        return assertThrows(IllegalArgumentException.class, () -> PackDefinition.parse("broken.json",
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))).getMessage();
    }
}
