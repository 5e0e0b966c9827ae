/**
 * The one audit trail: an append-only, hash-chained record of every change to every record, every
 * sign-in and every administrative act. Features call {@link com.attest.platform.audit.AuditTrail#record}
 * inside the transaction that makes the change, so the change and its audit row commit together.
 */
package com.attest.platform.audit;
