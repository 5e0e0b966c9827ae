-- ix_audit_event_entity (V1) indexed the trail by (entity_type, entity_id) as written. Nothing reads it: a record's
-- history is asked for by lower(entity_type) and entity_id, which ix_audit_event_record (V27) answers, newest first.
-- Every audit row still paid for it — the trail is the most written table in an alert storm (two rows per alert,
-- each maintaining every index of the table inside the batch that holds the trail's lock).
DROP INDEX IF EXISTS ix_audit_event_entity;
