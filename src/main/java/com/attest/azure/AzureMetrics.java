package com.attest.azure;

import com.attest.platform.metrics.MetricFamily;
import com.attest.platform.metrics.MetricSource;
import com.attest.platform.metrics.Metrics;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import okhttp3.Interceptor;
import reactor.core.publisher.Mono;

/**
 * Every HTTP exchange this node had with Azure and Microsoft Graph, per API (resource-manager, key-vault,
 * log-analytics, graph): how many, how long they took, and which failed (an HTTP error or no answer). Each attempt
 * counts, retries included.
 */
@ApplicationScoped
public class AzureMetrics implements MetricSource {

    public static final MetricFamily CALLS = MetricFamily.counter("attest_azure_calls_total",
            "Calls this node made to Azure since it started, by API and outcome (ok, error: an HTTP error or no"
                    + " answer)");
    public static final MetricFamily SECONDS = MetricFamily.summary("attest_azure_call_duration_seconds",
            "How long this node's calls to Azure took, by API");

    @Inject
    private Metrics metrics;

    @Override
    public List<MetricFamily> families() {
        return List.of(CALLS, SECONDS);
    }

    void call(String api, boolean ok, long startNanos) {
        metrics.increment(CALLS, "api", api, "outcome", ok ? "ok" : "error");
        metrics.observe(SECONDS, (System.nanoTime() - startNanos) / 1e9, "api", api);
    }

    /** The pipeline policy metering the calls of {@code api} (placed per retry, so each attempt counts). */
    HttpPipelinePolicy policy(String api) {
        return new HttpPipelinePolicy() {
            @Override
            public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
                long start = System.nanoTime();
                return next.process().doOnNext(r -> call(api, r.getStatusCode() < 400, start))
                        .doOnError(e -> call(api, false, start));
            }

            @Override
            public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
                long start = System.nanoTime();
                HttpResponse response;
                try {
                    response = next.processSync();
                } catch (RuntimeException e) {
                    call(api, false, start);
                    throw e;
                }
                call(api, response.getStatusCode() < 400, start);
                return response;
            }
        };
    }

    /** The same for Microsoft Graph's OkHttp client. */
    Interceptor graphInterceptor() {
        return chain -> {
            long start = System.nanoTime();
            okhttp3.Response response;
            try {
                response = chain.proceed(chain.request());
            } catch (java.io.IOException | RuntimeException e) {
                call("graph", false, start);
                throw e;
            }
            call("graph", response.code() < 400, start);
            return response;
        };
    }
}
