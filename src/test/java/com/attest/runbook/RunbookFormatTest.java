package com.attest.runbook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.attest.platform.InvalidInput;
import com.attest.platform.InvalidInput.FieldError;

class RunbookFormatTest {

    private static Runbook minimal(String title) {
        List<Step> steps = new ArrayList<>();
        for (Phase p : Phase.values()) {
            steps.add(new Step(p, "", List.of(Item.manual("Do " + p.heading()))));
        }
        return new Runbook(title, "", steps);
    }

    private static List<FieldError> refusals(Runnable r) {
        return assertThrows(InvalidInput.class, r::run).errors();
    }

    @Test
    void theSeedRoundTrips() {
        Runbook seed = InitialDocuments.incidentResponse();
        assertDoesNotThrow(() -> RunbookFormat.validate(seed));
        String md = RunbookFormat.write(seed);
        assertEquals(seed, RunbookFormat.read(md));
        assertEquals(md, RunbookFormat.write(RunbookFormat.read(md)));
    }

    @Test
    void writesTheDocumentedLayout() {
        Runbook runbook = new Runbook(" IR ", "Intro.\n\nSecond paragraph.\n", List.of(
                new Step(Phase.CONTAIN, "\n\nIsolate first.", List.of(
                        new Item("Quarantine the VM", "quarantine-vm"), Item.manual("Tell the owner"))),
                new Step(Phase.INVESTIGATE, "", List.of())));
        String md = RunbookFormat.write(runbook);
        assertEquals("""
                # IR

                Intro.

                Second paragraph.

                ## Contain

                Isolate first.

                - [ ] Quarantine the VM `action: quarantine-vm`
                - [ ] Tell the owner

                ## Investigate
                """, md);
        assertEquals(runbook, RunbookFormat.read(md));
        assertEquals(List.of("contain-1", "contain-2"),
                runbook.steps().get(0).items().stream().map(Item::key).toList());
    }

    @Test
    void keysArePositionalWhateverTheyCameWith() {
        Step step = new Step(Phase.REVIEW, null, List.of(new Item("x", "Root cause", null),
                new Item("y", "Action items", "")));
        assertEquals(List.of(new Item("review-1", "Root cause", null), new Item("review-2", "Action items", null)),
                step.items());
    }

    @Test
    void readsHandWrittenMarkdown() {
        Runbook r = RunbookFormat.read("""
                \uFEFF
                #   Our runbook\r
                Intro line.\r
                ## contain
                - [ ] Quarantine   `action:quarantine-vm`
                * [x] Page the owner
                  and the security lead
                Guidance after the list.
                ## Investigate
                ```bash
                # Query audit logs, not a heading
                - [ ] not an item either
                ## nor a step
                ```
                + [ ] Run the user audit `action: run-kql-user-audit`
                ### Notes
                Deeper heading stays guidance.
                ## Eradicate
                - [ ] Rotate secrets with `az keyvault secret set` `action: rotate-secret`
                ## Recover
                - [ ] Restore `action: restore-sql-pit`
                ## Post-Incident Review
                - [ ] File the review
                """);
        assertEquals("Our runbook", r.title());
        assertEquals("Intro line.", r.introduction());
        assertEquals(List.of(Phase.values()), r.steps().stream().map(Step::phase).toList());
        Step contain = r.steps().get(0);
        assertEquals(List.of(new Item("contain-1", "Quarantine", "quarantine-vm"),
                new Item("contain-2", "Page the owner and the security lead", null)), contain.items());
        assertEquals("Guidance after the list.", contain.guidance());
        Step investigate = r.steps().get(1);
        assertEquals("""
                ```bash
                # Query audit logs, not a heading
                - [ ] not an item either
                ## nor a step
                ```
                ### Notes
                Deeper heading stays guidance.""", investigate.guidance());
        assertEquals(List.of(new Item("investigate-1", "Run the user audit", "run-kql-user-audit")),
                investigate.items());
        assertEquals(new Item("eradicate-1", "Rotate secrets with `az keyvault secret set`", "rotate-secret"),
                r.steps().get(2).items().get(0));
        assertNull(r.steps().get(4).items().get(0).action());
        assertDoesNotThrow(() -> RunbookFormat.validate(r));
    }

