-- Alert intake: the keys sources authenticate with, the rules that classify their alerts, the alerts
-- themselves (each linked to the incident it opened or joined) and every distinct payload, kept verbatim
-- with its SHA-256. Payloads are evidence ("Defender for Cloud alert history", "Sentinel incident list"):
-- append-only and never deleted.

CREATE TABLE intake_key (
    id         BIGSERIAL    PRIMARY KEY,
    source     VARCHAR(20)  NOT NULL CHECK (source IN ('DEFENDER', 'SENTINEL', 'AZURE_MONITOR')),
    name       VARCHAR(100) NOT NULL,
    prefix     VARCHAR(16)  NOT NULL,
    key_hash   CHAR(64)     NOT NULL UNIQUE,
    created_at TIMESTAMPTZ  NOT NULL,
    created_by VARCHAR(64)  NOT NULL,
    expires_at TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ,
    revoked_by VARCHAR(64),
    replaced_by BIGINT      REFERENCES intake_key (id),
    version    BIGINT       NOT NULL DEFAULT 0
);

CREATE TRIGGER intake_key_no_delete
    BEFORE DELETE ON intake_key
    FOR EACH ROW EXECUTE FUNCTION evidence_refuse_delete();

-- How an alert's own severity becomes P1–P4. SEVERITY rules map the source's severity word; TEXT rules
-- raise an alert whose title or type names one of the phrases (separated by '|'). The most severe match wins.
CREATE TABLE classification_rule (
    id         BIGSERIAL    PRIMARY KEY,
    name       VARCHAR(100) NOT NULL,
    source     VARCHAR(20)  CHECK (source IN ('DEFENDER', 'SENTINEL', 'AZURE_MONITOR')),
    match_kind VARCHAR(10)  NOT NULL CHECK (match_kind IN ('SEVERITY', 'TEXT')),
    pattern    VARCHAR(500) NOT NULL,
    severity   VARCHAR(2)   NOT NULL CHECK (severity IN ('P1', 'P2', 'P3', 'P4')),
    category   VARCHAR(40),
    enabled    BOOLEAN      NOT NULL DEFAULT TRUE,
    position   INTEGER      NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_by VARCHAR(64)  NOT NULL DEFAULT 'system',
    version    BIGINT       NOT NULL DEFAULT 0
);

INSERT INTO classification_rule (name, source, match_kind, pattern, severity, category, position) VALUES
    ('Azure Monitor Sev0', 'AZURE_MONITOR', 'SEVERITY', 'Sev0', 'P1', NULL, 10),
    ('Azure Monitor Sev1', 'AZURE_MONITOR', 'SEVERITY', 'Sev1', 'P2', NULL, 20),
    ('Azure Monitor Sev2', 'AZURE_MONITOR', 'SEVERITY', 'Sev2', 'P3', NULL, 30),
    ('Azure Monitor Sev3', 'AZURE_MONITOR', 'SEVERITY', 'Sev3', 'P4', NULL, 40),
    ('Azure Monitor Sev4', 'AZURE_MONITOR', 'SEVERITY', 'Sev4', 'P4', NULL, 50),
    ('High', NULL, 'SEVERITY', 'High', 'P2', NULL, 60),
    ('Medium', NULL, 'SEVERITY', 'Medium', 'P3', NULL, 70),
    ('Low', NULL, 'SEVERITY', 'Low', 'P4', NULL, 80),
    ('Informational', NULL, 'SEVERITY', 'Informational', 'P4', 'INFORMATIONAL', 90),
    ('Compromised credentials', NULL, 'TEXT',
     'compromised credential|credential theft|stolen credential|leaked credential|compromised account|compromised user',
     'P1', 'COMPROMISED_CREDENTIALS', 100),
    ('Crypto-mining', NULL, 'TEXT',
     'crypto mining|crypto-mining|cryptomining|cryptominer|coin miner|coinminer|digital currency mining|bitcoin mining',
     'P1', 'CRYPTOMINER', 110),
    ('Data exfiltration', NULL, 'TEXT', 'exfiltration|data exfiltration|mass download', 'P1', 'DATA_EXFILTRATION', 120);

