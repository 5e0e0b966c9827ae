package com.attest.action;

import com.attest.platform.change.Approval;
import com.attest.platform.change.Audited;
import com.attest.platform.change.Versioned;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.Serializable;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request to perform an action on an incident, and what came of it. The request (type, parameters, who, when,
 * break glass) is fixed once made; the database refuses any change to it and any change to a finished run but the
 * lead's review of a break-glass run.
 */
@Entity
@Table(name = "action_run")
@NamedQuery(name = ActionRun.OF_INCIDENT, query = "SELECT r FROM ActionRun r WHERE r.incidentId = :incident ORDER BY r.id DESC")
@NamedQuery(name = ActionRun.IN_STATE, query = "SELECT r FROM ActionRun r WHERE r.state = :state ORDER BY r.id")
@NamedQuery(name = ActionRun.TO_REVIEW, query = "SELECT r FROM ActionRun r WHERE r.breakGlass = TRUE AND r.reviewedBy IS NULL"
        + " AND r.state <> com.attest.action.RunState.AWAITING_APPROVAL ORDER BY r.id")
@NamedQuery(name = ActionRun.OF_SUBJECT, query = "SELECT r FROM ActionRun r WHERE r.subject = :subject ORDER BY r.id DESC")
public class ActionRun implements Versioned, Audited, Serializable {

    public static final String OF_INCIDENT = "ActionRun.ofIncident";
    public static final String IN_STATE = "ActionRun.inState";
    public static final String TO_REVIEW = "ActionRun.toReview";
    public static final String OF_SUBJECT = "ActionRun.ofSubject";
    /** The subject of a run that repairs the detection pipeline. */
    public static final String DETECTION_PIPELINE = "DETECTION_PIPELINE";

    private static final JsonReaderFactory JSON = Json.createReaderFactory(Map.of());

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    /** The incident the run belongs to; null for a run whose {@link #subject} is the detection pipeline. */
    @Column(name = "incident_id", updatable = false)
    private Long incidentId;
    /** What the run belongs to when not an incident: {@value #DETECTION_PIPELINE}. */
    @Column(updatable = false)
    private String subject;
    /** A repair's dry run as read from Azure when it was asked for: the requests the approver approves. */
    @Column(updatable = false)
    private String plan;
    @Column(name = "item_key", updatable = false)
    private String itemKey;
    @Column(name = "runbook_version_id", updatable = false)
    private Long runbookVersionId;
    @Column(name = "action_type", nullable = false, updatable = false)
    private String actionType;
    @Column(nullable = false, updatable = false)
    private String parameters;
    @Column(nullable = false, updatable = false)
    private boolean destructive;
    @Column(name = "rerun_of", updatable = false)
    private Long rerunOf;
    @Column(updatable = false)
    private String reason;
    @Column(name = "break_glass", nullable = false, updatable = false)
    private boolean breakGlass;
    @Column(name = "break_glass_reason", updatable = false)
    private String breakGlassReason;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RunState state;
    /** Asked for by the requester; a destructive run waits for a second person's decision (four eyes). */
    @Embedded
    @AttributeOverride(name = "requestedBy", column = @Column(name = "requested_by", updatable = false))
    @AttributeOverride(name = "requestedAt", column = @Column(name = "requested_at", updatable = false))
    @AttributeOverride(name = "comment", column = @Column(name = "decision_note"))
    private Approval approval = new Approval();
    @Column(name = "started_at")
    private Instant startedAt;
    @Column(name = "finished_at")
    private Instant finishedAt;
    @Column(name = "duration_ms")
    private Long durationMs;
    private String summary;
    @Column(name = "error_status")
    private Integer errorStatus;
    @Column(name = "error_code")
    private String errorCode;
    @Column(name = "error_text")
    private String errorText;
    @Column(name = "retry_after_seconds")
    private Integer retryAfterSeconds;
    @Column(name = "timed_out", nullable = false)
    private boolean timedOut;
    @Column(name = "before_state")
    private String beforeState;
    @Column(name = "after_state")
    private String afterState;
    @Column(name = "azure_reference")
    private String azureReference;
    @Column(name = "reviewed_by")
    private String reviewedBy;
    @Column(name = "reviewed_at")
    private Instant reviewedAt;
    @Column(name = "review_note")
    private String reviewNote;
    @Version
    private long version;

    protected ActionRun() {
    }

    ActionRun(Long incidentId, String itemKey, Long runbookVersionId, ActionType type, String parametersJson,
              Long rerunOf, String by, Instant at, String reason, boolean breakGlass, String breakGlassReason,
              RunState state) {
        this.incidentId = incidentId;
        this.itemKey = itemKey;
        this.runbookVersionId = runbookVersionId;
        this.actionType = type.code();
        this.parameters = parametersJson;
        this.destructive = type.destructive();
        this.rerunOf = rerunOf;
        this.approval = Approval.requested(by, at);
        this.reason = reason;
        this.breakGlass = breakGlass;
        this.breakGlassReason = breakGlassReason;
        this.state = state;
    }

    /** A repair of the detection pipeline, asked for with its plan; it waits for a second person's approval. */
    ActionRun(ActionType type, String parametersJson, String plan, String by, Instant at, String reason) {
        this.subject = DETECTION_PIPELINE;
        this.actionType = type.code();
        this.parameters = parametersJson;
        this.plan = plan;
        this.destructive = type.destructive();
        this.approval = Approval.requested(by, at);
        this.reason = reason;
        this.state = RunState.AWAITING_APPROVAL;
    }

