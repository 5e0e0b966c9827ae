-- Not every alert Azure sends through an action group is a security incident: cost and budget alerts, service-health
-- and resource-health notifications share the same webhook. A KEEP rule records such an alert (and its payload, as
-- evidence) without opening an incident; its phrases are matched against the alert's type (Monitor's signal type and
-- monitoring service, Defender's alert type). An alert so kept has no incident.

ALTER TABLE alert ALTER COLUMN incident_id DROP NOT NULL;

ALTER TABLE classification_rule DROP CONSTRAINT classification_rule_match_kind_check;
ALTER TABLE classification_rule ADD CONSTRAINT classification_rule_match_kind_check
    CHECK (match_kind IN ('SEVERITY', 'TEXT', 'KEEP'));

INSERT INTO classification_rule (name, source, match_kind, pattern, severity, category, position) VALUES
    ('Cost and budget alerts', 'AZURE_MONITOR', 'KEEP', 'CostAlerts|Cost Alerts|Budget', 'P4', NULL, 130),
    ('Service health', 'AZURE_MONITOR', 'KEEP', 'ServiceHealth|Service Health', 'P4', NULL, 140),
    ('Resource health', 'AZURE_MONITOR', 'KEEP', 'ResourceHealth|Resource Health', 'P4', NULL, 150);

CREATE INDEX ix_alert_without_incident ON alert (received_at DESC) WHERE incident_id IS NULL;

-- Deliveries refused before anyone could be identified (no key, an unknown, revoked or expired key, a key of another
-- source, a token refused) keep no bytes: only how many, per day of the organisation's calendar, source and answer.
-- Each node adds what it counted; rows only grow.
CREATE TABLE intake_refusal_count (
    day     DATE        NOT NULL,
    source  VARCHAR(20) NOT NULL CHECK (source IN ('DEFENDER', 'SENTINEL', 'AZURE_MONITOR')),
    status  SMALLINT    NOT NULL CHECK (status IN (401, 403)),
    count   BIGINT      NOT NULL CHECK (count >= 0),
    PRIMARY KEY (day, source, status)
);
