-- Whom new incidents page and from which severity belong to on-call, not to intake: one row of their own.
CREATE TABLE oncall_settings (
    id                  SMALLINT      PRIMARY KEY CHECK (id = 1),
    notify_min_severity VARCHAR(2)    NOT NULL CHECK (notify_min_severity IN ('P1', 'P2', 'P3', 'P4')),
    email_recipients    VARCHAR(2000) NOT NULL DEFAULT '',
    version             BIGINT        NOT NULL DEFAULT 0
);

INSERT INTO oncall_settings (id, notify_min_severity, email_recipients)
SELECT 1, notify_min_severity, email_recipients FROM intake_settings WHERE id = 1;

ALTER TABLE intake_settings DROP COLUMN notify_min_severity, DROP COLUMN email_recipients;
