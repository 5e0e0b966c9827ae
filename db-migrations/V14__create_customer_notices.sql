-- Customer notifications (CC7.4). When an incident was determined to involve personal data or to affect
-- customers starts the notification clock; the customer contact list with each agreement's notification
-- periods; versioned notice templates; the approvers (Legal, CISO, CEO) and their policy; and the notices, whose
-- decisions and deliveries are evidence: they are never changed or removed, and neither is a template version.
-- Customers and contacts are deactivated, never deleted.

ALTER TABLE incident ADD COLUMN personal_data_since TIMESTAMPTZ;
ALTER TABLE incident ADD COLUMN customers_affected_since TIMESTAMPTZ;
UPDATE incident SET personal_data_since = created_at WHERE personal_data;
UPDATE incident SET customers_affected_since = created_at WHERE customers_affected;

CREATE TABLE customer (
    id                  BIGSERIAL    PRIMARY KEY,
    name                VARCHAR(200) NOT NULL,
    agreement           VARCHAR(200),
    personal_data_hours INTEGER      CHECK (personal_data_hours BETWEEN 1 AND 8760),
    other_days          INTEGER      CHECK (other_days BETWEEN 1 AND 365),
    active              BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at          TIMESTAMPTZ  NOT NULL,
    created_by          VARCHAR(64)  NOT NULL,
    updated_at          TIMESTAMPTZ  NOT NULL,
    updated_by          VARCHAR(64)  NOT NULL,
    version             BIGINT       NOT NULL DEFAULT 0
);

CREATE UNIQUE INDEX ux_customer_name ON customer (lower(name));

CREATE TABLE customer_contact (
    id          BIGSERIAL    PRIMARY KEY,
    customer_id BIGINT       NOT NULL REFERENCES customer (id),
    name        VARCHAR(200) NOT NULL,
    email       VARCHAR(254) NOT NULL,
    phone       VARCHAR(40),
    role        VARCHAR(20)  NOT NULL CHECK (role IN ('SECURITY', 'DPO', 'LEGAL', 'EXECUTIVE', 'TECHNICAL')),
    active      BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ  NOT NULL,
    created_by  VARCHAR(64)  NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL,
    updated_by  VARCHAR(64)  NOT NULL,
    version     BIGINT       NOT NULL DEFAULT 0
);

CREATE UNIQUE INDEX ux_customer_contact_email ON customer_contact (customer_id, lower(email)) WHERE active;

CREATE TABLE notice_template (
    id         BIGSERIAL    PRIMARY KEY,
    name       VARCHAR(100) NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL,
    created_by VARCHAR(64)  NOT NULL
);

CREATE UNIQUE INDEX ux_notice_template_name ON notice_template (lower(name));

CREATE TABLE notice_template_version (
    id          BIGSERIAL    PRIMARY KEY,
    template_id BIGINT       NOT NULL REFERENCES notice_template (id),
    number      INTEGER      NOT NULL,
    subject     VARCHAR(255) NOT NULL,
    body        TEXT         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    created_by  VARCHAR(64)  NOT NULL,
    UNIQUE (template_id, number)
);

-- who approves customer notices: a portal user for each of Legal, CISO and CEO, and whether one or all must
CREATE TABLE notice_approver (
    approver_role VARCHAR(10) PRIMARY KEY CHECK (approver_role IN ('LEGAL', 'CISO', 'CEO')),
    username      VARCHAR(64),
    updated_at    TIMESTAMPTZ NOT NULL,
    updated_by    VARCHAR(64) NOT NULL
);

CREATE TABLE notice_policy (
    id         SMALLINT    PRIMARY KEY CHECK (id = 1),
    approval   VARCHAR(3)  NOT NULL CHECK (approval IN ('ANY', 'ALL')),
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by VARCHAR(64) NOT NULL
);

INSERT INTO notice_policy (id, approval, updated_at, updated_by) VALUES (1, 'ANY', now(), 'system');
INSERT INTO notice_approver (approver_role, username, updated_at, updated_by)
VALUES ('LEGAL', NULL, now(), 'system'), ('CISO', NULL, now(), 'system'), ('CEO', NULL, now(), 'system');

CREATE TABLE customer_notice (
    id                  BIGSERIAL    PRIMARY KEY,
    incident_id         BIGINT       NOT NULL REFERENCES incident (id),
    template_version_id BIGINT       NOT NULL REFERENCES notice_template_version (id),
    subject             VARCHAR(255) NOT NULL,
    text                TEXT         NOT NULL,
    state               VARCHAR(20)  NOT NULL
        CHECK (state IN ('DRAFT', 'AWAITING_APPROVAL', 'APPROVED', 'SENT', 'DELIVERED')),
    round               INTEGER      NOT NULL DEFAULT 1,
    approval            VARCHAR(3)   CHECK (approval IN ('ANY', 'ALL')),
    drafted_by          VARCHAR(64)  NOT NULL,
    drafted_at          TIMESTAMPTZ  NOT NULL,
    edited_by           VARCHAR(64)  NOT NULL,
    edited_at           TIMESTAMPTZ  NOT NULL,
    version             BIGINT       NOT NULL DEFAULT 0
);

CREATE INDEX ix_customer_notice_incident ON customer_notice (incident_id, id);

CREATE TABLE customer_notice_customer (
    notice_id   BIGINT NOT NULL REFERENCES customer_notice (id),
    customer_id BIGINT NOT NULL REFERENCES customer (id),
    PRIMARY KEY (notice_id, customer_id)
);

