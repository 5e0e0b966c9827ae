/**
 * Runbook actions performed in Azure: requested from an incident's runbook item with typed, validated parameters,
 * previewed as a dry run (the calls and the equivalent {@code az} command), approved by a second person when they
 * change anything (a P1 may break glass), run in the background through {@link com.attest.azure.AzureActions}, and
 * kept as evidence with every request Azure answered.
 */
package com.attest.action;