    @Test
    void aMissingTitleIsRefusedWithItsLine() {
        assertEquals(List.of(new FieldError("body", "Line 3: the document must start with a '# Title' heading.")),
                refusals(() -> RunbookFormat.read("\n\n## Contain\n- [ ] x\n")));
        assertEquals(List.of(new FieldError("body", "Line 1: the document must start with a '# Title' heading.")),
                refusals(() -> RunbookFormat.read("#Title without a space")));
        assertEquals(List.of(new FieldError("body", "The document is empty; it must start with a '# Title' heading.")),
                refusals(() -> RunbookFormat.read(" \n")));
        assertEquals(List.of(new FieldError("body", "The document is empty; it must start with a '# Title' heading.")),
                refusals(() -> RunbookFormat.read(null)));
    }

    @Test
    void stepHeadingsAreRefusedWithTheirLines() {
        String md = """
                # IR
                ## Contain
                - [ ] a
                ## Triage
                ## Eradicate
                ## Investigate
                ## Contain
                ##
                """;
        String order = "the steps run Contain, Investigate, Eradicate, Recover, Post-incident review.";
        assertEquals(List.of(
                new FieldError("body", "Line 4: 'Triage' is not a runbook step; the steps are Contain, Investigate, "
                        + "Eradicate, Recover, Post-incident review."),
                new FieldError("body", "Line 6: Investigate must come before Eradicate; " + order),
                new FieldError("body", "Line 7: Contain appears twice (first on line 2)."),
                new FieldError("body", "Line 8: '' is not a runbook step; the steps are Contain, Investigate, "
                        + "Eradicate, Recover, Post-incident review.")),
                refusals(() -> RunbookFormat.read(md)));
    }

    @Test
    void anIncompleteRunbookReadsButDoesNotValidate() {
        Runbook r = RunbookFormat.read("# IR\n\n## Contain\n\nNothing yet.\n\n## Recover\n- [ ] Restore\n");
        assertEquals(List.of(
                new FieldError("steps", "A runbook has exactly the steps Contain, Investigate, Eradicate, Recover, "
                        + "Post-incident review, in that order."),
                new FieldError("step-CONTAIN", "Contain has no checklist items.")),
                refusals(() -> RunbookFormat.validate(r)));
    }

    @Test
    void validateNamesEachField() {
        assertEquals(List.of(new FieldError("title", "The title is required.")),
                refusals(() -> RunbookFormat.validate(minimal(" "))));
        assertEquals(List.of(new FieldError("title", "The title is at most 200 characters.")),
                refusals(() -> RunbookFormat.validate(minimal("t".repeat(201)))));
        assertDoesNotThrow(() -> RunbookFormat.validate(minimal("t".repeat(200))));
        assertEquals(List.of(new FieldError("title", "The title is one line.")),
                refusals(() -> RunbookFormat.validate(minimal("a\nb"))));

        List<Step> steps = new ArrayList<>(minimal("IR").steps());
        steps.set(0, new Step(Phase.CONTAIN, "## Sub-step\n\n- [ ] hidden\n\n```\nopen", List.of(
                Item.manual(""), Item.manual("x".repeat(501)), new Item("Wipe", "format-disk"),
                Item.manual("a\nb"), Item.manual("Marked `action: quarantine-vm`"),
                Item.manual("x".repeat(500)))));
        steps.set(2, new Step(Phase.ERADICATE, "", List.of()));
        assertEquals(List.of(
                new FieldError("introduction", "'## Not a step' would start a new step; use ### for a heading here."),
                new FieldError("step-CONTAIN", "'## Sub-step' would start a new step; use ### for a heading here."),
                new FieldError("step-CONTAIN", "'- [ ] hidden' is a checklist line; add it as an item instead."),
                new FieldError("step-CONTAIN", "A code fence is not closed."),
                new FieldError("item-contain-1", "The item's text is required."),
                new FieldError("item-contain-2", "The item's text is at most 500 characters."),
                new FieldError("item-contain-3", "Unknown action type 'format-disk'."),
                new FieldError("item-contain-4", "The item's text is one line."),
                new FieldError("item-contain-5",
                        "The item's text ends with an action marker; choose the action instead."),
                new FieldError("step-ERADICATE", "Eradicate has no checklist items.")),
                refusals(() -> RunbookFormat.validate(new Runbook("IR", "- [ ] fine here\n## Not a step", steps))));

        List<Step> reordered = new ArrayList<>(minimal("IR").steps());
        reordered.add(0, reordered.remove(1));
        assertEquals(List.of(new FieldError("steps", "A runbook has exactly the steps Contain, Investigate, "
                        + "Eradicate, Recover, Post-incident review, in that order.")),
                refusals(() -> RunbookFormat.validate(new Runbook("IR", "", reordered))));
    }

