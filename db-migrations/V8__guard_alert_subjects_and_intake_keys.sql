-- What an alert names is part of its evidence (it decided the incident it joined): never changed or removed.
-- Intake keys, the record of who could send what, are guarded against TRUNCATE as against DELETE.

CREATE FUNCTION alert_subject_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'alert_subject rows are evidence of how an alert was correlated: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER alert_subject_append_only
    BEFORE UPDATE OR DELETE ON alert_subject
    FOR EACH ROW EXECUTE FUNCTION alert_subject_refuse_change();

CREATE TRIGGER alert_subject_no_truncate
    BEFORE TRUNCATE ON alert_subject
    FOR EACH STATEMENT EXECUTE FUNCTION alert_subject_refuse_change();

CREATE TRIGGER intake_key_no_truncate
    BEFORE TRUNCATE ON intake_key
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_refuse_delete();
