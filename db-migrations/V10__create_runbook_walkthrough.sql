-- The runbook on the incident: the version in force when the incident was declared is pinned to it, and
-- responders work through its checklist. Each tick, untick and note is a new row (who and when), and each
-- attached file is kept with its SHA-256; none is changed or removed.

CREATE TABLE incident_runbook (
    incident_id BIGINT      PRIMARY KEY REFERENCES incident (id),
    version_id  BIGINT      NOT NULL REFERENCES document_version (id),
    pinned_at   TIMESTAMPTZ NOT NULL,
    pinned_by   VARCHAR(64) NOT NULL
);

CREATE TABLE checklist_event (
    id          BIGSERIAL     PRIMARY KEY,
    incident_id BIGINT        NOT NULL REFERENCES incident (id),
    item_key    VARCHAR(40)   NOT NULL,
    done        BOOLEAN,
    note        VARCHAR(2000),
    recorded_at TIMESTAMPTZ   NOT NULL,
    recorded_by VARCHAR(64)   NOT NULL,
    CHECK (done IS NOT NULL OR note IS NOT NULL)
);

CREATE INDEX ix_checklist_event_incident ON checklist_event (incident_id, item_key, id);

CREATE TABLE incident_attachment (
    id           BIGSERIAL    PRIMARY KEY,
    incident_id  BIGINT       NOT NULL REFERENCES incident (id),
    item_key     VARCHAR(40),
    filename     VARCHAR(255) NOT NULL,
    content_type VARCHAR(100) NOT NULL,
    size_bytes   INTEGER      NOT NULL,
    sha256       CHAR(64)     NOT NULL,
    body         BYTEA        NOT NULL,
    uploaded_at  TIMESTAMPTZ  NOT NULL,
    uploaded_by  VARCHAR(64)  NOT NULL
);

CREATE INDEX ix_incident_attachment ON incident_attachment (incident_id, id);

CREATE FUNCTION walkthrough_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are evidence of the response: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER incident_runbook_fixed BEFORE UPDATE OR DELETE ON incident_runbook
    FOR EACH ROW EXECUTE FUNCTION walkthrough_refuse_change();
CREATE TRIGGER checklist_event_append_only BEFORE UPDATE OR DELETE ON checklist_event
    FOR EACH ROW EXECUTE FUNCTION walkthrough_refuse_change();
CREATE TRIGGER incident_attachment_append_only BEFORE UPDATE OR DELETE ON incident_attachment
    FOR EACH ROW EXECUTE FUNCTION walkthrough_refuse_change();
CREATE TRIGGER incident_runbook_no_truncate BEFORE TRUNCATE ON incident_runbook
    FOR EACH STATEMENT EXECUTE FUNCTION walkthrough_refuse_change();
CREATE TRIGGER checklist_event_no_truncate BEFORE TRUNCATE ON checklist_event
    FOR EACH STATEMENT EXECUTE FUNCTION walkthrough_refuse_change();
CREATE TRIGGER incident_attachment_no_truncate BEFORE TRUNCATE ON incident_attachment
    FOR EACH STATEMENT EXECUTE FUNCTION walkthrough_refuse_change();
