-- Evidence packs: a signed PDF and a ZIP beside it (the PDF, raw artefacts, manifest.json, SHA256SUMS) for an audit
-- period or one incident, generated in the background for the compliance lead. A pack is queued, runs, and ends
-- finished, cancelled or failed; a finished pack's files and hashes never change, and no pack is deleted. The
-- control-health gaps are taken when the pack is asked for and kept with it. The organisation's signing key,
-- when no keystore is configured, is a self-signed certificate the portal makes once and keeps here.

CREATE TABLE evidence_pack (
    id                 BIGSERIAL     PRIMARY KEY,
    kind               VARCHAR(60)   NOT NULL,
    title              VARCHAR(200)  NOT NULL,
    period_from        DATE          NOT NULL,
    period_to          DATE          NOT NULL,
    incident_reference VARCHAR(16),
    state              VARCHAR(10)   NOT NULL CHECK (state IN ('QUEUED', 'RUNNING', 'FINISHED', 'CANCELLED', 'FAILED')),
    progress           INTEGER       NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    stage              VARCHAR(200),
    gaps               TEXT          NOT NULL,
    requested_by       VARCHAR(64)   NOT NULL,
    requested_at       TIMESTAMPTZ   NOT NULL,
    started_at         TIMESTAMPTZ,
    finished_at        TIMESTAMPTZ,
    cancelled_by       VARCHAR(64),
    error              VARCHAR(2000),
    incidents          INTEGER,
    pages              INTEGER,
    artefacts          INTEGER,
    evidence_items     INTEGER,
    pdf_sha256         CHAR(64),
    zip_sha256         CHAR(64),
    content_sha256     CHAR(64),
    pdf_size           BIGINT,
    zip_size           BIGINT,
    signer             VARCHAR(500),
    pdf                BYTEA,
    zip                BYTEA,
    version            BIGINT        NOT NULL DEFAULT 0,
    CHECK (period_from <= period_to),
    CHECK (state <> 'FINISHED' OR (pdf IS NOT NULL AND zip IS NOT NULL AND pdf_sha256 IS NOT NULL
                                   AND zip_sha256 IS NOT NULL AND content_sha256 IS NOT NULL))
);

CREATE INDEX ix_evidence_pack_requested ON evidence_pack (requested_at DESC);
CREATE INDEX ix_evidence_pack_running ON evidence_pack (state) WHERE state IN ('QUEUED', 'RUNNING');

CREATE FUNCTION evidence_pack_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'evidence packs are evidence: DELETE refused' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.state IN ('FINISHED', 'CANCELLED', 'FAILED') THEN
        RAISE EXCEPTION 'a % evidence pack is final: UPDATE refused', lower(OLD.state)
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.kind IS DISTINCT FROM OLD.kind OR NEW.period_from IS DISTINCT FROM OLD.period_from
       OR NEW.period_to IS DISTINCT FROM OLD.period_to OR NEW.incident_reference IS DISTINCT FROM OLD.incident_reference
       OR NEW.requested_by IS DISTINCT FROM OLD.requested_by OR NEW.requested_at IS DISTINCT FROM OLD.requested_at
       OR NEW.gaps IS DISTINCT FROM OLD.gaps THEN
        RAISE EXCEPTION 'what a pack was asked for is fixed' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER evidence_pack_guarded BEFORE UPDATE OR DELETE ON evidence_pack
    FOR EACH ROW EXECUTE FUNCTION evidence_pack_guard();
CREATE TRIGGER evidence_pack_no_truncate BEFORE TRUNCATE ON evidence_pack
    FOR EACH STATEMENT EXECUTE FUNCTION walkthrough_refuse_change();

CREATE TABLE pack_signing_key (
    id          SMALLINT      PRIMARY KEY CHECK (id = 1),
    pkcs12      BYTEA         NOT NULL,
    password    VARCHAR(200)  NOT NULL,
    subject     VARCHAR(500)  NOT NULL,
    created_at  TIMESTAMPTZ   NOT NULL
);

CREATE TRIGGER pack_signing_key_kept BEFORE UPDATE OR DELETE ON pack_signing_key
    FOR EACH ROW EXECUTE FUNCTION walkthrough_refuse_change();

INSERT INTO evidence_type (code, position, title, controls, seed_retention, min_retention_years, retention_years)
VALUES ('EVIDENCE_PACK', 21, 'Signed evidence packs', 'CC7.3,CC7.4,CC7.5',
        'What was handed to the auditor: kept 3 years', 3, 3);
