package com.attest.azure;

/**
 * What an action achieved.
 *
 * @param alreadyInEffect true when nothing needed doing (the VM was already quarantined, the user already disabled)
 * @param summary         one sentence for the incident page, e.g. "vm-web-01 quarantined: nsg-quarantine on nic-01"
 * @param before          JSON of the relevant state before the action (e.g. {"nic":"…","networkSecurityGroup":"…"}),
 *                        or null when there is none to read
 * @param after           JSON of the relevant state afterwards, or null
 * @param file            a result file kept as evidence (query results as JSON, the alert detail), or null
 * @param fileName        its name, e.g. "audit-logs-user@example.com.json"
 * @param contentType     its media type, e.g. "application/json"
 * @param azureReference  what Azure named the outcome (a new secret version id, a restored database id, a backup job
 *                        id), or null
 */
public record ActionResult(boolean alreadyInEffect, String summary, String before, String after,
                           byte[] file, String fileName, String contentType, String azureReference) {
}
