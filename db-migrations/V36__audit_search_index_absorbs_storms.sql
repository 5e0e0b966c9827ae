-- The audit trail's free-text index (V27) is a GIN index over each row's states: an alert storm appends two rows
-- per alert, and with the default 4 MB pending list the insert that fills it merges the list into the index while
-- its batch holds the trail's lock. A 64 MB pending list takes a storm's rows as appends and leaves the merge to
-- autovacuum; a search reads the pending list beside the index until then.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'ix_audit_event_text_trgm') THEN
        ALTER INDEX ix_audit_event_text_trgm SET (fastupdate = on, gin_pending_list_limit = 65536);
    END IF;
END;
$$;