    /** The run as the audit trail and the evidence register keep it (no result file body). */
    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", id);
        s.put("incidentId", incidentId);
        s.put("subject", subject);
        s.put("itemKey", itemKey);
        s.put("runbookVersionId", runbookVersionId);
        s.put("actionType", actionType);
        s.put("parameters", parameterMap());
        s.put("destructive", destructive);
        s.put("rerunOf", rerunOf);
        s.put("requestedBy", approval.getRequestedBy());
        s.put("requestedAt", approval.getRequestedAt());
        s.put("reason", reason);
        s.put("breakGlass", breakGlass);
        s.put("breakGlassReason", breakGlassReason);
        s.put("state", state.name());
        s.put("decidedBy", approval.getDecidedBy());
        s.put("decidedAt", approval.getDecidedAt());
        s.put("decisionNote", approval.getComment());
        s.put("startedAt", startedAt);
        s.put("finishedAt", finishedAt);
        s.put("durationMs", durationMs);
        s.put("summary", summary);
        s.put("errorStatus", errorStatus);
        s.put("errorCode", errorCode);
        s.put("errorText", errorText);
        s.put("retryAfterSeconds", retryAfterSeconds);
        s.put("timedOut", timedOut);
        s.put("beforeState", beforeState);
        s.put("afterState", afterState);
        s.put("azureReference", azureReference);
        s.put("reviewedBy", reviewedBy);
        s.put("reviewedAt", reviewedAt);
        s.put("reviewNote", reviewNote);
        s.put("plan", plan);
        return s;
    }

    /** The parameters as requested, in the action's order. */
    public Map<String, String> parameterMap() {
        Map<String, String> map = new LinkedHashMap<>();
        JsonObject object = JSON.createReader(new StringReader(parameters)).readObject();
        for (Map.Entry<String, JsonValue> e : object.entrySet()) {
            map.put(e.getKey(), ((JsonString) e.getValue()).getString());
        }
        return map;
    }

    public ActionType type() {
        return ActionType.ofCode(actionType).orElseThrow();
    }

    void decide(RunState to, String by, Instant at, String note) {
        this.state = to;
        approval.decide(to == RunState.QUEUED, by, at, note);
    }

    void cancel(Instant at, String note) {
        this.state = RunState.CANCELLED;
        this.finishedAt = at;
        approval.withdraw(note);
    }

    void recorded(String summary, Instant at) {
        this.summary = summary;
        this.finishedAt = at;
    }

    void finish(RunState to, Instant at, long millis, String summary) {
        this.state = to;
        this.finishedAt = at;
        this.durationMs = millis;
        this.summary = summary;
    }

    void states(String before, String after, String azureReference) {
        this.beforeState = before;
        this.afterState = after;
        this.azureReference = azureReference;
    }

    void error(Integer status, String code, String text, Integer retryAfterSeconds, boolean timedOut) {
        this.errorStatus = status;
        this.errorCode = code;
        this.errorText = text;
        this.retryAfterSeconds = retryAfterSeconds;
        this.timedOut = timedOut;
    }

    void review(String by, Instant at, String note) {
        this.reviewedBy = by;
        this.reviewedAt = at;
        this.reviewNote = note;
    }

    public Long getId() { return id; }
    public Long getIncidentId() { return incidentId; }
    public String getSubject() { return subject; }
    public String getPlan() { return plan; }
    public String getItemKey() { return itemKey; }
    public Long getRunbookVersionId() { return runbookVersionId; }
    public String getActionType() { return actionType; }
    public String getParameters() { return parameters; }
    public boolean isDestructive() { return destructive; }
    public Long getRerunOf() { return rerunOf; }
    public Approval getApproval() { return approval; }
    public String getRequestedBy() { return approval.getRequestedBy(); }
    public Instant getRequestedAt() { return approval.getRequestedAt(); }
    public String getReason() { return reason; }
    public boolean isBreakGlass() { return breakGlass; }
    public String getBreakGlassReason() { return breakGlassReason; }
    public RunState getState() { return state; }
    public String getDecidedBy() { return approval.getDecidedBy(); }
    public Instant getDecidedAt() { return approval.getDecidedAt(); }
    public String getDecisionNote() { return approval.getComment(); }
    public Instant getStartedAt() { return startedAt; }
    public Instant getFinishedAt() { return finishedAt; }
    public Long getDurationMs() { return durationMs; }
    public String getSummary() { return summary; }
    public Integer getErrorStatus() { return errorStatus; }
    public String getErrorCode() { return errorCode; }
    public String getErrorText() { return errorText; }
    public Integer getRetryAfterSeconds() { return retryAfterSeconds; }
    public boolean isTimedOut() { return timedOut; }
    public String getBeforeState() { return beforeState; }
    public String getAfterState() { return afterState; }
    public String getAzureReference() { return azureReference; }
    public String getReviewedBy() { return reviewedBy; }
    public Instant getReviewedAt() { return reviewedAt; }
    public String getReviewNote() { return reviewNote; }
    public long getVersion() { return version; }

    @Override
    public String auditType() { return ActionRunService.ENTITY; }

    @Override
    public Object auditId() { return id; }
}
