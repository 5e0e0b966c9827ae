-- Is the incident population complete? Every Sentinel incident and Defender for Cloud alert Azure returned for an
-- audit period (the collected Azure evidence) is matched to a portal incident, or carries a disposition recorded by
-- a responder or the compliance lead, or is shown as unmatched.
--
-- 1. A disposition says why an Azure item has no portal incident: benign (closed in Sentinel), a duplicate of a
--    portal incident, out of scope, or another reason. One per Azure item, kept unchanged for ever.
-- 2. A reconciliation is one computation for an engagement's period: its counts, its canonical JSON (matches,
--    dispositions, unmatched ids, accuracy differences, the SHA-256 of the Azure pages it was computed from) and that
--    JSON's SHA-256. The same evidence and dispositions give the same JSON, byte for byte. Append-only: evidence.

CREATE TABLE population_disposition (
    id           BIGSERIAL     PRIMARY KEY,
    kind         VARCHAR(20)   NOT NULL CHECK (kind IN ('DEFENDER_ALERTS', 'SENTINEL_INCIDENTS')),
    azure_id     VARCHAR(1000) NOT NULL,
    disposition  VARCHAR(20)   NOT NULL CHECK (disposition IN ('BENIGN', 'DUPLICATE', 'OUT_OF_SCOPE', 'OTHER')),
    reason       VARCHAR(2000) NOT NULL CHECK (length(trim(reason)) > 0),
    duplicate_of VARCHAR(40),
    recorded_by  VARCHAR(64)   NOT NULL,
    recorded_at  TIMESTAMPTZ   NOT NULL,
    CHECK (disposition <> 'DUPLICATE' OR duplicate_of IS NOT NULL),
    UNIQUE (kind, azure_id)
);

CREATE TABLE population_reconciliation (
    id              BIGSERIAL    PRIMARY KEY,
    engagement_id   BIGINT       NOT NULL REFERENCES engagement (id),
    period_from     DATE         NOT NULL,
    period_to       DATE         NOT NULL,
    computed_by     VARCHAR(64)  NOT NULL,
    computed_at     TIMESTAMPTZ  NOT NULL,
    azure_items     INTEGER      NOT NULL,
    matched         INTEGER      NOT NULL,
    dispositioned   INTEGER      NOT NULL,
    unmatched       INTEGER      NOT NULL,
    differences     INTEGER      NOT NULL,
    evidence_sha256 CHAR(64)     NOT NULL,
    body            BYTEA        NOT NULL,
    sha256          CHAR(64)     NOT NULL,
    size_bytes      INTEGER      NOT NULL
);

CREATE INDEX ix_population_reconciliation ON population_reconciliation (engagement_id, id);

CREATE TRIGGER population_disposition_append_only BEFORE UPDATE OR DELETE ON population_disposition
    FOR EACH ROW EXECUTE FUNCTION walkthrough_refuse_change();
CREATE TRIGGER population_disposition_no_truncate BEFORE TRUNCATE ON population_disposition
    FOR EACH STATEMENT EXECUTE FUNCTION walkthrough_refuse_change();
CREATE TRIGGER population_reconciliation_append_only BEFORE UPDATE OR DELETE ON population_reconciliation
    FOR EACH ROW EXECUTE FUNCTION walkthrough_refuse_change();
CREATE TRIGGER population_reconciliation_no_truncate BEFORE TRUNCATE ON population_reconciliation
    FOR EACH STATEMENT EXECUTE FUNCTION walkthrough_refuse_change();

INSERT INTO evidence_type (code, position, title, controls, seed_retention, min_retention_years, retention_years) VALUES
 ('RECONCILIATION', 13, 'Incident population reconciled with Sentinel and Defender for Cloud', 'CC7.3',
  'Kept with the audit: 3 years', 3, 3);
