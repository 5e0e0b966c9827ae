package com.attest.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.Charset;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends every request to another server (attest.azure.redirect, for tests) while the SDK still addresses Azure's
 * public endpoints: a copy of the request goes out, and the answer names the original request, so Key Vault's
 * challenge check and long-running-operation polling see the URLs they expect.
 */
final class RedirectingHttpClient implements HttpClient {

    private final HttpClient delegate;
    private final String target;

    RedirectingHttpClient(HttpClient delegate, URI target) {
        this.delegate = delegate;
        String base = target.toString();
        this.target = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private HttpRequest redirected(HttpRequest original) {
        URL url = original.getUrl();
        HttpRequest copy = original.copy();
        copy.setUrl(target + url.getPath() + (url.getQuery() == null ? "" : "?" + url.getQuery()));
        return copy;
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
        return send(request, Context.NONE);
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request, Context context) {
        return delegate.send(redirected(request), context).map(response -> new Answer(request, response));
    }

    @Override
    public HttpResponse sendSync(HttpRequest request, Context context) {
        return new Answer(request, delegate.sendSync(redirected(request), context));
    }

    /** The redirected answer, naming the original request. */
    private static final class Answer extends HttpResponse {
        private final HttpResponse response;

        Answer(HttpRequest original, HttpResponse response) {
            super(original);
            this.response = response;
        }

        @Override
        public int getStatusCode() {
            return response.getStatusCode();
        }

        @Override
        @Deprecated
        public String getHeaderValue(String name) {
            return response.getHeaderValue(name);
        }

        @Override
        public String getHeaderValue(HttpHeaderName name) {
            return response.getHeaderValue(name);
        }

        @Override
        public HttpHeaders getHeaders() {
            return response.getHeaders();
        }

        @Override
        public Flux<ByteBuffer> getBody() {
            return response.getBody();
        }

        @Override
        public BinaryData getBodyAsBinaryData() {
            return response.getBodyAsBinaryData();
        }

        @Override
        public Mono<byte[]> getBodyAsByteArray() {
            return response.getBodyAsByteArray();
        }

        @Override
        public Mono<String> getBodyAsString() {
            return response.getBodyAsString();
        }

        @Override
        public Mono<String> getBodyAsString(Charset charset) {
            return response.getBodyAsString(charset);
        }

        @Override
        public Mono<InputStream> getBodyAsInputStream() {
            return response.getBodyAsInputStream();
        }

        @Override
        public void writeBodyTo(WritableByteChannel channel) throws IOException {
            response.writeBodyTo(channel);
        }

        @Override
        public void close() {
            response.close();
        }
    }
}
