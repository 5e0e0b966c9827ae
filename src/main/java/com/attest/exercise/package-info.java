/**
 * Tabletop and live incident-response exercises (SOC 2 CC7.4/CC7.5; the policy's evidence table: "Tabletop or live
 * IR exercise records — Annual, retained 3 years"). An exercise is recorded after it happened: its scenario, the
 * runbook version exercised, who attended, the injects and timeline, findings, action items and the report file.
 * A compliance lead who did not facilitate it signs it off; it is then fixed with the SHA-256 of its content, and
 * only its action items move on. The dashboard says when the next one is due: twelve months after the last.
 */
package com.attest.exercise;
