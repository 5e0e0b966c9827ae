-- A detection pipeline check (what Azure returned) and an end-to-end proof are evidence kept for their type's
-- retention (at least a year): past it, and free of any hold, the compliance lead disposes of them like any other
-- payload. The database lets such a row go only inside that disposal (evidence_leaf_guard); a check is still never
-- changed, and nothing else deletes either.
DROP TRIGGER detection_check_append_only ON detection_check;
CREATE TRIGGER detection_check_append_only BEFORE UPDATE OR DELETE ON detection_check
    FOR EACH ROW EXECUTE FUNCTION evidence_leaf_guard('id');

DROP TRIGGER detection_proof_no_delete ON detection_proof;
CREATE TRIGGER detection_proof_no_delete BEFORE DELETE ON detection_proof
    FOR EACH ROW EXECUTE FUNCTION evidence_leaf_guard('id');