    @Test
    void aValidRunbookWithAwkwardTextRoundTrips() {
        List<Step> steps = new ArrayList<>(minimal("C# incidents").steps());
        steps.set(1, new Step(Phase.INVESTIGATE, "    indented code first\n\n~~~\n## inside a fence\n- [ ] also\n~~~\n"
                + "Hard break  \nnext", List.of(new Item("Use `kql` and `az`", "run-kql-ip-activity"),
                Item.manual("Text with * [ ] and # marks"))));
        Runbook r = new Runbook("C# incidents", "# Not the title\n\n- [ ] a checklist in the intro", steps);
        assertDoesNotThrow(() -> RunbookFormat.validate(r));
        assertEquals(r, RunbookFormat.read(RunbookFormat.write(r)));
    }

    @Test
    void theSeedHasFiveStepsWithItems() {
        Runbook seed = InitialDocuments.incidentResponse();
        assertEquals(List.of(Phase.values()), seed.steps().stream().map(Step::phase).toList());
        seed.steps().forEach(s -> assertTrue(s.items().size() >= 1, s.phase().heading()));
        assertEquals(List.of("quarantine-vm", "disable-user", "revoke-sessions", "disable-service-principal"),
                actions(seed.steps().get(0)));
        assertEquals(List.of("run-kql-user-audit", "run-kql-ip-activity", "fetch-defender-alert", "run-kql-keyvault"),
                actions(seed.steps().get(1)));
        assertTrue(actions(seed.steps().get(2)).containsAll(List.of("rotate-secret", "delete-role-assignment")));
        assertEquals(List.of("restore-sql-pit", "restore-vm-backup", "record-iac-redeploy"),
                actions(seed.steps().get(3)));
        assertTrue(seed.steps().get(4).items().get(0).text().contains("5 business days"));
    }

    @Test
    void theSeedKeepsTheEradicationChecklist() {
        List<String> texts = InitialDocuments.incidentResponse().steps().get(2).items().stream().map(Item::text).toList();
        for (String bullet : List.of(
                "Remove malicious resources (VMs, app registrations, role assignments, runbooks created by the "
                        + "attacker).",
                "Revoke all active sessions via revokeSignInSessions.",
                "Reset credentials for affected service principals; rotate Key Vault secrets and certificates.",
                "Patch or redeploy the affected system from a known-good IaC state.",
                "Verify no persistent access mechanisms remain (new admin accounts, new OAuth app consents, "
                        + "forwarding rules).")) {
            assertTrue(texts.contains(bullet), bullet);
        }
    }

    @Test
    void theSeedUsesOnlyKnownActions() {
        List<String> used = InitialDocuments.incidentResponse().steps().stream()
                .flatMap(s -> s.items().stream()).map(Item::action).filter(a -> a != null).toList();
        assertTrue(RunbookFormat.ACTION_TYPES.containsAll(used), used.toString());
        assertTrue(used.containsAll(RunbookFormat.ACTION_TYPES), "every action type has a seed item");
    }

    @Test
    void thePolicyHasATitleAndTheSeedsFacts() {
        String policy = InitialDocuments.policy();
        assertEquals("Incident Response Policy", RunbookFormat.titleOf(policy));
        for (String fact : List.of("30 minutes", "2 hours", "24 hours", "Next business day", "5 business days",
                "72 hours", "30 days", "Compliance lead", "Responders", "Auditors", "3 years minimum")) {
            assertTrue(policy.contains(fact), fact);
        }
    }

    @Test
    void titleOfRefusesAMissingOrEmptyTitle() {
        assertEquals("Policy", RunbookFormat.titleOf("\n# Policy\n\nBody."));
        assertEquals(List.of(new FieldError("body", "Line 1: the document must start with a '# Title' heading.")),
                refusals(() -> RunbookFormat.titleOf("Body only.")));
        assertEquals(List.of(new FieldError("body", "Line 2: the title is empty.")),
                refusals(() -> RunbookFormat.titleOf("\n#\nBody.")));
        assertEquals(List.of(new FieldError("body", "Line 1: the title is longer than 200 characters.")),
                refusals(() -> RunbookFormat.titleOf("# " + "t".repeat(201))));
    }

    private static List<String> actions(Step step) {
        return step.items().stream().map(Item::action).filter(a -> a != null).toList();
    }
}
