-- Runbook actions performed in Azure. A run is requested with its parameters (fixed from then on), approved or
-- rejected by a second person (or run alone under break glass on a P1, flagged for the compliance lead's review),
-- and carried out in the background. Every HTTP exchange with Azure is a row of action_call; a result file
-- (query results, an alert's detail) is kept with its SHA-256. No run, call or file is ever removed.

CREATE TABLE action_run (
    id                  BIGSERIAL     PRIMARY KEY,
    incident_id         BIGINT        NOT NULL REFERENCES incident (id),
    item_key            VARCHAR(40),
    runbook_version_id  BIGINT        REFERENCES document_version (id),
    action_type         VARCHAR(40)   NOT NULL,
    parameters          TEXT          NOT NULL,
    destructive         BOOLEAN       NOT NULL,
    rerun_of            BIGINT        REFERENCES action_run (id),
    requested_by        VARCHAR(64)   NOT NULL,
    requested_at        TIMESTAMPTZ   NOT NULL,
    reason              VARCHAR(2000),
    break_glass         BOOLEAN       NOT NULL DEFAULT FALSE,
    break_glass_reason  VARCHAR(2000),
    state               VARCHAR(20)   NOT NULL,
    decided_by          VARCHAR(64),
    decided_at          TIMESTAMPTZ,
    decision_note       VARCHAR(2000),
    started_at          TIMESTAMPTZ,
    finished_at         TIMESTAMPTZ,
    duration_ms         BIGINT,
    summary             VARCHAR(2000),
    error_status        INTEGER,
    error_code          VARCHAR(200),
    error_text          TEXT,
    retry_after_seconds INTEGER,
    timed_out           BOOLEAN       NOT NULL DEFAULT FALSE,
    before_state        TEXT,
    after_state         TEXT,
    azure_reference     VARCHAR(1000),
    reviewed_by         VARCHAR(64),
    reviewed_at         TIMESTAMPTZ,
    review_note         VARCHAR(2000),
    version             BIGINT        NOT NULL DEFAULT 0,
    CHECK (state IN ('AWAITING_APPROVAL', 'REJECTED', 'CANCELLED', 'QUEUED', 'RUNNING', 'SUCCEEDED',
                     'ALREADY_IN_EFFECT', 'FAILED', 'RECORDED')),
    CHECK (NOT break_glass OR break_glass_reason IS NOT NULL),
    CHECK (decided_by IS NULL OR decided_by <> requested_by),
    CHECK (reviewed_by IS NULL OR break_glass)
);

CREATE INDEX ix_action_run_incident ON action_run (incident_id, id);
CREATE INDEX ix_action_run_pending ON action_run (state) WHERE state IN ('AWAITING_APPROVAL', 'QUEUED', 'RUNNING');
CREATE INDEX ix_action_run_review ON action_run (id) WHERE break_glass AND reviewed_by IS NULL;

CREATE TABLE action_call (
    id             BIGSERIAL     PRIMARY KEY,
    run_id         BIGINT        NOT NULL REFERENCES action_run (id),
    at             TIMESTAMPTZ   NOT NULL,
    method         VARCHAR(10)   NOT NULL,
    url            VARCHAR(2000) NOT NULL,
    status         INTEGER       NOT NULL,
    request_id     VARCHAR(200),
    correlation_id VARCHAR(200),
    millis         BIGINT        NOT NULL,
    summary        VARCHAR(2000),
    error          VARCHAR(4000)
);

CREATE INDEX ix_action_call_run ON action_call (run_id, id);

CREATE TABLE action_result (
    run_id       BIGINT       PRIMARY KEY REFERENCES action_run (id),
    filename     VARCHAR(255) NOT NULL,
    content_type VARCHAR(100) NOT NULL,
    size_bytes   INTEGER      NOT NULL,
    sha256       CHAR(64)     NOT NULL,
    body         BYTEA        NOT NULL
);

-- A request is what was asked and by whom: those columns never change. A finished run changes only by the
-- compliance lead's review of a break-glass run.
CREATE FUNCTION action_run_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'action runs are evidence of the response: DELETE refused' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.incident_id IS DISTINCT FROM OLD.incident_id OR NEW.item_key IS DISTINCT FROM OLD.item_key
       OR NEW.runbook_version_id IS DISTINCT FROM OLD.runbook_version_id OR NEW.action_type IS DISTINCT FROM OLD.action_type
       OR NEW.parameters IS DISTINCT FROM OLD.parameters OR NEW.destructive IS DISTINCT FROM OLD.destructive
       OR NEW.rerun_of IS DISTINCT FROM OLD.rerun_of OR NEW.requested_by IS DISTINCT FROM OLD.requested_by
       OR NEW.requested_at IS DISTINCT FROM OLD.requested_at OR NEW.reason IS DISTINCT FROM OLD.reason
       OR NEW.break_glass IS DISTINCT FROM OLD.break_glass
       OR NEW.break_glass_reason IS DISTINCT FROM OLD.break_glass_reason THEN
        RAISE EXCEPTION 'an action request is fixed once made: UPDATE of its request refused'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.state IN ('REJECTED', 'CANCELLED', 'SUCCEEDED', 'ALREADY_IN_EFFECT', 'FAILED', 'RECORDED')
       AND (NEW.state IS DISTINCT FROM OLD.state OR NEW.summary IS DISTINCT FROM OLD.summary
            OR NEW.error_text IS DISTINCT FROM OLD.error_text OR NEW.before_state IS DISTINCT FROM OLD.before_state
            OR NEW.after_state IS DISTINCT FROM OLD.after_state OR NEW.finished_at IS DISTINCT FROM OLD.finished_at
            OR NEW.decided_by IS DISTINCT FROM OLD.decided_by OR NEW.azure_reference IS DISTINCT FROM OLD.azure_reference
            OR (OLD.reviewed_by IS NOT NULL AND NEW.reviewed_by IS DISTINCT FROM OLD.reviewed_by)) THEN
        RAISE EXCEPTION 'a finished action run is evidence: only its break-glass review may be added'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER action_run_guarded BEFORE UPDATE OR DELETE ON action_run
    FOR EACH ROW EXECUTE FUNCTION action_run_guard();
CREATE TRIGGER action_run_no_truncate BEFORE TRUNCATE ON action_run
    FOR EACH STATEMENT EXECUTE FUNCTION walkthrough_refuse_change();
CREATE TRIGGER action_call_append_only BEFORE UPDATE OR DELETE ON action_call
    FOR EACH ROW EXECUTE FUNCTION walkthrough_refuse_change();
CREATE TRIGGER action_call_no_truncate BEFORE TRUNCATE ON action_call
    FOR EACH STATEMENT EXECUTE FUNCTION walkthrough_refuse_change();
CREATE TRIGGER action_result_append_only BEFORE UPDATE OR DELETE ON action_result
    FOR EACH ROW EXECUTE FUNCTION walkthrough_refuse_change();
CREATE TRIGGER action_result_no_truncate BEFORE TRUNCATE ON action_result
    FOR EACH STATEMENT EXECUTE FUNCTION walkthrough_refuse_change();
