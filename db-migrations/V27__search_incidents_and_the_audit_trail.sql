-- Free-text search on the incident list: the reference, the title, an affected resource or an affected user
-- containing the words typed (lower-cased, LIKE '%words%'). Trigram indexes answer such a search without reading
-- every incident. pg_trgm ships with PostgreSQL; on Azure Database for PostgreSQL it must be allowed first
-- (server parameter azure.extensions = PG_TRGM). Where it cannot be created the search still works, unindexed.

DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'pg_trgm is not available (%): incident search works without its indexes', SQLERRM;
END;
$$;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        CREATE INDEX ix_incident_reference_trgm ON incident USING gin (lower(reference) gin_trgm_ops);
        CREATE INDEX ix_incident_title_trgm ON incident USING gin (lower(title) gin_trgm_ops);
        CREATE INDEX ix_incident_resource_trgm ON incident_resource USING gin (lower(resource_id) gin_trgm_ops);
        CREATE INDEX ix_incident_user_trgm ON incident_user USING gin (lower(upn) gin_trgm_ops);
    END IF;
END;
$$;

-- The audit trail narrowed for people (actor, action, record, free text), newest first, a page at a time: each
-- filter answered by an index that also gives the order. Free text in the before and after states is answered by
-- trigram indexes where pg_trgm exists.
CREATE INDEX ix_audit_event_actor ON audit_event (lower(actor), id);
CREATE INDEX ix_audit_event_action ON audit_event (action text_pattern_ops, id);
CREATE INDEX ix_audit_event_record ON audit_event (lower(entity_type), entity_id, id);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        CREATE INDEX ix_audit_event_text_trgm ON audit_event USING gin (
            lower(actor) gin_trgm_ops, lower(action) gin_trgm_ops, lower(entity_id) gin_trgm_ops,
            lower(before_state) gin_trgm_ops, lower(after_state) gin_trgm_ops);
    END IF;
END;
$$;
