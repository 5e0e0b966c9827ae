package com.attest.intake.rest;

import com.attest.incident.Source;
import com.attest.intake.IntakeDeliveryService;
import com.attest.intake.IntakeGroupCommit;
import com.attest.intake.IntakeSweep;
import com.attest.platform.InvalidInput;
import com.attest.intake.AlertPayloads;
import com.attest.intake.Delivery;
import com.attest.intake.IntakeGate;
import com.attest.intake.IntakeRefusals;
import com.attest.intake.IntakeMetrics;
import com.attest.intake.ReceivedAlert;
import com.attest.platform.Outage;
import com.attest.platform.rest.ErrorBodies;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The three intake endpoints: {@code POST /api/intake/azure-monitor} (common alert schema from an Action Group),
 * {@code /defender} (Defender for Cloud alerts, every shape they arrive in) and {@code /sentinel} (a playbook's
 * incident trigger, or a bare incident). Answers are what Azure's retry logic understands: 202 as soon as the
 * delivery is kept (its id and the URL of its status, where the alert and incident appear once it is processed);
 * 400 naming the field (the delivery is kept as undeliverable); 401/403 (nothing kept); 413 over 256 KB; 415 for
 * anything but JSON; 503 with Retry-After when the database is unavailable, so the sender tries again and nothing
 * is lost.
 */
@Path("intake/{source}")
@Produces(MediaType.APPLICATION_JSON)
public class IntakeResource {

    private static final Logger LOG = Logger.getLogger(IntakeResource.class.getName());
    public static final int MAX_BYTES = AlertPayloads.MAX_BODY_BYTES;
    private static final int ATTEMPTS = 3;

    @Inject
    private IntakeGate gate;

    @Inject
    private IntakeDeliveryService deliveries;

    @Inject
    private IntakeGroupCommit groupCommit;

    @Inject
    private IntakeSweep sweep;

    @Context
    private UriInfo uri;

    @Inject
    private Clock clock;

    @Context
    private HttpServletRequest request;

    @Inject
    private IntakeRefusals refusals;

    @Inject
    private IntakeMetrics metrics;

    @POST
    public Response receive(@PathParam("source") String path, @QueryParam("key") String keyParameter,
                            @Context HttpHeaders headers, InputStream body) {
        String source = Source.ofIntakePath(path).isPresent() ? path : "unknown";
        try {
            Response answer = answer(path, keyParameter, headers, body);
            metrics.answered(source, answer.getStatus());
            return answer;
        } catch (InvalidInput unreadable) {
            metrics.answered(source, 400);
            throw unreadable;
        } catch (RuntimeException e) {
            metrics.answered(source, 500);
            throw e;
        }
    }

    private Response answer(String path, String keyParameter, HttpHeaders headers, InputStream body) {
        Source source = Source.ofIntakePath(path).orElse(null);
        if (source == null) {
            return refuse(404, "source", "No intake for '" + path + "': use azure-monitor, defender or sentinel.");
        }
        IntakeGate.Verdict verdict;
        try {
            verdict = gate.check(source, headers.getHeaderString("X-Intake-Key"), keyParameter,
                    headers.getHeaderString(HttpHeaders.AUTHORIZATION));
        } catch (RuntimeException e) {
            if (Outage.isTransient(e)) {
                return unavailable(DATABASE_AWAY);
            }
            throw e;
        }
        if (verdict.refusal() == 503) {
            return unavailable(verdict.reason());
        }
        if (!verdict.allowed()) {
            refusals.count(source, verdict.refusal());
            Response.ResponseBuilder r = Response.status(verdict.refusal()).type(MediaType.APPLICATION_JSON)
                    .entity(ErrorBodies.of("authorization", verdict.reason()));
            return (verdict.refusal() == 401 ? r.header("WWW-Authenticate", "Bearer") : r).build();
        }
        String contentType = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (!isJson(contentType)) {
            return refuse(415, "Content-Type", "Send application/json, not "
                    + (contentType == null ? "nothing" : "'" + abbreviate(contentType) + "'") + ".");
        }
        byte[] bytes;
        try {
            bytes = request.getContentLengthLong() > MAX_BYTES ? null : readAtMost(body, MAX_BYTES);
            if (bytes == null) {
                drain(body);
                return tooLarge();
            }
        } catch (IOException e) {
            return refuse(400, "body", "The body could not be read: " + e.getMessage());
        }
        Delivery delivery = Delivery.of(bytes, contentType.strip(), verdict.caller(), request.getRemoteAddr());
        ReceivedAlert alert;
        try {
            alert = AlertPayloads.parse(source, AlertPayloads.read(bytes), clock.instant());
        } catch (InvalidInput unreadable) {
            keepUndeliverable(source, delivery, unreadable);
            throw unreadable;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                long id = groupCommit.accept(alert, delivery);
                sweep.wake();
                URI status = uri.getBaseUriBuilder().path("intake/deliveries/{id}").build(id);
                return Response.accepted(ErrorBodies.JSON.createObjectBuilder()
                        .add("deliveryId", id)
                        .add("status", "accepted")
                        .add("statusUrl", status.toString()).build().toString())
                        .location(status).build();
            } catch (RuntimeException e) {
                if (!Outage.isTransient(e)) {
                    throw e;
                }
                if (attempt == ATTEMPTS || Outage.isDatabaseDown(e)) {
                    return unavailable(DATABASE_AWAY);
                }
            }
        }
    }

    /** An authenticated delivery the portal cannot read is kept (and refused): it can be replayed once read. */
    private void keepUndeliverable(Source source, Delivery delivery, InvalidInput why) {
        try {
            deliveries.keepUndeliverable(source, delivery, why);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "An unreadable " + source + " delivery could not be kept: {0}", e.toString());
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    /** The body, or null when it is longer than {@code max} bytes. */
    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) != -1) {
            if (out.size() + n > max) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** Reads what is left of an oversized body (up to a bound), so the sender gets the answer, not a reset. */
    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[65536];
        long left = 16L * 1024 * 1024;
        int n;
        while (left > 0 && (n = in.read(buffer)) != -1) {
            left -= n;
        }
    }

    private static Response tooLarge() {
        return Response.status(413).header("Connection", "close").type(MediaType.APPLICATION_JSON)
                .entity(ErrorBodies.of("body", "The payload is larger than " + (MAX_BYTES / 1024) + " KB.")).build();
    }

    private static final String DATABASE_AWAY = "The register is unavailable; the alert was not stored. Retry later.";

    private static Response unavailable(String reason) {
        return Response.status(503).header("Retry-After", "30").type(MediaType.APPLICATION_JSON)
                .entity(ErrorBodies.of("service", reason)).build();
    }

    private static Response refuse(int status, String field, String message) {
        return ErrorBodies.response(status, field, message);
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
