-- One shape for every four-eyes decision in the portal (post-incident reviews, action runs, exercise sign-offs,
-- customer notices): who asked and when, who decided, how and when, the comment, the round. The columns a table
-- lacked are added and filled from what the table and the audit trail already say. The guards that keep decided
-- records fixed are lifted only while their new columns are filled: no existing value changes.

-- post-incident reviews: asked for = submitted; the round is how often it was submitted
ALTER TABLE pir
    ADD COLUMN approval_decision VARCHAR(8) CHECK (approval_decision IN ('APPROVED', 'RETURNED')),
    ADD COLUMN approval_round    INTEGER    NOT NULL DEFAULT 0;
ALTER TABLE pir DISABLE TRIGGER pir_guarded;
UPDATE pir p SET
    approval_decision = CASE p.state WHEN 'APPROVED' THEN 'APPROVED' WHEN 'RETURNED' THEN 'RETURNED' END,
    approval_round = GREATEST(CASE WHEN p.submitted_at IS NULL THEN 0 ELSE 1 END,
        (SELECT count(*) FROM audit_event e WHERE e.entity_type = 'Pir' AND e.entity_id = p.id::text
                                             AND e.action = 'pir.submitted'));
ALTER TABLE pir ENABLE TRIGGER pir_guarded;

-- action runs: asked for when requested; decided by the second person (a break-glass run is never decided)
ALTER TABLE action_run
    ADD COLUMN approval_decision VARCHAR(8) CHECK (approval_decision IN ('APPROVED', 'RETURNED')),
    ADD COLUMN approval_round    INTEGER    NOT NULL DEFAULT 1;
ALTER TABLE action_run DISABLE TRIGGER action_run_guarded;
UPDATE action_run SET approval_decision = CASE WHEN decided_by IS NULL THEN NULL
                                               WHEN state = 'REJECTED' THEN 'RETURNED' ELSE 'APPROVED' END;
ALTER TABLE action_run ENABLE TRIGGER action_run_guarded;
CREATE OR REPLACE FUNCTION action_run_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'action runs are evidence of the response: DELETE refused' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.incident_id IS DISTINCT FROM OLD.incident_id OR NEW.item_key IS DISTINCT FROM OLD.item_key
       OR NEW.runbook_version_id IS DISTINCT FROM OLD.runbook_version_id OR NEW.action_type IS DISTINCT FROM OLD.action_type
       OR NEW.parameters IS DISTINCT FROM OLD.parameters OR NEW.destructive IS DISTINCT FROM OLD.destructive
       OR NEW.rerun_of IS DISTINCT FROM OLD.rerun_of OR NEW.requested_by IS DISTINCT FROM OLD.requested_by
       OR NEW.requested_at IS DISTINCT FROM OLD.requested_at OR NEW.reason IS DISTINCT FROM OLD.reason
       OR NEW.break_glass IS DISTINCT FROM OLD.break_glass
       OR NEW.break_glass_reason IS DISTINCT FROM OLD.break_glass_reason THEN
        RAISE EXCEPTION 'an action request is fixed once made: UPDATE of its request refused'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.state IN ('REJECTED', 'CANCELLED', 'SUCCEEDED', 'ALREADY_IN_EFFECT', 'FAILED', 'RECORDED')
       AND (NEW.state IS DISTINCT FROM OLD.state OR NEW.summary IS DISTINCT FROM OLD.summary
            OR NEW.error_text IS DISTINCT FROM OLD.error_text OR NEW.before_state IS DISTINCT FROM OLD.before_state
            OR NEW.after_state IS DISTINCT FROM OLD.after_state OR NEW.finished_at IS DISTINCT FROM OLD.finished_at
            OR NEW.decided_by IS DISTINCT FROM OLD.decided_by OR NEW.azure_reference IS DISTINCT FROM OLD.azure_reference
            OR NEW.approval_decision IS DISTINCT FROM OLD.approval_decision
            OR (OLD.reviewed_by IS NOT NULL AND NEW.reviewed_by IS DISTINCT FROM OLD.reviewed_by)) THEN
        RAISE EXCEPTION 'a finished action run is evidence: only its break-glass review may be added'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

-- exercises: waiting for sign-off from when they are recorded; signed off = approved
ALTER TABLE exercise
    ADD COLUMN approval_requested_by VARCHAR(64),
    ADD COLUMN approval_requested_at TIMESTAMPTZ,
    ADD COLUMN approval_decision     VARCHAR(8) CHECK (approval_decision IN ('APPROVED', 'RETURNED')),
    ADD COLUMN approval_comment      VARCHAR(2000),
    ADD COLUMN approval_round        INTEGER    NOT NULL DEFAULT 1;
ALTER TABLE exercise DISABLE TRIGGER exercise_guarded;
UPDATE exercise SET approval_requested_by = created_by, approval_requested_at = created_at,
                    approval_decision = CASE WHEN state = 'SIGNED_OFF' THEN 'APPROVED' END;
ALTER TABLE exercise ENABLE TRIGGER exercise_guarded;

-- customer notices: asked for when sent for approval (who did it, from the trail); decided once the approvers'
-- policy is met (the last approval of the round)
ALTER TABLE customer_notice
    ADD COLUMN approval_requested_by VARCHAR(64),
    ADD COLUMN approval_requested_at TIMESTAMPTZ,
    ADD COLUMN approval_decided_by   VARCHAR(64),
    ADD COLUMN approval_decided_at   TIMESTAMPTZ,
    ADD COLUMN approval_decision     VARCHAR(8) CHECK (approval_decision IN ('APPROVED', 'RETURNED')),
    ADD COLUMN approval_comment      VARCHAR(2000);
ALTER TABLE customer_notice DISABLE TRIGGER customer_notice_guard;
UPDATE customer_notice n SET
    approval_requested_by = s.actor, approval_requested_at = s.occurred_at
FROM (SELECT DISTINCT ON (entity_id) entity_id, actor, occurred_at FROM audit_event
      WHERE entity_type = 'CustomerNotice' AND action = 'notice.submitted' ORDER BY entity_id, id DESC) s
WHERE s.entity_id = n.id::text AND n.state <> 'DRAFT';
UPDATE customer_notice n SET
    approval_decision = 'APPROVED', approval_decided_by = d.decided_by, approval_decided_at = d.decided_at,
    approval_comment = d.comment
FROM (SELECT DISTINCT ON (notice_id, round) notice_id, round, decided_by, decided_at, comment FROM notice_decision
      WHERE approved ORDER BY notice_id, round, decided_at DESC, id DESC) d
WHERE d.notice_id = n.id AND d.round = n.round AND n.state IN ('APPROVED', 'SENT', 'DELIVERED');
ALTER TABLE customer_notice ENABLE TRIGGER customer_notice_guard;
