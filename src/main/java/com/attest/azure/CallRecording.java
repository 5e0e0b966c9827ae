package com.attest.azure;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import reactor.core.publisher.Mono;

/**
 * Hands every HTTP exchange an action makes to that action's {@link CallLog}: an azure-core pipeline policy for
 * Resource Manager, Key Vault and the REST pipeline, and an OkHttp interceptor for Microsoft Graph. The log is the
 * one of the action running on this thread ({@link #with}); it also travels in the azure-core {@link Context}, so a
 * retry or a long-running operation's poll made on another thread still reaches it.
 * <p>
 * What is kept never holds a secret: no Key Vault request body, no sensitive-looking field, no token.
 */
public final class CallRecording {

    /** The Context key the log travels under. */
    static final String KEY = "com.attest.azure.CallLog";

    private static final int MAX_SUMMARY = 300;
    private static final int MAX_ERROR = 500;
    private static final int MAX_BODY = 64 * 1024;
    private static final Set<String> SENSITIVE = Set.of("value", "password", "secret", "clientsecret", "key",
            "token", "access_token", "refresh_token", "client_secret", "adminpassword", "administratorloginpassword",
            "connectionstring");

    private static final ThreadLocal<CallLog> CURRENT = new ThreadLocal<>();

    private CallRecording() {
    }

    /** Runs {@code work} with {@code log} receiving the exchanges it makes on this thread. */
    static <T> T with(CallLog log, Callable<T> work) throws Exception {
        CallLog previous = CURRENT.get();
        CURRENT.set(log == null ? CallLog.NONE : log);
        try {
            return work.call();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** An azure-core Context carrying the current log, for SDK methods that take one. */
    static Context context() {
        CallLog log = CURRENT.get();
        return log == null ? Context.NONE : new Context(KEY, log);
    }

    /** Sets the current log on the pipeline call early (per call), so retries on other threads find it. */
    static HttpPipelinePolicy capture() {
        return new HttpPipelinePolicy() {
            @Override
            public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
                attach(context);
                return next.process();
            }

            @Override
            public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
                attach(context);
                return next.processSync();
            }

            @Override
            public HttpPipelinePosition getPipelinePosition() {
                return HttpPipelinePosition.PER_CALL;
            }
        };
    }

    private static void attach(HttpPipelineCallContext context) {
        CallLog log = CURRENT.get();
        if (log != null && context.getData(KEY).isEmpty()) {
            context.setData(KEY, log);
        }
    }

    private static CallLog logOf(HttpPipelineCallContext context) {
        Object log = context.getData(KEY).orElse(null);
        if (log instanceof CallLog callLog) {
            return callLog;
        }
        return CURRENT.get();
    }

