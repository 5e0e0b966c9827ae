-- One append-only audit trail for the whole portal. Each row carries the SHA-256 of
-- (previous row's hash || canonical content), so altering or removing a row breaks the chain
-- from that row on; the verification recomputes the chain and names the first broken row.

CREATE TABLE audit_event (
    id             BIGINT       PRIMARY KEY,
    occurred_at    TIMESTAMPTZ  NOT NULL,
    actor          VARCHAR(64)  NOT NULL,
    action         VARCHAR(64)  NOT NULL,
    entity_type    VARCHAR(64)  NOT NULL,
    entity_id      VARCHAR(128),
    before_state   TEXT,
    after_state    TEXT,
    client_address VARCHAR(64),
    prev_hash      CHAR(64)     NOT NULL,
    hash           CHAR(64)     NOT NULL UNIQUE
);

CREATE SEQUENCE audit_event_seq START WITH 1 INCREMENT BY 1 NO CYCLE;

CREATE INDEX ix_audit_event_entity ON audit_event (entity_type, entity_id);
CREATE INDEX ix_audit_event_occurred ON audit_event (occurred_at);

CREATE FUNCTION audit_event_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_event_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();

CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change();
