-- Microsoft Sentinel both ways, and the Azure half of the evidence table collected by the portal.
--
-- 1. The one outbox also carries write-backs to Sentinel: a WRITE_BACK message on the SENTINEL channel names the
--    Sentinel incident it writes to (target, its ARM id) and what it writes (body: JSON, with its SHA-256); like an
--    e-mail, what was queued never changes. Every call a write-back makes is kept (append-only) with its status,
--    x-ms-request-id and the incident's etag before and after.
-- 2. An incident's closing step carries Sentinel's classification (TruePositive, BenignPositive, FalsePositive,
--    Undetermined) and its reason.
-- 3. Azure evidence collections: per kind (Defender for Cloud alerts, Sentinel incidents with their timelines, Logic
--    App runs), per scope (subscription, workspace, workflow) and per period, every page of JSON kept verbatim in
--    order with its SHA-256. Pages are written with their collection's success, in one transaction: a failed
--    collection keeps its error and no page.

ALTER TABLE notification DROP CONSTRAINT notification_channel_check;
ALTER TABLE notification ADD CONSTRAINT notification_channel_check
    CHECK (channel IN ('TEAMS', 'EMAIL', 'PAGERDUTY', 'SENTINEL'));
ALTER TABLE notification DROP CONSTRAINT notification_action_check;
ALTER TABLE notification ADD CONSTRAINT notification_action_check
    CHECK (action IN ('TRIGGER', 'RESOLVE', 'MAIL', 'WRITE_BACK'));
ALTER TABLE notification ADD COLUMN target VARCHAR(400);
ALTER TABLE notification ADD CONSTRAINT notification_write_back_complete
    CHECK (action <> 'WRITE_BACK' OR (channel = 'SENTINEL' AND target IS NOT NULL AND purpose IS NOT NULL
                                      AND body IS NOT NULL AND body_sha256 IS NOT NULL));
CREATE INDEX ix_notification_target ON notification (lower(target), created_at) WHERE target IS NOT NULL;

CREATE OR REPLACE FUNCTION notification_message_fixed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.recipients IS DISTINCT FROM OLD.recipients OR NEW.body IS DISTINCT FROM OLD.body
       OR NEW.body_sha256 IS DISTINCT FROM OLD.body_sha256 OR NEW.subject IS DISTINCT FROM OLD.subject
       OR NEW.purpose IS DISTINCT FROM OLD.purpose OR NEW.channel IS DISTINCT FROM OLD.channel
       OR NEW.target IS DISTINCT FROM OLD.target THEN
        RAISE EXCEPTION 'a queued message is evidence of what was sent: its content cannot change'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TABLE notification_call (
    id              BIGSERIAL     PRIMARY KEY,
    notification_id BIGINT        NOT NULL REFERENCES notification (id),
    at              TIMESTAMPTZ   NOT NULL,
    method          VARCHAR(10)   NOT NULL,
    url             VARCHAR(2000) NOT NULL,
    status          INTEGER       NOT NULL,
    request_id      VARCHAR(200),
    etag_before     VARCHAR(200),
    etag_after      VARCHAR(200),
    duration_ms     INTEGER       NOT NULL,
    error           VARCHAR(1000)
);

CREATE INDEX ix_notification_call ON notification_call (notification_id, id);
CREATE INDEX ix_notification_call_etag ON notification_call (etag_after) WHERE etag_after IS NOT NULL;

CREATE TRIGGER notification_call_append_only
    BEFORE UPDATE OR DELETE ON notification_call
    FOR EACH ROW EXECUTE FUNCTION notification_attempt_refuse_change();
CREATE TRIGGER notification_call_no_truncate
    BEFORE TRUNCATE ON notification_call
    FOR EACH STATEMENT EXECUTE FUNCTION notification_attempt_refuse_change();

ALTER TABLE incident ADD COLUMN classification VARCHAR(20)
    CHECK (classification IN ('TRUE_POSITIVE', 'BENIGN_POSITIVE', 'FALSE_POSITIVE', 'UNDETERMINED'));
