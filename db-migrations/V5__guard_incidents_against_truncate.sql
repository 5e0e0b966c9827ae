-- Row triggers do not fire on TRUNCATE: guard the incident register and its timeline as the audit trail is.

CREATE TRIGGER incident_no_truncate
    BEFORE TRUNCATE ON incident
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_refuse_delete();

CREATE TRIGGER timeline_entry_no_truncate
    BEFORE TRUNCATE ON timeline_entry
    FOR EACH STATEMENT EXECUTE FUNCTION timeline_entry_refuse_change();
