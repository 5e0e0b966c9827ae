/**
 * Auditor engagements: an audit's period, auditors and access window; the server-side boundary that keeps an
 * auditor to the evidence of their open engagements' periods and to reading (AuditorGate); every request an auditor
 * makes, logged as evidence; the period's population of incidents with their outcomes, and reproducible samples.
 */
package com.attest.engagement;
