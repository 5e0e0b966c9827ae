package com.attest.action;

import com.attest.azure.AzureCall;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP exchange a run made with Azure or Microsoft Graph, kept as it happened. Append-only. */
@Entity
@Table(name = "action_call")
@NamedQuery(name = ActionCall.OF_RUN, query = "SELECT c FROM ActionCall c WHERE c.runId = :run ORDER BY c.id")
@NamedQuery(name = ActionCall.COUNT_OF_RUN, query = "SELECT COUNT(c) FROM ActionCall c WHERE c.runId = :run")
public class ActionCall implements Serializable {

    public static final String OF_RUN = "ActionCall.ofRun";
    public static final String COUNT_OF_RUN = "ActionCall.countOfRun";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "run_id", nullable = false, updatable = false)
    private Long runId;
    @Column(nullable = false, updatable = false)
    private Instant at;
    @Column(nullable = false, updatable = false)
    private String method;
    @Column(nullable = false, updatable = false)
    private String url;
    @Column(nullable = false, updatable = false)
    private int status;
    @Column(name = "request_id", updatable = false)
    private String requestId;
    @Column(name = "correlation_id", updatable = false)
    private String correlationId;
    @Column(nullable = false, updatable = false)
    private long millis;
    @Column(updatable = false)
    private String summary;
    @Column(updatable = false)
    private String error;

    protected ActionCall() {
    }

    ActionCall(long runId, AzureCall call) {
        this.runId = runId;
        this.at = call.at();
        this.method = call.method();
        this.url = cut(call.url(), 2000);
        this.status = call.status();
        this.requestId = cut(call.requestId(), 200);
        this.correlationId = cut(call.correlationId(), 200);
        this.millis = call.millis();
        this.summary = cut(call.summary(), 2000);
        this.error = cut(call.error(), 4000);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("at", at);
        s.put("method", method);
        s.put("url", url);
        s.put("status", status);
        s.put("requestId", requestId);
        s.put("correlationId", correlationId);
        s.put("millis", millis);
        s.put("summary", summary);
        s.put("error", error);
        return s;
    }

    public Long getId() { return id; }
    public Long getRunId() { return runId; }
    public Instant getAt() { return at; }
    public String getMethod() { return method; }
    public String getUrl() { return url; }
    public int getStatus() { return status; }
    public String getRequestId() { return requestId; }
    public String getCorrelationId() { return correlationId; }
    public long getMillis() { return millis; }
    public String getSummary() { return summary; }
    public String getError() { return error; }
}
