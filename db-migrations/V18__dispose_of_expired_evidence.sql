-- Disposal: an evidence item past its retention, not on legal hold, queued, and disposed of by the compliance lead.
-- Its file or payload is removed; the item stays as the record of what was kept, and a disposal certificate (what,
-- when, who, the hash) is kept permanently. The database itself lets a payload or file row go only inside such a
-- disposal: the transaction names the row (attest.disposing) and its evidence item must be queued, expired and free
-- of any hold. Everything else stays refused.

ALTER TABLE evidence_item DROP CONSTRAINT evidence_item_disposal_state_check;
ALTER TABLE evidence_item ADD CONSTRAINT evidence_item_disposal_state_check
    CHECK (disposal_state IN ('KEPT', 'QUEUED', 'DISPOSED'));
ALTER TABLE evidence_item ADD COLUMN disposed_at TIMESTAMPTZ;
ALTER TABLE evidence_item ADD COLUMN disposed_by VARCHAR(64);
ALTER TABLE evidence_item ADD CONSTRAINT evidence_item_disposed_complete
    CHECK (disposal_state <> 'DISPOSED' OR (disposed_at IS NOT NULL AND disposed_by IS NOT NULL));

CREATE OR REPLACE FUNCTION evidence_item_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'evidence items are never deleted; an expired one is disposed of through the disposal queue'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.disposal_state = 'DISPOSED' THEN
        RAISE EXCEPTION 'a disposed evidence item is final' USING ERRCODE = 'insufficient_privilege';
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
    IF NEW.disposal_state = 'DISPOSED' AND (OLD.disposal_state <> 'QUEUED' OR OLD.legal_hold
                                            OR OLD.retention_until >= current_date) THEN
        RAISE EXCEPTION 'only a queued item past its retention and free of any hold is disposed of'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

-- A payload or file row goes only inside its own disposal (TG_ARGV[0]: the row's key column).
CREATE FUNCTION evidence_leaf_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    key TEXT;
BEGIN
    IF TG_OP = 'DELETE' THEN
        key := to_jsonb(OLD) ->> TG_ARGV[0];
        IF current_setting('attest.disposing', true) = TG_TABLE_NAME || ':' || key
           AND EXISTS (SELECT 1 FROM evidence_item e WHERE e.source = TG_TABLE_NAME AND e.source_id = key::BIGINT
                       AND e.disposal_state = 'QUEUED' AND e.retention_until < current_date AND NOT e.legal_hold)
           AND NOT EXISTS (SELECT 1 FROM evidence_item e WHERE e.source = TG_TABLE_NAME
                           AND e.source_id = key::BIGINT AND (e.legal_hold OR e.disposal_state = 'KEPT')) THEN
            RETURN OLD;
        END IF;
    END IF;
    RAISE EXCEPTION '% rows are evidence: % refused (only the disposal of an item past its retention removes one)',
        TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

DROP TRIGGER alert_payload_append_only ON alert_payload;
CREATE TRIGGER alert_payload_append_only BEFORE UPDATE OR DELETE ON alert_payload
    FOR EACH ROW EXECUTE FUNCTION evidence_leaf_guard('id');
DROP TRIGGER incident_attachment_append_only ON incident_attachment;
CREATE TRIGGER incident_attachment_append_only BEFORE UPDATE OR DELETE ON incident_attachment
    FOR EACH ROW EXECUTE FUNCTION evidence_leaf_guard('id');
DROP TRIGGER action_result_append_only ON action_result;
CREATE TRIGGER action_result_append_only BEFORE UPDATE OR DELETE ON action_result
    FOR EACH ROW EXECUTE FUNCTION evidence_leaf_guard('run_id');
DROP TRIGGER exercise_attachment_append_only ON exercise_attachment;
CREATE TRIGGER exercise_attachment_append_only BEFORE UPDATE OR DELETE ON exercise_attachment
    FOR EACH ROW EXECUTE FUNCTION evidence_leaf_guard('id');

CREATE TABLE disposal_certificate (
    id                 BIGSERIAL     PRIMARY KEY,
    item_id            BIGINT        NOT NULL UNIQUE REFERENCES evidence_item (id),
    type_code          VARCHAR(40)   NOT NULL,
    source             VARCHAR(40)   NOT NULL,
    source_id          BIGINT        NOT NULL,
    title              VARCHAR(300)  NOT NULL,
    period_date        DATE          NOT NULL,
    sha256             CHAR(64)      NOT NULL,
    retention_until    DATE          NOT NULL,
    removed            VARCHAR(500)  NOT NULL,
    reason             VARCHAR(1000) NOT NULL,
    disposed_at        TIMESTAMPTZ   NOT NULL,
    disposed_by        VARCHAR(64)   NOT NULL,
    certificate_sha256 CHAR(64)      NOT NULL
);

CREATE TRIGGER disposal_certificate_append_only BEFORE UPDATE OR DELETE ON disposal_certificate
    FOR EACH ROW EXECUTE FUNCTION walkthrough_refuse_change();
CREATE TRIGGER disposal_certificate_no_truncate BEFORE TRUNCATE ON disposal_certificate
    FOR EACH STATEMENT EXECUTE FUNCTION walkthrough_refuse_change();

INSERT INTO evidence_type (code, position, title, controls, seed_retention, min_retention_years, retention_years)
VALUES ('DISPOSAL_CERTIFICATE', 20, 'Disposal certificates', 'CC7.3,CC7.4,CC7.5',
        'Kept permanently: the record of what was disposed of, when, by whom', NULL, NULL);
