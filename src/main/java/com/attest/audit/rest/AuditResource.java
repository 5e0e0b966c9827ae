package com.attest.audit.rest;

import com.attest.platform.audit.AuditTrail;
import com.attest.platform.audit.ChainVerification;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/audit/verify}: recomputes the audit chain (compliance lead and auditor, see web.xml). */
@Path("audit")
public class AuditResource {

    @Inject
    private AuditTrail auditTrail;

    @GET
    @Path("verify")
    @Produces(MediaType.APPLICATION_JSON)
    public ChainVerification verify() {
        return auditTrail.verify();
    }
}
