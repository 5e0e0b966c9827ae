/**
 * The incident register (SOC 2 CC7.3–CC7.5): incidents classified P1–P4 from the policy's table, their
 * lifecycle from detection to closure, an append-only timeline whose milestones the transitions stamp, and
 * the response-SLA clock measured on the business calendar.
 */
package com.attest.incident;
