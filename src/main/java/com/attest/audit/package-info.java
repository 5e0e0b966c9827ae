/**
 * The audit trail as its readers see it: the compliance lead's page of the trail and the verification of its hash
 * chain over HTTP. The trail itself is kept by {@link com.attest.platform.audit.AuditTrail}, which every feature
 * writes to.
 */
package com.attest.audit;