-- one approver's decision on one approval round, bound to the exact message body it saw
CREATE TABLE notice_decision (
    id            BIGSERIAL     PRIMARY KEY,
    notice_id     BIGINT        NOT NULL REFERENCES customer_notice (id),
    round         INTEGER       NOT NULL,
    approver_role VARCHAR(10)   NOT NULL,
    decided_by    VARCHAR(64)   NOT NULL,
    approved      BOOLEAN       NOT NULL,
    comment       VARCHAR(2000),
    body_sha256   CHAR(64)      NOT NULL,
    decided_at    TIMESTAMPTZ   NOT NULL,
    UNIQUE (notice_id, round, approver_role),
    CHECK (approved OR comment IS NOT NULL)
);

-- how the approved notice reached the customers: through the outbox (Microsoft Graph sendMail; the Graph request
-- id is the notification's external_id) or recorded by hand with a proof file; the final body and its SHA-256
CREATE TABLE notice_delivery (
    id                 BIGSERIAL    PRIMARY KEY,
    notice_id          BIGINT       NOT NULL UNIQUE REFERENCES customer_notice (id),
    method             VARCHAR(20)  NOT NULL CHECK (method IN ('GRAPH_MAIL', 'EMAIL', 'PHONE', 'LETTER', 'PORTAL', 'OTHER')),
    recipients         TEXT         NOT NULL,
    subject            VARCHAR(255) NOT NULL,
    body               TEXT         NOT NULL,
    body_sha256        CHAR(64)     NOT NULL,
    notification_id    BIGINT       REFERENCES notification (id),
    delivered_at       TIMESTAMPTZ,
    note               VARCHAR(2000),
    proof_filename     VARCHAR(255),
    proof_content_type VARCHAR(100),
    proof_size_bytes   INTEGER,
    proof_sha256       CHAR(64),
    proof              BYTEA,
    recorded_at        TIMESTAMPTZ  NOT NULL,
    recorded_by        VARCHAR(64)  NOT NULL,
    CHECK ((method = 'GRAPH_MAIL') = (notification_id IS NOT NULL)),
    CHECK (method = 'GRAPH_MAIL' OR (delivered_at IS NOT NULL AND proof IS NOT NULL AND proof_sha256 IS NOT NULL))
);

CREATE FUNCTION notice_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are evidence of customer notification: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

-- a notice is never removed; once delivered it never changes; an approved text changes only in a new round
CREATE FUNCTION customer_notice_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR OLD.state IN ('SENT', 'DELIVERED') THEN
        RAISE EXCEPTION 'customer_notice % is evidence of customer notification: % refused', OLD.id, TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.state = 'APPROVED' AND NEW.round = OLD.round
       AND (NEW.text IS DISTINCT FROM OLD.text OR NEW.subject IS DISTINCT FROM OLD.subject) THEN
        RAISE EXCEPTION 'customer_notice %: an approved text changes only in a new approval round', OLD.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.incident_id <> OLD.incident_id OR NEW.drafted_by <> OLD.drafted_by OR NEW.drafted_at <> OLD.drafted_at
       OR NEW.template_version_id <> OLD.template_version_id OR NEW.round < OLD.round THEN
        RAISE EXCEPTION 'customer_notice %: its origin cannot change', OLD.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER customer_notice_guard BEFORE UPDATE OR DELETE ON customer_notice
    FOR EACH ROW EXECUTE FUNCTION customer_notice_guard();
CREATE TRIGGER customer_notice_customer_fixed BEFORE UPDATE OR DELETE ON customer_notice_customer
    FOR EACH ROW EXECUTE FUNCTION notice_refuse_change();
CREATE TRIGGER notice_template_version_append_only BEFORE UPDATE OR DELETE ON notice_template_version
    FOR EACH ROW EXECUTE FUNCTION notice_refuse_change();
CREATE TRIGGER notice_decision_append_only BEFORE UPDATE OR DELETE ON notice_decision
    FOR EACH ROW EXECUTE FUNCTION notice_refuse_change();
CREATE TRIGGER notice_delivery_append_only BEFORE UPDATE OR DELETE ON notice_delivery
    FOR EACH ROW EXECUTE FUNCTION notice_refuse_change();
CREATE TRIGGER customer_no_delete BEFORE DELETE ON customer
    FOR EACH ROW EXECUTE FUNCTION notice_refuse_change();
CREATE TRIGGER customer_contact_no_delete BEFORE DELETE ON customer_contact
    FOR EACH ROW EXECUTE FUNCTION notice_refuse_change();
CREATE TRIGGER notice_template_no_delete BEFORE DELETE ON notice_template
    FOR EACH ROW EXECUTE FUNCTION notice_refuse_change();

CREATE TRIGGER customer_notice_no_truncate BEFORE TRUNCATE ON customer_notice
    FOR EACH STATEMENT EXECUTE FUNCTION notice_refuse_change();
CREATE TRIGGER notice_decision_no_truncate BEFORE TRUNCATE ON notice_decision
    FOR EACH STATEMENT EXECUTE FUNCTION notice_refuse_change();
CREATE TRIGGER notice_delivery_no_truncate BEFORE TRUNCATE ON notice_delivery
    FOR EACH STATEMENT EXECUTE FUNCTION notice_refuse_change();
CREATE TRIGGER notice_template_version_no_truncate BEFORE TRUNCATE ON notice_template_version
    FOR EACH STATEMENT EXECUTE FUNCTION notice_refuse_change();
CREATE TRIGGER customer_no_truncate BEFORE TRUNCATE ON customer
    FOR EACH STATEMENT EXECUTE FUNCTION notice_refuse_change();
CREATE TRIGGER customer_contact_no_truncate BEFORE TRUNCATE ON customer_contact
    FOR EACH STATEMENT EXECUTE FUNCTION notice_refuse_change();