ALTER TABLE incident ADD COLUMN classification_reason VARCHAR(40);

CREATE TABLE azure_collection (
    id             BIGSERIAL     PRIMARY KEY,
    kind           VARCHAR(20)   NOT NULL CHECK (kind IN ('DEFENDER_ALERTS', 'SENTINEL_INCIDENTS', 'PLAYBOOK_RUNS')),
    scope          VARCHAR(400)  NOT NULL,
    scope_label    VARCHAR(200)  NOT NULL,
    period_from    DATE          NOT NULL,
    period_to      DATE          NOT NULL,
    time_from      TIMESTAMPTZ   NOT NULL,
    time_to        TIMESTAMPTZ   NOT NULL,
    trigger        VARCHAR(10)   NOT NULL CHECK (trigger IN ('NIGHTLY', 'ON_DEMAND')),
    requested_by   VARCHAR(64)   NOT NULL,
    requested_at   TIMESTAMPTZ   NOT NULL,
    state          VARCHAR(10)   NOT NULL CHECK (state IN ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    lease_until    TIMESTAMPTZ,
    attempts       INTEGER       NOT NULL DEFAULT 0,
    started_at     TIMESTAMPTZ,
    finished_at    TIMESTAMPTZ,
    api_version    VARCHAR(20)   NOT NULL,
    pages          INTEGER       NOT NULL DEFAULT 0,
    records        INTEGER       NOT NULL DEFAULT 0,
    error          VARCHAR(2000),
    version        BIGINT        NOT NULL DEFAULT 0,
    CHECK (period_from <= period_to),
    CHECK (state <> 'FAILED' OR error IS NOT NULL)
);

-- a night's collection of one kind and scope is asked for once, whichever node asks
CREATE UNIQUE INDEX ux_azure_collection_nightly ON azure_collection (kind, scope, period_from)
    WHERE trigger = 'NIGHTLY';
CREATE INDEX ix_azure_collection_due ON azure_collection (state, lease_until);
CREATE INDEX ix_azure_collection_period ON azure_collection (kind, period_from, period_to) WHERE state = 'SUCCEEDED';

CREATE TABLE azure_collection_page (
    id            BIGSERIAL     PRIMARY KEY,
    collection_id BIGINT        NOT NULL REFERENCES azure_collection (id),
    seq           INTEGER       NOT NULL,
    what          VARCHAR(100)  NOT NULL,
    method        VARCHAR(10)   NOT NULL,
    url           VARCHAR(4000) NOT NULL,
    status        INTEGER       NOT NULL,
    request_id    VARCHAR(200),
    fetched_at    TIMESTAMPTZ   NOT NULL,
    content_type  VARCHAR(100)  NOT NULL,
    body          BYTEA         NOT NULL,
    sha256        CHAR(64)      NOT NULL,
    size_bytes    INTEGER       NOT NULL,
    records       INTEGER       NOT NULL,
    UNIQUE (collection_id, seq)
);

CREATE FUNCTION azure_collection_page_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('attest.disposing', true) = 'azure_collection_page:' || OLD.id THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'azure_collection_page is kept as Azure returned it: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER azure_collection_page_append_only
    BEFORE UPDATE OR DELETE ON azure_collection_page
    FOR EACH ROW EXECUTE FUNCTION azure_collection_page_refuse_change();
CREATE TRIGGER azure_collection_page_no_truncate
    BEFORE TRUNCATE ON azure_collection_page
    FOR EACH STATEMENT EXECUTE FUNCTION azure_collection_page_refuse_change();
CREATE TRIGGER azure_collection_no_delete
    BEFORE DELETE ON azure_collection
    FOR EACH ROW EXECUTE FUNCTION evidence_refuse_delete();
CREATE TRIGGER azure_collection_no_truncate
    BEFORE TRUNCATE ON azure_collection
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_refuse_delete();
