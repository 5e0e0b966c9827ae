-- The detection pipeline (the policy's section 1, CC7.3), checked per configured subscription: what Resource Manager
-- returned, kept verbatim with its SHA-256, and the findings judged from it. A check is written once and never
-- changed; a failing one is a CC7.3 gap until a later check of the subscription passes.
CREATE TABLE detection_check (
    id                 BIGSERIAL     PRIMARY KEY,
    subscription_id    VARCHAR(36)   NOT NULL,
    subscription_label VARCHAR(200)  NOT NULL,
    trigger            VARCHAR(10)   NOT NULL CHECK (trigger IN ('DAILY', 'ON_DEMAND')),
    requested_by       VARCHAR(64)   NOT NULL,
    checked_at         TIMESTAMPTZ   NOT NULL,
    verdict            VARCHAR(12)   NOT NULL CHECK (verdict IN ('PASS', 'WARN', 'FAIL', 'UNREADABLE')),
    findings           TEXT          NOT NULL,
    arm_json           TEXT          NOT NULL,
    sha256             CHAR(64)      NOT NULL,
    size_bytes         INTEGER       NOT NULL,
    version            BIGINT        NOT NULL DEFAULT 0
);

CREATE INDEX ix_detection_check_latest ON detection_check (subscription_id, checked_at DESC);

-- the daily check of a subscription is claimed once per day, so two nodes never both run it
CREATE TABLE detection_daily_claim (
    subscription_id VARCHAR(36)  NOT NULL,
    day             DATE         NOT NULL,
    claimed_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (subscription_id, day)
);

CREATE FUNCTION detection_check_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a detection pipeline check is kept as Azure returned it: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER detection_check_append_only
    BEFORE UPDATE OR DELETE ON detection_check
    FOR EACH ROW EXECUTE FUNCTION detection_check_refuse_change();
CREATE TRIGGER detection_check_no_truncate
    BEFORE TRUNCATE ON detection_check
    FOR EACH STATEMENT EXECUTE FUNCTION detection_check_refuse_change();

INSERT INTO evidence_type (code, position, title, controls, seed_retention, min_retention_years, retention_years)
VALUES ('DETECTION_PIPELINE', 29, 'Detection pipeline configuration', 'CC7.3',
        'Action groups, Defender workflow automations, Logic Apps and Sentinel automation rules as Azure returned them, checked daily; kept 1 year',
        1, 1);
