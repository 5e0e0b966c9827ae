package com.attest.oncall;

import com.attest.azure.AzureCall;
import com.attest.azure.AzureClients;
import com.attest.azure.AzureFailure;
import com.attest.azure.CallLog;
import com.attest.azure.SentinelApi;
import com.attest.azure.SentinelWorkspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries out one write-back to a linked Microsoft Sentinel incident: reads it (its etag), writes the changes over
 * what it read with that etag as If-Match unless Sentinel already says so, and adds the comment under the portal's own
 * id (so a retried write-back never adds it twice). A 412 — the incident changed in Sentinel meanwhile — is answered
 * by reading it again and writing over the fresh read, at most three times; never blindly. Every call is kept.
 */
@ApplicationScoped
public class SentinelWriter {

    private static final int TRIES = 3;

    /** What a write-back did, and every call it made in order. */
    public record Outcome(String summary, List<WriteBackCall> calls, String requestId) {
    }

    /** A write-back Sentinel did not accept, with the calls it made. */
    public static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient DeliveryFailed failure;
        private final transient List<WriteBackCall> calls;

        Failed(DeliveryFailed failure, List<WriteBackCall> calls) {
            super(failure.getMessage(), failure);
            this.failure = failure;
            this.calls = calls;
        }

        public DeliveryFailed failure() {
            return failure;
        }

        public List<WriteBackCall> calls() {
            return calls;
        }
    }

    @Inject
    AzureClients clients;

    @Inject
    SentinelApi sentinel;

    /** For CDI. */
    public SentinelWriter() {
    }

    public SentinelWriter(AzureClients clients, SentinelApi sentinel) {
        this.clients = clients;
        this.sentinel = sentinel;
    }

    /** The body a write-back carries: the incident's new properties (or null) and a comment (or null). */
    public static String body(JsonObject properties, String commentId, String comment) {
        var b = Json.createObjectBuilder();
        if (properties != null) {
            b.add("properties", properties);
        }
        if (comment != null) {
            b.add("comment", Json.createObjectBuilder().add("id", commentId).add("message", comment));
        }
        return b.build().toString();
    }

    public Outcome write(String target, String body) throws Failed {
        Calls calls = new Calls();
        SentinelWorkspace workspace = clients.settings().sentinelWorkspaceOf(target).orElse(null);
        if (workspace == null) {
            throw new Failed(new DeliveryFailed("Sentinel incident " + target + " is in no configured Sentinel"
                    + " workspace (ATTEST_AZURE_SENTINEL_WORKSPACES)", false, null, null, null), calls.inOrder());
        }
        String name = target.substring(target.lastIndexOf('/') + 1);
        JsonObject json = Json.createReader(new StringReader(body)).readObject();
        JsonObject properties = json.get("properties") instanceof JsonObject p ? p : null;
        JsonObject comment = json.get("comment") instanceof JsonObject c ? c : null;
        List<String> said = new ArrayList<>();
        try {
            if (properties != null) {
                for (int tried = 1; ; tried++) {
                    SentinelApi.Incident read = sentinel.get(workspace, name, calls);
                    calls.etags("GET", null, read.etag());
                    if (already(read.json(), properties)) {
                        said.add("already so in Sentinel (etag " + read.etag() + ")");
                        break;
                    }
                    SentinelApi.Written written = sentinel.update(workspace, read, properties, calls);
                    calls.etags("PUT", written.etagBefore(), written.etagAfter());
                    if (!written.conflict()) {
                        said.add("written (etag " + written.etagBefore() + " → " + written.etagAfter() + ")");
                        break;
                    }
                    said.add("changed in Sentinel meanwhile (412), read again");
                    if (tried == TRIES) {
                        throw new Failed(new DeliveryFailed("Microsoft Sentinel answered HTTP 412: incident " + name
                                + " changed in Sentinel meanwhile, " + TRIES + " times in a row", true, 412, null,
                                null), calls.inOrder());
                    }
                }
            }
            if (comment != null) {
                sentinel.comment(workspace, name, comment.getString("id"), comment.getString("message"), calls);
                said.add("comment added");
            }
        } catch (AzureFailure e) {
            boolean retryable = e.timedOut() || e.status() == 0 || DeliveryFailed.retryableStatus(e.status());
            throw new Failed(new DeliveryFailed("Microsoft Sentinel: " + e.getMessage(), retryable,
                    e.status() == 0 ? null : e.status(), e.retryAfter(), e), calls.inOrder());
        } catch (IllegalArgumentException e) {
            throw new Failed(new DeliveryFailed(e.getMessage(), false, null, null, e), calls.inOrder());
        }
        List<WriteBackCall> made = calls.inOrder();
        String requestId = made.isEmpty() ? null : made.get(made.size() - 1).requestId();
        return new Outcome(String.join("; ", said), made, requestId);
    }

    /** Whether the incident as read already carries every change (so writing it would change nothing). */
    static boolean already(JsonObject incident, JsonObject changes) {
        JsonObject now = incident.get("properties") instanceof JsonObject p ? p : JsonValue.EMPTY_JSON_OBJECT;
        for (var change : changes.entrySet()) {
            JsonValue current = now.get(change.getKey());
            if ("owner".equals(change.getKey()) && change.getValue() instanceof JsonObject wanted) {
                JsonObject have = current instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
                if (!upn(wanted).equalsIgnoreCase(upn(have))) {
                    return false;
                }
            } else if (change.getValue() instanceof JsonObject wanted) {
                JsonObject have = current instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
                for (var member : wanted.entrySet()) {
                    if (!member.getValue().equals(have.get(member.getKey()))) {
                        return false;
                    }
                }
            } else if (!change.getValue().equals(current)) {
                return false;
            }
        }
        return true;
    }

    private static String upn(JsonObject owner) {
        for (String member : List.of("userPrincipalName", "email", "assignedTo")) {
            if (owner.get(member) instanceof jakarta.json.JsonString s && !s.getString().isBlank()) {
                return s.getString().strip();
            }
        }
        return "";
    }

    /** The calls in the order they were made, each with the etags the caller knows of it. */
    private static final class Calls implements CallLog {
        private final List<WriteBackCall> list = new ArrayList<>();
        private final java.util.Set<Integer> tagged = new java.util.HashSet<>();

        @Override
        public synchronized void record(AzureCall c) {
            list.add(new WriteBackCall(c.at(), c.method(), c.url(), c.status(), c.requestId(), null, null, c.millis(),
                    c.error()));
        }

        /** The etags of the latest call of {@code method} not yet given its etags. */
        synchronized void etags(String method, String before, String after) {
            for (int i = list.size() - 1; i >= 0; i--) {
                WriteBackCall c = list.get(i);
                if (c.method().equals(method) && !tagged.contains(i)) {
                    list.set(i, new WriteBackCall(c.at(), c.method(), c.url(), c.status(), c.requestId(), before,
                            after, c.millis(), c.error()));
                    tagged.add(i);
                    return;
                }
            }
        }

        /** The calls by the time they were sent (the order they were recorded in when two share a time). */
        synchronized List<WriteBackCall> inOrder() {
            List<WriteBackCall> sorted = new ArrayList<>(list);
            sorted.sort(java.util.Comparator.comparing(WriteBackCall::at));
            return sorted;
        }
    }
}
