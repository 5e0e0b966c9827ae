package com.attest.action;

/**
 * A repair of the detection pipeline finished (fired in the transaction that records it; observe it after commit):
 * the detection feature checks the subscription again.
 *
 * @param effective whether Azure accepted the repair
 */
public record RepairFinished(long runId, String subscriptionId, boolean effective) {
}
