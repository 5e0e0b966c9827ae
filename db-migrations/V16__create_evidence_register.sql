-- The evidence register: the seed's "SOC 2 Evidence for Incident Response" table as a catalogue of evidence types,
-- each mapped to CC7.3 / CC7.4 / CC7.5 with its retention (the seed's minimum, which the compliance lead may
-- lengthen and never shorten), and every record of the portal registered as an evidence item: its type, the
-- SHA-256 of a canonical snapshot, its period date, retention-until and legal hold. Items are never deleted;
-- an item whose retention has passed waits in the disposal queue for the compliance lead. A record that changes
-- after it was registered (a closed incident gains a timeline entry) is registered again as a new item beside the
-- first: the register appends, it never overwrites.

CREATE TABLE evidence_type (
    code                VARCHAR(40)   PRIMARY KEY,
    position            INTEGER       NOT NULL,
    title               VARCHAR(200)  NOT NULL,
    controls            VARCHAR(40)   NOT NULL,
    seed_retention      VARCHAR(200)  NOT NULL,
    min_retention_years INTEGER,
    retention_years     INTEGER,
    CHECK ((min_retention_years IS NULL) = (retention_years IS NULL)),
    CHECK (retention_years IS NULL OR (min_retention_years >= 1 AND retention_years >= min_retention_years
                                        AND retention_years <= 100))
);

INSERT INTO evidence_type (code, position, title, controls, seed_retention, min_retention_years, retention_years) VALUES
 ('POLICY', 1, 'Documented incident response policy', 'CC7.3,CC7.4,CC7.5', 'Permanent', NULL, NULL),
 ('RUNBOOK', 2, 'Incident response runbook (version-controlled in Git)', 'CC7.4,CC7.5', 'Permanent', NULL, NULL),
 ('INCIDENT', 3, 'Incident list and timelines', 'CC7.3,CC7.4', 'Available via Sentinel or Log Analytics; kept 3 years here', 3, 3),
 ('ALERT', 4, 'Defender for Cloud, Sentinel and Azure Monitor alert history', 'CC7.3', 'az security alert list; kept 1 year here', 1, 1),
 ('ACTION_RUN', 5, 'Response actions and playbook run history', 'CC7.4,CC7.5', 'Logic App run history; kept 1 year here', 1, 1),
 ('QUERY_RESULT', 6, 'Investigation query results', 'CC7.4', 'Log Analytics workspace (retain 1+ year)', 1, 1),
 ('ATTACHMENT', 7, 'Incident evidence files', 'CC7.4', 'Kept with the incident: 3 years', 3, 3),
 ('PIR', 8, 'Post-incident review reports', 'CC7.4,CC7.5', '3 years minimum', 3, 3),
 ('EXERCISE', 9, 'Tabletop or live IR exercise records', 'CC7.4,CC7.5', 'Annual, retained 3 years', 3, 3),
 ('ENTRA_AUDIT_LOG', 10, 'Entra ID audit log for incident period', 'CC7.3,CC7.4', 'Log Analytics workspace (retain 1+ year)', 1, 1),
 ('CUSTOMER_NOTIFICATION', 11, 'Customer notification records', 'CC7.4', '3 years minimum', 3, 3);

CREATE FUNCTION evidence_type_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'evidence types are the seed''s catalogue: DELETE refused' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.code IS DISTINCT FROM OLD.code OR NEW.min_retention_years IS DISTINCT FROM OLD.min_retention_years
       OR NEW.controls IS DISTINCT FROM OLD.controls OR NEW.seed_retention IS DISTINCT FROM OLD.seed_retention
       OR (OLD.retention_years IS NULL AND NEW.retention_years IS NOT NULL)
       OR NEW.retention_years < OLD.retention_years THEN
        RAISE EXCEPTION 'a retention period may be lengthened, never shortened or made finite'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER evidence_type_guarded BEFORE UPDATE OR DELETE ON evidence_type
    FOR EACH ROW EXECUTE FUNCTION evidence_type_guard();

CREATE TABLE evidence_item (
    id              BIGSERIAL     PRIMARY KEY,
    type_code       VARCHAR(40)   NOT NULL REFERENCES evidence_type (code),
    source          VARCHAR(40)   NOT NULL,
    source_id       BIGINT        NOT NULL,
    title           VARCHAR(300)  NOT NULL,
    period_date     DATE          NOT NULL,
    sha256          CHAR(64)      NOT NULL,
    snapshot        TEXT,
    registered_at   TIMESTAMPTZ   NOT NULL,
    retention_until DATE,
    legal_hold      BOOLEAN       NOT NULL DEFAULT FALSE,
    hold_reason     VARCHAR(1000),
    hold_by         VARCHAR(64),
    hold_at         TIMESTAMPTZ,
    disposal_state  VARCHAR(10)   NOT NULL DEFAULT 'KEPT' CHECK (disposal_state IN ('KEPT', 'QUEUED')),
    queued_at       TIMESTAMPTZ,
    version         BIGINT        NOT NULL DEFAULT 0,
    UNIQUE (source, source_id, sha256),
    CHECK (NOT legal_hold OR hold_reason IS NOT NULL),
    CHECK (disposal_state = 'KEPT' OR (retention_until IS NOT NULL AND NOT legal_hold))
);

CREATE INDEX ix_evidence_item_period ON evidence_item (period_date, type_code);
CREATE INDEX ix_evidence_item_due ON evidence_item (retention_until) WHERE disposal_state = 'KEPT' AND NOT legal_hold;

-- What an item is (its source, hash, snapshot, period) never changes; retention only grows; nothing is deleted.
CREATE FUNCTION evidence_item_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'evidence items are never deleted; an expired one is disposed of through the disposal queue'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.type_code IS DISTINCT FROM OLD.type_code OR NEW.source IS DISTINCT FROM OLD.source
       OR NEW.source_id IS DISTINCT FROM OLD.source_id OR NEW.sha256 IS DISTINCT FROM OLD.sha256
       OR NEW.snapshot IS DISTINCT FROM OLD.snapshot OR NEW.period_date IS DISTINCT FROM OLD.period_date
       OR NEW.registered_at IS DISTINCT FROM OLD.registered_at THEN
        RAISE EXCEPTION 'an evidence item''s content and hash are fixed' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF (OLD.retention_until IS NULL AND NEW.retention_until IS NOT NULL)
       OR NEW.retention_until < OLD.retention_until THEN
        RAISE EXCEPTION 'retention may be lengthened, never shortened' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER evidence_item_guarded BEFORE UPDATE OR DELETE ON evidence_item
    FOR EACH ROW EXECUTE FUNCTION evidence_item_guard();
CREATE TRIGGER evidence_item_no_truncate BEFORE TRUNCATE ON evidence_item
    FOR EACH STATEMENT EXECUTE FUNCTION walkthrough_refuse_change();
CREATE TRIGGER evidence_type_no_truncate BEFORE TRUNCATE ON evidence_type
    FOR EACH STATEMENT EXECUTE FUNCTION walkthrough_refuse_change();
