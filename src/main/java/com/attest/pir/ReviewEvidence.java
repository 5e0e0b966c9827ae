package com.attest.pir;

import com.attest.incident.Incident;
import com.attest.runbook.IncidentAttachment;
import com.attest.runbook.WalkthroughService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The evidence from the response that a review shows, on its page and in its PDF (and so in every evidence pack
 * that carries the PDF): how much of the pinned runbook checklist was done, not applicable (with why) and open,
 * what was open when the incident was resolved and why, and each file attached on the incident with the checklist
 * item it evidences.
 *
 * @param checklist        "{done} of {items} items done, {n/a} not applicable, {open} open", or null without a runbook
 * @param notApplicable    each item said not to apply: its text, why, and who said so
 * @param resolvedWithOpen what was open at resolution and the reason given, or null
 * @param files            each evidence file
 */
public record ReviewEvidence(String checklist, List<String> notApplicable, String resolvedWithOpen,
                             List<File> files) {

    /** An evidence file attached on the incident, and the checklist item it evidences (null: the whole incident). */
    public record File(long id, String filename, String item, String sha256) {
    }

    /** The evidence of {@code incident} as its runbook walkthrough holds it now. */
    public static ReviewEvidence of(Incident incident, WalkthroughService walkthroughs) {
        var pinned = walkthroughs.checklist(incident);
        Map<String, String> items = new HashMap<>();
        pinned.ifPresent(c -> c.items().forEach(i -> items.put(i.item().key(), i.item().text())));
        String checklist = pinned.map(c -> c.doneCount() + " of " + c.items().size() + " items done, "
                + c.notApplicableCount() + " not applicable, " + c.openCount() + " open").orElse(null);
        List<String> notApplicable = pinned.map(c -> c.items().stream().filter(WalkthroughService.ItemState::notApplicable)
                .map(i -> i.item().text() + " — " + i.reason() + " (" + i.by() + ")").toList()).orElse(List.of());
        String open = incident.getResolvedWithOpen() == null ? null : incident.getResolvedWithOpen()
                + ". Reason given: " + incident.getResolvedWithOpenReason();
        List<File> files = walkthroughs.attachments(incident).stream().map((IncidentAttachment a) -> new File(a.getId(),
                a.getFilename(), a.getItemKey() == null ? null : items.getOrDefault(a.getItemKey(), a.getItemKey()),
                a.getSha256())).toList();
        return new ReviewEvidence(checklist, notApplicable, open, files);
    }
}