    /**
     * Records each attempt (per retry): it sits after authentication, so it sees what was really sent. Each call is
     * stamped by the portal's clock, the one the runs it belongs to are stamped by.
     */
    static HttpPipelinePolicy recorder(java.time.Clock clock) {
        return new HttpPipelinePolicy() {
            @Override
            public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
                CallLog log = logOf(context);
                if (log == null || log == CallLog.NONE) {
                    return next.process();
                }
                HttpRequest request = context.getHttpRequest();
                String summary = summary(request);
                Instant at = clock.instant();
                long start = System.nanoTime();
                return next.process().flatMap(response -> {
                    if (response.getStatusCode() < 400) {
                        log.record(call(request, response, at, start, summary, null));
                        return Mono.just(response);
                    }
                    HttpResponse buffered = response.buffer();
                    return buffered.getBodyAsString().defaultIfEmpty("").map(body -> {
                        log.record(call(request, buffered, at, start, summary, errorText(body)));
                        return buffered;
                    });
                }).doOnError(e -> log.record(new AzureCall(at, request.getHttpMethod().name(),
                        url(request.getUrl()), 0, null, null, millis(start), summary, transportError(e))));
            }

            @Override
            public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
                CallLog log = logOf(context);
                if (log == null || log == CallLog.NONE) {
                    return next.processSync();
                }
                HttpRequest request = context.getHttpRequest();
                String summary = summary(request);
                Instant at = clock.instant();
                long start = System.nanoTime();
                HttpResponse response;
                try {
                    response = next.processSync();
                } catch (RuntimeException e) {
                    log.record(new AzureCall(at, request.getHttpMethod().name(), url(request.getUrl()), 0, null,
                            null, millis(start), summary, transportError(e)));
                    throw e;
                }
                if (response.getStatusCode() < 400) {
                    log.record(call(request, response, at, start, summary, null));
                    return response;
                }
                HttpResponse buffered = response.buffer();
                BinaryData body = buffered.getBodyAsBinaryData();
                log.record(call(request, buffered, at, start, summary, errorText(body == null ? "" : body.toString())));
                return buffered;
            }
        };
    }

    /** The same for Microsoft Graph's OkHttp client; Graph calls run on the caller's thread. */
    static Interceptor graphInterceptor(java.time.Clock clock) {
        return chain -> {
            CallLog log = CURRENT.get();
            if (log == null || log == CallLog.NONE) {
                return chain.proceed(chain.request());
            }
            Request request = chain.request();
            String summary = graphSummary(request);
            Instant at = clock.instant();
            long start = System.nanoTime();
            Response response;
            try {
                response = chain.proceed(request);
            } catch (IOException | RuntimeException e) {
                log.record(new AzureCall(at, request.method(), request.url().toString(), 0, null, null,
                        millis(start), summary, transportError(e)));
                throw e;
            }
            String error = response.code() >= 400 ? errorText(response.peekBody(MAX_BODY).string()) : null;
            log.record(new AzureCall(at, request.method(), request.url().toString(), response.code(),
                    response.header("request-id"), first(response.header("client-request-id"),
                    request.header("client-request-id")), millis(start), summary, error));
            return response;
        };
    }

    private static AzureCall call(HttpRequest request, HttpResponse response, Instant at, long start, String summary,
                                  String error) {
        String requestId = first(response.getHeaderValue("x-ms-request-id"), response.getHeaderValue("request-id"));
        String correlation = first(response.getHeaderValue("x-ms-correlation-request-id"),
                response.getHeaderValue("client-request-id"), response.getHeaderValue("x-ms-client-request-id"),
                request.getHeaders().getValue("x-ms-client-request-id"));
        return new AzureCall(at, request.getHttpMethod().name(), url(request.getUrl()), response.getStatusCode(),
                requestId, correlation, millis(start), summary, error);
    }

    /** A request body in a few words; a Key Vault or sign-in request's body is never read. */
    static String summary(HttpRequest request) {
        URL url = request.getUrl();
        String host = url.getHost().toLowerCase(Locale.ROOT);
        if (host.endsWith(".vault.azure.net") || host.contains(".vault.") || url.getPath().contains("/oauth2/")) {
            return request.getBodyAsBinaryData() == null ? null : "(body not recorded)";
        }
        BinaryData body = request.getBodyAsBinaryData();
        if (body == null || !body.isReplayable()) {
            return null;
        }
        Long length = body.getLength();
        if (length == null || length == 0 || length > MAX_BODY) {
            return length != null && length > MAX_BODY ? "(" + length + " bytes)" : null;
        }
        return jsonSummary(body.toString());
    }

    private static String graphSummary(Request request) throws IOException {
        if (request.body() == null || request.body().contentLength() == 0) {
            return null;
        }
        if (request.body().contentLength() > MAX_BODY || request.body().isOneShot()) {
            return "(body not recorded)";
        }
        Buffer buffer = new Buffer();
        request.body().writeTo(buffer);
        return jsonSummary(buffer.readString(StandardCharsets.UTF_8));
    }

    /** "accountEnabled=false", "query=…, timespan=PT24H": the leaves of a JSON body, sensitive ones left out. */
    static String jsonSummary(String body) {
        JsonValue json;
        try {
            json = Json.createReader(new StringReader(body)).readValue();
        } catch (RuntimeException e) {
            return "(" + body.getBytes(StandardCharsets.UTF_8).length + " bytes, not JSON)";
        }
        StringBuilder out = new StringBuilder();
        flatten("", json, out);
        return out.isEmpty() ? null : cut(out.toString(), MAX_SUMMARY);
    }

    private static void flatten(String path, JsonValue value, StringBuilder out) {
        if (out.length() > MAX_SUMMARY) {
            return;
        }
        switch (value.getValueType()) {
            case OBJECT -> {
                for (var field : ((JsonObject) value).entrySet()) {
                    String name = field.getKey();
                    String child = path.isEmpty() ? name : path + "." + name;
                    if (SENSITIVE.contains(name.toLowerCase(Locale.ROOT))) {
                        append(out, child + "=(not recorded)");
                    } else {
                        flatten(child, field.getValue(), out);
                    }
                }
            }
            case ARRAY -> {
                JsonArray array = (JsonArray) value;
                for (int i = 0; i < array.size(); i++) {
                    flatten(path + "[" + i + "]", array.get(i), out);
                }
            }
            // an address may carry an intake key (an action group's webhook): never kept
            case STRING -> append(out, path + "=" + PipelineRepairs.masked(((JsonString) value).getString()));
            default -> append(out, path + "=" + value);
        }
    }

    private static void append(StringBuilder out, String leaf) {
        if (!out.isEmpty()) {
            out.append(", ");
        }
        out.append(leaf);
    }

    /** Azure's error code and message from an error body ({"error":{"code","message"}} and its variants). */
    static String errorText(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        String[] parsed = parseError(body);
        if (parsed != null) {
            return cut(parsed[0] == null ? parsed[1] : parsed[1] == null ? parsed[0] : parsed[0] + ": " + parsed[1],
                    MAX_ERROR);
        }
        return cut(body.strip().replaceAll("\\s+", " "), MAX_ERROR);
    }

    /** {code, message} from an Azure error body, or null when it has neither. */
    static String[] parseError(String body) {
        try {
            JsonValue json = Json.createReader(new StringReader(body)).readValue();
            if (!(json instanceof JsonObject object)) {
                return null;
            }
            JsonObject error = object;
            for (String key : new String[] {"error", "odata.error"}) {
                if (object.get(key) instanceof JsonObject inner) {
                    error = inner;
                    break;
                }
            }
            String code = text(error, "code", "Code");
            String message = text(error, "message", "Message");
            if (error.get("message") instanceof JsonObject odata) { // older OData: {"message":{"value":"…"}}
                message = text(odata, "value", "value");
            }
            return code == null && message == null ? null : new String[] {code, message};
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonObject object, String key, String alternative) {
        JsonValue value = object.containsKey(key) ? object.get(key) : object.get(alternative);
        return value instanceof JsonString s ? s.getString() : null;
    }

    static String transportError(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (AzureFailures.isTimeout(e)) {
            return "no answer in time (" + root.getClass().getSimpleName() + ")";
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** The URL as addressed, without a query string's secrets (none are sent, but a sign-in URL keeps no query). */
    private static String url(URL url) {
        return url.toString();
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
