package com.attest.control.rest;

import com.attest.control.Control;
import com.attest.control.ControlHealthService;
import com.attest.control.Gap;
import com.attest.control.RecordRef;
import com.attest.platform.InvalidInput;
import com.attest.platform.audit.CanonicalJson;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Control health over HTTP (compliance lead and auditors): {@code GET /api/controls?from=&to=} (the three controls'
 * states and gap counts) and {@code GET /api/controls/{CC7.3|CC7.4|CC7.5}?from=&to=} (one control's gaps). Dates are
 * {@code YYYY-MM-DD}, both included; without them, the last twelve months.
 */
@Path("controls")
@Produces(MediaType.APPLICATION_JSON)
public class ControlResource {

    @Inject
    private ControlHealthService health;

    @GET
    public String overview(@QueryParam("from") String from, @QueryParam("to") String to) {
        ControlHealthService.Period period = health.period(InvalidInput.date("from", from), InvalidInput.date("to", to));
        Map<String, Object> body = period(period);
        body.put("controls", health.all(period).stream().map(r -> {
            Map<String, Object> c = control(r);
            c.put("gaps", r.gaps().size());
            c.put("failing", r.gaps().stream().filter(g -> g.severity() == Gap.Severity.FAILING).count());
            return c;
        }).toList());
        return CanonicalJson.write(body);
    }

    @GET
    @Path("{control}")
    public String control(@PathParam("control") String code, @QueryParam("from") String from,
                          @QueryParam("to") String to) {
        Control control = Control.of(code).orElseThrow(NotFoundException::new);
        ControlHealthService.Period period = health.period(InvalidInput.date("from", from), InvalidInput.date("to", to));
        ControlHealthService.Report report = health.of(control, period);
        Map<String, Object> body = control(report);
        body.putAll(period(period));
        body.put("gaps", report.gaps().stream().map(ControlResource::gap).toList());
        return CanonicalJson.write(body);
    }

    private static Map<String, Object> control(ControlHealthService.Report report) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("control", report.control().code());
        c.put("title", report.control().title());
        c.put("state", report.health());
        return c;
    }

    private static Map<String, Object> period(ControlHealthService.Period period) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("from", period.from());
        p.put("to", period.to());
        return p;
    }

    private static Map<String, Object> gap(Gap gap) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("kind", gap.kind());
        g.put("severity", gap.severity());
        g.put("sentence", gap.sentence());
        g.put("count", gap.count());
        g.put("records", gap.records().stream().map(ControlResource::record).toList());
        return g;
    }

    private static Map<String, Object> record(RecordRef r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", r.kind());
        m.put("key", r.key());
        m.put("label", r.label());
        m.put("note", r.note());
        m.put("href", r.path());
        return m;
    }
}
