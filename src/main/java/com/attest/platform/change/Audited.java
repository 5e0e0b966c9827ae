package com.attest.platform.change;

import java.util.Map;

/**
 * A record whose every change lands in the audit trail: its type and id as the trail names them, and a snapshot of
 * its fields (plain values, written as canonical JSON before and after each change).
 */
public interface Audited {

    /** The record type as the audit trail names it, e.g. {@code Incident}. */
    String auditType();

    /** The record's identity as the audit trail names it: an id, or a reference such as INC-2026-001. */
    Object auditId();

    Map<String, Object> snapshot();
}
