-- Alert intake answers a delivery as soon as its bytes are kept: every authenticated delivery becomes a row here
-- in one short transaction (no incident or audit lock), and is processed behind the answer, in batches, by whichever
-- node claims it (FOR UPDATE SKIP LOCKED). A delivery the portal cannot read is kept too, as undeliverable, with
-- the reason it was refused, so it can be replayed once a rule or reader is fixed. The bytes are evidence: a row's
-- body, hash, source and caller never change, and no row is removed.

CREATE TABLE intake_delivery (
    id                 BIGSERIAL     PRIMARY KEY,
    source             VARCHAR(20)   NOT NULL CHECK (source IN ('DEFENDER', 'SENTINEL', 'AZURE_MONITOR')),
    -- source|alert id: deliveries of one alert are processed in the order they arrived
    alert_key          VARCHAR(560),
    received_at        TIMESTAMPTZ   NOT NULL,
    content_type       VARCHAR(200)  NOT NULL,
    body               BYTEA         NOT NULL,
    sha256             CHAR(64)      NOT NULL,
    size_bytes         INTEGER       NOT NULL,
    caller             VARCHAR(200)  NOT NULL,
    remote_addr        VARCHAR(64),
    state              VARCHAR(14)   NOT NULL
        CHECK (state IN ('PENDING', 'PROCESSED', 'UNDELIVERABLE', 'FAILED')),
    refusal            VARCHAR(2000),
    processed_at       TIMESTAMPTZ,
    alert_id           BIGINT        REFERENCES alert (id),
    incident_reference VARCHAR(40),
    duplicate          BOOLEAN,
    attempts           INTEGER       NOT NULL DEFAULT 0,
    CHECK (state <> 'PENDING' OR alert_key IS NOT NULL),
    CHECK (state NOT IN ('UNDELIVERABLE', 'FAILED') OR refusal IS NOT NULL)
);

CREATE INDEX ix_intake_delivery_pending ON intake_delivery (id) WHERE state = 'PENDING';
CREATE INDEX ix_intake_delivery_pending_alert ON intake_delivery (alert_key, id) WHERE state = 'PENDING';
CREATE INDEX ix_intake_delivery_undeliverable ON intake_delivery (received_at, source)
    WHERE state IN ('UNDELIVERABLE', 'FAILED');

CREATE FUNCTION intake_delivery_keep_bytes() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'intake_delivery rows are evidence of what arrived: DELETE refused'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.body IS DISTINCT FROM OLD.body OR NEW.sha256 IS DISTINCT FROM OLD.sha256
            OR NEW.source IS DISTINCT FROM OLD.source OR NEW.caller IS DISTINCT FROM OLD.caller
            OR NEW.received_at IS DISTINCT FROM OLD.received_at OR NEW.content_type IS DISTINCT FROM OLD.content_type
            OR NEW.remote_addr IS DISTINCT FROM OLD.remote_addr OR NEW.size_bytes IS DISTINCT FROM OLD.size_bytes THEN
        RAISE EXCEPTION 'intake_delivery keeps a delivery verbatim: its bytes, hash, source and caller never change'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER intake_delivery_keep_bytes
    BEFORE UPDATE OR DELETE ON intake_delivery
    FOR EACH ROW EXECUTE FUNCTION intake_delivery_keep_bytes();

CREATE TRIGGER intake_delivery_no_truncate
    BEFORE TRUNCATE ON intake_delivery
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_refuse_delete();
