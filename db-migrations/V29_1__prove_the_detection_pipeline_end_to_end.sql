-- The detection pipeline proven end to end: Azure is asked to send a test notification through the action group to
-- this portal's intake, and the portal watches its own intake for it. Each proof is kept with the request made (its
-- intake key left out), Azure's answer, and the outcome: verified at T in X seconds, or no delivery in time.
CREATE TABLE detection_proof (
    id                 BIGSERIAL     PRIMARY KEY,
    subscription_id    VARCHAR(36)   NOT NULL,
    subscription_label VARCHAR(200)  NOT NULL,
    action_group_id    VARCHAR(600)  NOT NULL,
    trigger            VARCHAR(10)   NOT NULL CHECK (trigger IN ('WEEKLY', 'ON_DEMAND')),
    requested_by       VARCHAR(64)   NOT NULL,
    requested_at       TIMESTAMPTZ   NOT NULL,
    deadline           TIMESTAMPTZ   NOT NULL,
    state              VARCHAR(12)   NOT NULL CHECK (state IN ('WAITING', 'VERIFIED', 'NO_DELIVERY', 'REFUSED')),
    azure_request      TEXT          NOT NULL,
    azure_answer       TEXT          NOT NULL,
    delivery_id        BIGINT        REFERENCES intake_delivery (id),
    delivered_at       TIMESTAMPTZ,
    millis             BIGINT,
    outcome            VARCHAR(2000),
    finished_at        TIMESTAMPTZ,
    sha256             CHAR(64),
    size_bytes         INTEGER,
    version            BIGINT        NOT NULL DEFAULT 0,
    CHECK (state = 'WAITING' OR (finished_at IS NOT NULL AND sha256 IS NOT NULL AND outcome IS NOT NULL)),
    CHECK (state <> 'VERIFIED' OR delivery_id IS NOT NULL)
);

CREATE INDEX ix_detection_proof_waiting ON detection_proof (state, deadline) WHERE state = 'WAITING';
CREATE INDEX ix_detection_proof_latest ON detection_proof (subscription_id, requested_at DESC);

-- the weekly proof of a subscription is claimed once per week (by its Monday), so two nodes never both send it
CREATE TABLE detection_weekly_claim (
    subscription_id VARCHAR(36)  NOT NULL,
    week            DATE         NOT NULL,
    claimed_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (subscription_id, week)
);

CREATE TRIGGER detection_proof_no_delete
    BEFORE DELETE ON detection_proof
    FOR EACH ROW EXECUTE FUNCTION detection_check_refuse_change();
CREATE TRIGGER detection_proof_no_truncate
    BEFORE TRUNCATE ON detection_proof
    FOR EACH STATEMENT EXECUTE FUNCTION detection_check_refuse_change();
