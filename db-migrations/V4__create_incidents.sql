-- The incident register. An incident is never deleted; its timeline is append-only (a correction is a
-- new entry pointing at the one it corrects), enforced by a trigger as for the audit trail.

CREATE TABLE incident_sequence (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);

CREATE TABLE incident (
    id                 BIGSERIAL     PRIMARY KEY,
    reference          VARCHAR(16)   NOT NULL UNIQUE,
    title              VARCHAR(200)  NOT NULL,
    description        TEXT          NOT NULL DEFAULT '',
    source             VARCHAR(20)   NOT NULL CHECK (source IN ('MANUAL', 'DEFENDER', 'SENTINEL', 'AZURE_MONITOR')),
    severity           VARCHAR(2)    NOT NULL CHECK (severity IN ('P1', 'P2', 'P3', 'P4')),
    defender_score     SMALLINT      CHECK (defender_score BETWEEN 1 AND 10),
    severity_reason    VARCHAR(1000),
    category           VARCHAR(40)   NOT NULL,
    personal_data      BOOLEAN       NOT NULL DEFAULT FALSE,
    customers_affected BOOLEAN       NOT NULL DEFAULT FALSE,
    owner              VARCHAR(64),
    status             VARCHAR(20)   NOT NULL,
    detected_at        TIMESTAMPTZ   NOT NULL,
    declared_at        TIMESTAMPTZ,
    contained_at       TIMESTAMPTZ,
    eradicated_at      TIMESTAMPTZ,
    recovered_at       TIMESTAMPTZ,
    resolved_at        TIMESTAMPTZ,
    closed_at          TIMESTAMPTZ,
    closure_reason     VARCHAR(1000),
    duplicate_of       VARCHAR(16),
    response_due_at    TIMESTAMPTZ   NOT NULL,
    created_at         TIMESTAMPTZ   NOT NULL,
    created_by         VARCHAR(64)   NOT NULL,
    updated_at         TIMESTAMPTZ   NOT NULL,
    updated_by         VARCHAR(64)   NOT NULL,
    version            BIGINT        NOT NULL DEFAULT 0
);

CREATE INDEX ix_incident_detected ON incident (detected_at DESC, id DESC);
CREATE INDEX ix_incident_status_detected ON incident (status, detected_at DESC);
CREATE INDEX ix_incident_severity_detected ON incident (severity, detected_at DESC);
CREATE INDEX ix_incident_owner_detected ON incident (owner, detected_at DESC);
CREATE INDEX ix_incident_open_due ON incident (response_due_at) WHERE declared_at IS NULL;

CREATE TABLE incident_resource (
    incident_id BIGINT        NOT NULL REFERENCES incident (id),
    resource_id VARCHAR(1000) NOT NULL,
    PRIMARY KEY (incident_id, resource_id)
);

CREATE TABLE incident_user (
    incident_id BIGINT       NOT NULL REFERENCES incident (id),
    upn         VARCHAR(320) NOT NULL,
    PRIMARY KEY (incident_id, upn)
);

CREATE TABLE timeline_entry (
    id          BIGSERIAL     PRIMARY KEY,
    incident_id BIGINT        NOT NULL REFERENCES incident (id),
    occurred_at TIMESTAMPTZ   NOT NULL,
    recorded_at TIMESTAMPTZ   NOT NULL,
    recorded_by VARCHAR(64)   NOT NULL,
    milestone   VARCHAR(30),
    text        VARCHAR(4000) NOT NULL,
    corrects_id BIGINT        REFERENCES timeline_entry (id)
);

CREATE INDEX ix_timeline_incident ON timeline_entry (incident_id, occurred_at, id);

CREATE FUNCTION timeline_entry_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'timeline_entry is append-only: % refused (add a correcting entry instead)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER timeline_entry_append_only
    BEFORE UPDATE OR DELETE ON timeline_entry
    FOR EACH ROW EXECUTE FUNCTION timeline_entry_refuse_change();

CREATE FUNCTION evidence_refuse_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are evidence and are never deleted', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER incident_no_delete
    BEFORE DELETE ON incident
    FOR EACH ROW EXECUTE FUNCTION evidence_refuse_delete();
