-- The one outbound-notification mechanism: an outbox written in the same transaction as the change it
-- announces, delivered after commit, retried with backoff. Each attempt is kept (append-only) as evidence
-- that, and when, the on-call person was told.

CREATE TABLE notification (
    id              BIGSERIAL     PRIMARY KEY,
    incident_id     BIGINT        REFERENCES incident (id),
    channel         VARCHAR(20)   NOT NULL CHECK (channel IN ('TEAMS', 'EMAIL', 'PAGERDUTY')),
    action          VARCHAR(10)   NOT NULL CHECK (action IN ('TRIGGER', 'RESOLVE')),
    subject         VARCHAR(300)  NOT NULL,
    state           VARCHAR(10)   NOT NULL CHECK (state IN ('PENDING', 'SENT', 'FAILED')),
    attempts        INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ,
    created_at      TIMESTAMPTZ   NOT NULL,
    created_by      VARCHAR(64)   NOT NULL,
    sent_at         TIMESTAMPTZ,
    external_id     VARCHAR(200),
    last_error      VARCHAR(1000),
    version         BIGINT        NOT NULL DEFAULT 0
);

CREATE INDEX ix_notification_due ON notification (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX ix_notification_incident ON notification (incident_id, created_at);

CREATE TRIGGER notification_no_delete
    BEFORE DELETE ON notification
    FOR EACH ROW EXECUTE FUNCTION evidence_refuse_delete();

CREATE TABLE notification_attempt (
    id              BIGSERIAL     PRIMARY KEY,
    notification_id BIGINT        NOT NULL REFERENCES notification (id),
    attempted_at    TIMESTAMPTZ   NOT NULL,
    duration_ms     INTEGER       NOT NULL,
    outcome         VARCHAR(10)   NOT NULL CHECK (outcome IN ('SENT', 'RETRY', 'FAILED')),
    http_status     INTEGER,
    detail          VARCHAR(1000)
);

CREATE INDEX ix_notification_attempt ON notification_attempt (notification_id, attempted_at);

CREATE FUNCTION notification_attempt_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'notification_attempt is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER notification_attempt_append_only
    BEFORE UPDATE OR DELETE ON notification_attempt
    FOR EACH ROW EXECUTE FUNCTION notification_attempt_refuse_change();

CREATE TRIGGER notification_attempt_no_truncate
    BEFORE TRUNCATE ON notification_attempt
    FOR EACH STATEMENT EXECUTE FUNCTION notification_attempt_refuse_change();

CREATE TRIGGER notification_no_truncate
    BEFORE TRUNCATE ON notification
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_refuse_delete();
