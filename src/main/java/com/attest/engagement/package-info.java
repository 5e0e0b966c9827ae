/**
 * Auditor engagements: an audit's period, auditors and access window; the server-side boundary that keeps an
 * auditor to the evidence of their open engagements' periods and to reading (AuditorGate); every request an auditor
 * makes, logged as evidence; the period's population of incidents with their outcomes, and reproducible samples;
 * the population reconciled with the Azure evidence (is it complete and accurate?); the auditor's request list,
 * answered with evidence of the register.
 */
package com.attest.engagement;
