-- An action run may belong to the detection pipeline instead of an incident: the repairs of the policy's action
-- group and Defender workflow automation go through the same request, four eyes and evidence as the runbook's
-- actions. Such a run names its subject instead of an incident, and keeps the exact requests its dry run showed
-- when it was asked for (the plan, intake keys masked): the second person approves those, and the run refuses to
-- send anything else.
ALTER TABLE action_run ALTER COLUMN incident_id DROP NOT NULL;
ALTER TABLE action_run
    ADD COLUMN subject VARCHAR(40) CHECK (subject IN ('DETECTION_PIPELINE')),
    ADD COLUMN plan    TEXT,
    ADD CONSTRAINT action_run_has_one_subject CHECK ((incident_id IS NULL) = (subject IS NOT NULL));

CREATE INDEX ix_action_run_subject ON action_run (subject, id) WHERE subject IS NOT NULL;

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
       OR NEW.break_glass_reason IS DISTINCT FROM OLD.break_glass_reason
       OR NEW.subject IS DISTINCT FROM OLD.subject OR NEW.plan IS DISTINCT FROM OLD.plan THEN
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
