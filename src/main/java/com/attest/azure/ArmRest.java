package com.attest.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Azure Resource Manager REST calls through the azure-core pipeline of {@link AzureClients} (bearer token, retries,
 * timeout, {@link CallRecording}), for the APIs no released management library covers here: Microsoft Sentinel
 * (SecurityInsights), Defender for Cloud alerts and Logic App run history. Bodies come back byte for byte as Azure
 * sent them; a list is followed page by page through {@code nextLink}.
 */
public final class ArmRest {

    /** One answer of Azure, read whole. */
    public record Answer(String method, String url, int status, byte[] body, String requestId, String etag,
                         Duration retryAfter) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body as a JSON object; refuses (naming what was asked) a body that is not complete JSON. */
        public JsonObject json(String doing) throws AzureFailure {
            try {
                return Json.createReader(new StringReader(text())).readObject();
            } catch (jakarta.json.JsonException | ClassCastException e) {
                throw new AzureFailure(status, "TruncatedAnswer", doing + ": Azure's answer is not complete JSON ("
                        + body.length + " bytes; " + CallRecording.cut(String.valueOf(e.getMessage()), 200) + ")",
                        null, false, e);
            }
        }
    }

    private final AzureClients clients;

    public ArmRest(AzureClients clients) {
        this.clients = clients;
    }

    /**
     * One request to Resource Manager as {@code identity}. An answer of 400 or more is an {@link AzureFailure} in
     * Azure's words, except the statuses in {@code accepted}, which the caller reads (a 412 the caller re-reads on).
     *
     * @param pathAndQuery the path with its query string (api-version included), or an absolute nextLink
     * @param ifMatch      the etag to send as If-Match, or null
     */
    public Answer send(AzureIdentity identity, HttpMethod method, String pathAndQuery, String body, String ifMatch,
                       String doing, Set<Integer> accepted, CallLog log) throws AzureFailure {
        String url = pathAndQuery.startsWith("https://") ? pathAndQuery : AzureClients.ARM_ENDPOINT + pathAndQuery;
        HttpRequest request = new HttpRequest(method, url);
        request.setHeader(HttpHeaderName.ACCEPT, "application/json");
        if (ifMatch != null) {
            request.setHeader(HttpHeaderName.IF_MATCH, ifMatch);
        }
        if (body != null) {
            request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json");
            request.setBody(BinaryData.fromString(body));
        }
        HttpPipeline pipeline = clients.pipeline(identity, AzureClients.ARM_SCOPE);
        Answer answer;
        try {
            answer = CallRecording.with(log, () -> {
                try (HttpResponse response = pipeline.sendSync(request, CallRecording.context())) {
                    BinaryData data = response.getBodyAsBinaryData();
                    int status = response.getStatusCode();
                    return new Answer(method.name(), url, status, data == null ? new byte[0] : data.toBytes(),
                            response.getHeaderValue(HttpHeaderName.fromString("x-ms-request-id")),
                            response.getHeaderValue(HttpHeaderName.ETAG),
                            status == 429 || status == 503 ? AzureFailures.retryAfter(
                                    response.getHeaderValue(HttpHeaderName.RETRY_AFTER),
                                    response.getHeaderValue(HttpHeaderName.fromString("retry-after-ms")),
                                    response.getHeaderValue(HttpHeaderName.fromString("x-ms-retry-after-ms")))
                                    : null);
                }
            });
        } catch (AzureFailure e) {
            throw e;
        } catch (Exception e) {
            throw AzureFailures.map(doing, e);
        }
        if (answer.status() >= 400 && !accepted.contains(answer.status())) {
            String[] error = CallRecording.parseError(answer.text());
            throw AzureFailures.failure(doing, answer.status(), error == null ? null : error[0],
                    error == null ? CallRecording.cut(answer.text().strip(), 500) : error[1], answer.retryAfter(),
                    null);
        }
        return answer;
    }

    /**
     * Every page of a list, in order, following {@code nextLink} (up to {@code maxPages}, beyond which it refuses
     * rather than keep a part as if it were the whole). Each page must be a complete JSON object.
     */
    public List<Answer> pages(AzureIdentity identity, HttpMethod method, String pathAndQuery, String body,
                              String doing, int maxPages, CallLog log) throws AzureFailure {
        List<Answer> pages = new ArrayList<>();
        String next = pathAndQuery;
        while (next != null) {
            if (pages.size() == maxPages) {
                throw new AzureFailure(0, "TooManyPages", doing + ": more than " + maxPages + " pages", null, false,
                        null);
            }
            Answer page = send(identity, pages.isEmpty() ? method : HttpMethod.GET, next,
                    pages.isEmpty() ? body : null, null, doing + " (page " + (pages.size() + 1) + ")", Set.of(), log);
            JsonObject json = page.json(doing + " (page " + (pages.size() + 1) + ")");
            pages.add(page);
            next = json.get("nextLink") instanceof JsonString link && !link.getString().isBlank()
                    ? link.getString() : null;
        }
        return pages;
    }
}
