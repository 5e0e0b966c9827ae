-- The audit trail's free text (actor, action, record id, the before and after states) was indexed by a trigram GIN
-- index on the trail itself (V27): every appended row paid for its trigrams inside the transaction that holds the
-- trail's lock, and an alert storm's processing spent most of its database time there. The words of each row now
-- live in audit_text, filled behind the trail: in the background when intake is quiet (at least once a minute), and by
-- any free-text search before it runs, so a search still finds every row committed before it.
-- The fields are joined by the unit separator (chr 31), which a search never contains (JSON escapes it): a search
-- matches the joined words exactly when it matches one of the fields.
CREATE TABLE audit_text (
    event_id BIGINT PRIMARY KEY,
    words    TEXT   NOT NULL
);

INSERT INTO audit_text (event_id, words)
SELECT id, lower(concat_ws(chr(31), actor, action, entity_id, before_state, after_state)) FROM audit_event;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        CREATE INDEX ix_audit_text_trgm ON audit_text USING gin (words gin_trgm_ops)
            WITH (fastupdate = on, gin_pending_list_limit = 65536);
    END IF;
END;
$$;

DROP INDEX IF EXISTS ix_audit_event_text_trgm;

-- The incident search's trigram indexes (V27) take a storm's new incidents (titles, references, affected resources)
-- into a 64 MB pending list that autovacuum merges, as the trail's did (V36), instead of merging every 4 MB inside the
-- batch that opens them.
DO $$
DECLARE
    name text;
BEGIN
    FOREACH name IN ARRAY ARRAY['ix_incident_reference_trgm', 'ix_incident_title_trgm', 'ix_incident_resource_trgm',
                                'ix_incident_user_trgm'] LOOP
        IF EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = name) THEN
            EXECUTE format('ALTER INDEX %I SET (fastupdate = on, gin_pending_list_limit = 65536)', name);
        END IF;
    END LOOP;
END;
$$;
