package com.attest.audit.rest;

import com.attest.platform.audit.AuditTrail;
import com.attest.platform.audit.ChainVerification;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/audit/verify}: recomputes the audit chain (compliance lead and auditor, see web.xml);
 * {@code GET /api/audit/events.csv}: the rows the audit-trail page's filters leave, as CSV (compliance lead).
 */
@Path("audit")
public class AuditResource {

    /** Most rows one export holds; a narrower filter gets the rest. */
    static final int MAX_EXPORT = 100_000;

    @Inject
    private AuditTrail auditTrail;

    @Inject
    private com.attest.security.Caller caller;

    @GET
    @Path("events.csv")
    @Produces("text/csv")
    public jakarta.ws.rs.core.Response csv(@jakarta.ws.rs.QueryParam("actor") String actor,
                                           @jakarta.ws.rs.QueryParam("action") String action,
                                           @jakarta.ws.rs.QueryParam("type") String type,
                                           @jakarta.ws.rs.QueryParam("record") String record,
                                           @jakarta.ws.rs.QueryParam("from") String from,
                                           @jakarta.ws.rs.QueryParam("to") String to,
                                           @jakarta.ws.rs.QueryParam("q") String q) {
        caller.require("export the audit trail", com.attest.security.Role.COMPLIANCE_LEAD);
        com.attest.platform.InvalidInput.Collector errors = new com.attest.platform.InvalidInput.Collector();
        java.time.LocalDate fromDay = day(errors, "from", from);
        java.time.LocalDate toDay = day(errors, "to", to);
        errors.throwIfAny();
        AuditTrail.Filter filter = new AuditTrail.Filter(actor, action, type, record,
                fromDay == null ? null : fromDay.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
                toDay == null ? null : toDay.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), q);
        jakarta.ws.rs.core.StreamingOutput body = out -> {
            java.io.Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out,
                    java.nio.charset.StandardCharsets.UTF_8));
            w.write("id,occurred_at,actor,action,record_type,record_id,client_address,before,after,hash\r\n");
            int first = 0;
            while (first < MAX_EXPORT) {
                java.util.List<com.attest.platform.audit.AuditEvent> page = auditTrail.page(filter, first, 1000);
                for (com.attest.platform.audit.AuditEvent e : page) {
                    w.write(String.join(",", String.valueOf(e.getId()), e.getOccurredAt().toString(), cell(e.getActor()),
                            cell(e.getAction()), cell(e.getEntityType()), cell(e.getEntityId()),
                            cell(e.getClientAddress()), cell(e.getBeforeState()), cell(e.getAfterState()),
                            e.getHash()));
                    w.write("\r\n");
                }
                if (page.size() < 1000) {
                    break;
                }
                first += page.size();
            }
            w.flush();
        };
        return jakarta.ws.rs.core.Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"audit-trail.csv\"")
                .header("Cache-Control", "no-store").build();
    }

    private static java.time.LocalDate day(com.attest.platform.InvalidInput.Collector errors, String field,
                                           String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            errors.add(field, "'" + value + "' is not a date (YYYY-MM-DD).");
            return null;
        }
    }

    /** A CSV cell: quoted when it holds a comma, quote or line break; a leading =, +, - or @ is defused. */
    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
                ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    @GET
    @Path("verify")
    @Produces(MediaType.APPLICATION_JSON)
    public ChainVerification verify() {
        return auditTrail.verify();
    }
}