-- One row: how intake correlates and whom it wakes.
CREATE TABLE intake_settings (
    id                         SMALLINT    PRIMARY KEY CHECK (id = 1),
    correlation_window_minutes INTEGER     NOT NULL CHECK (correlation_window_minutes BETWEEN 0 AND 10080),
    notify_min_severity        VARCHAR(2)  NOT NULL CHECK (notify_min_severity IN ('P1', 'P2', 'P3', 'P4')),
    email_recipients           VARCHAR(2000) NOT NULL DEFAULT '',
    version                    BIGINT      NOT NULL DEFAULT 0
);

INSERT INTO intake_settings (id, correlation_window_minutes, notify_min_severity) VALUES (1, 60, 'P2');

CREATE TABLE alert (
    id                    BIGSERIAL     PRIMARY KEY,
    source                VARCHAR(20)   NOT NULL CHECK (source IN ('DEFENDER', 'SENTINEL', 'AZURE_MONITOR')),
    external_id           VARCHAR(512)  NOT NULL,
    incident_id           BIGINT        NOT NULL REFERENCES incident (id),
    title                 VARCHAR(200)  NOT NULL,
    severity_label        VARCHAR(20)   NOT NULL,
    score                 SMALLINT,
    severity              VARCHAR(2)    NOT NULL CHECK (severity IN ('P1', 'P2', 'P3', 'P4')),
    classification_reason VARCHAR(1000) NOT NULL,
    correlation           VARCHAR(1000) NOT NULL,
    state                 VARCHAR(10)   NOT NULL CHECK (state IN ('OPEN', 'RESOLVED')),
    source_status         VARCHAR(40)   NOT NULL,
    fired_at              TIMESTAMPTZ   NOT NULL,
    resolved_at           TIMESTAMPTZ,
    received_at           TIMESTAMPTZ   NOT NULL,
    link                  VARCHAR(2000),
    version               BIGINT        NOT NULL DEFAULT 0,
    UNIQUE (source, external_id)
);

CREATE INDEX ix_alert_incident ON alert (incident_id, fired_at);

CREATE TRIGGER alert_no_delete
    BEFORE DELETE ON alert
    FOR EACH ROW EXECUTE FUNCTION evidence_refuse_delete();

-- The entities and resources an alert names, lower-case: how a later alert finds the open incident to join.
CREATE TABLE alert_subject (
    alert_id BIGINT        NOT NULL REFERENCES alert (id),
    subject  VARCHAR(1000) NOT NULL,
    fired_at TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (alert_id, subject)
);

CREATE INDEX ix_alert_subject ON alert_subject (subject, fired_at DESC);

CREATE TABLE alert_payload (
    id           BIGSERIAL    PRIMARY KEY,
    alert_id     BIGINT       NOT NULL REFERENCES alert (id),
    event        VARCHAR(10)  NOT NULL CHECK (event IN ('FIRED', 'RESOLVED', 'UPDATED')),
    received_at  TIMESTAMPTZ  NOT NULL,
    content_type VARCHAR(200) NOT NULL,
    body         BYTEA        NOT NULL,
    sha256       CHAR(64)     NOT NULL,
    size_bytes   INTEGER      NOT NULL,
    caller       VARCHAR(200) NOT NULL,
    remote_addr  VARCHAR(64),
    UNIQUE (alert_id, sha256)
);

CREATE FUNCTION alert_payload_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'alert_payload rows are evidence, kept verbatim: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER alert_payload_append_only
    BEFORE UPDATE OR DELETE ON alert_payload
    FOR EACH ROW EXECUTE FUNCTION alert_payload_refuse_change();

CREATE TRIGGER alert_payload_no_truncate
    BEFORE TRUNCATE ON alert_payload
    FOR EACH STATEMENT EXECUTE FUNCTION alert_payload_refuse_change();

CREATE TRIGGER alert_no_truncate
    BEFORE TRUNCATE ON alert
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_refuse_delete();
