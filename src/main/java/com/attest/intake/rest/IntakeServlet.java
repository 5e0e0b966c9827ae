package com.attest.intake.rest;

import com.attest.incident.Source;
import com.attest.intake.AlertPayloads;
import com.attest.intake.Delivery;
import com.attest.intake.IntakeDeliveryService;
import com.attest.intake.IntakeGate;
import com.attest.intake.IntakeGroupCommit;
import com.attest.intake.IntakeMetrics;
import com.attest.intake.IntakeRefusals;
import com.attest.intake.ReceivedAlert;
import com.attest.platform.InvalidInput;
import com.attest.platform.Outage;
import com.attest.platform.audit.CanonicalJson;
import com.attest.platform.rest.ErrorBodies;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
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
 * <p>
 * A plain servlet rather than a resource of the REST API: in an alert storm this is the portal's hottest path, and
 * the REST runtime's per-request work (a resource instance built and injected for each delivery, content negotiation,
 * the entity pipeline) cost as much as keeping the delivery. The answers are the same JSON the API gives.
 */
@WebServlet(name = "intake", urlPatterns = {"/api/intake/azure-monitor", "/api/intake/defender",
        "/api/intake/sentinel"})
public class IntakeServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(IntakeServlet.class.getName());
    public static final int MAX_BYTES = AlertPayloads.MAX_BODY_BYTES;
    private static final int ATTEMPTS = 3;
    private static final String DATABASE_AWAY = "The register is unavailable; the alert was not stored. Retry later.";

    /** What the endpoint answers: a status, a JSON body and the headers that go with it. */
    private record Answer(int status, String body, Map<String, String> headers) {

        static Answer of(int status, String field, String message) {
            return new Answer(status, ErrorBodies.of(field, message), Map.of());
        }

        static Answer unavailable(String reason) {
            return new Answer(503, ErrorBodies.of("service", reason), Map.of("Retry-After", "30"));
        }
    }

    @Inject
    private IntakeGate gate;

    @Inject
    private IntakeDeliveryService deliveries;

    @Inject
    private IntakeGroupCommit groupCommit;

    @Inject
    private Clock clock;

    @Inject
    private IntakeRefusals refusals;

    @Inject
    private IntakeMetrics metrics;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath().substring("/api/intake/".length());
        Answer answer;
        try {
            answer = answer(Source.ofIntakePath(path).orElseThrow(), request);
        } catch (InvalidInput unreadable) {
            answer = new Answer(400, ErrorBodies.of(unreadable.errors()), Map.of());
        } catch (RuntimeException e) {
            metrics.answered(path, 500);
            throw e;
        }
        metrics.answered(path, answer.status());
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        response.setContentType("application/json");
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private Answer answer(Source source, HttpServletRequest request) {
        IntakeGate.Verdict verdict;
        try {
            // the header wins over the parameter (the parameter, in the URL, is read only without the header)
            String header = request.getHeader("X-Intake-Key");
            verdict = gate.check(source, header, header == null || header.isBlank() ? request.getParameter("key")
                    : null, request.getHeader("Authorization"));
        } catch (RuntimeException e) {
            if (Outage.isTransient(e)) {
                return Answer.unavailable(DATABASE_AWAY);
            }
            throw e;
        }
        if (verdict.refusal() == 503) {
            return Answer.unavailable(verdict.reason());
        }
        if (!verdict.allowed()) {
            refusals.count(source, verdict.refusal());
            return new Answer(verdict.refusal(), ErrorBodies.of("authorization", verdict.reason()),
                    verdict.refusal() == 401 ? Map.of("WWW-Authenticate", "Bearer") : Map.of());
        }
        String contentType = request.getContentType();
        if (!isJson(contentType)) {
            return Answer.of(415, "Content-Type", "Send application/json, not "
                    + (contentType == null ? "nothing" : "'" + abbreviate(contentType) + "'") + ".");
        }
        byte[] bytes;
        try {
            InputStream body = request.getInputStream();
            bytes = request.getContentLengthLong() > MAX_BYTES ? null : readAtMost(body, MAX_BYTES);
            if (bytes == null) {
                drain(body);
                return new Answer(413, ErrorBodies.of("body", "The payload is larger than " + (MAX_BYTES / 1024)
                        + " KB."), Map.of("Connection", "close"));
            }
        } catch (IOException e) {
            return Answer.of(400, "body", "The body could not be read: " + e.getMessage());
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
                String status = statusUrl(request, id);
                return new Answer(202, "{\"deliveryId\":" + id + ",\"status\":\"accepted\",\"statusUrl\":"
                        + CanonicalJson.write(status) + "}", Map.of("Location", status));
            } catch (RuntimeException e) {
                if (!Outage.isTransient(e)) {
                    throw e;
                }
                if (attempt == ATTEMPTS || Outage.isDatabaseDown(e)) {
                    return Answer.unavailable(DATABASE_AWAY);
                }
            }
        }
    }

    /** Where the sender reads the delivery's state: beside this endpoint, on the address the request came to. */
    private static String statusUrl(HttpServletRequest request, long id) {
        StringBuffer url = request.getRequestURL();
        url.setLength(url.length() - request.getServletPath().length() - (request.getPathInfo() == null ? 0
                : request.getPathInfo().length()));
        return url.append("/api/intake/deliveries/").append(id).toString();
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

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
