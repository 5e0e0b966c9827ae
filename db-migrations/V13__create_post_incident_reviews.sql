-- Post-incident reviews: one per resolved incident, due five business days after resolution, on the seed's
-- template. A draft changes as its owner writes it (every save is in the audit trail); once approved, the review
-- is fixed, with the SHA-256 of its canonical snapshot. Action items keep their owner, due date and status;
-- after approval only their status moves. Reminders sent are kept, one per review, kind, day and recipient.

CREATE TABLE pir (
    id                     BIGSERIAL     PRIMARY KEY,
    incident_id            BIGINT        NOT NULL UNIQUE REFERENCES incident (id),
    owner                  VARCHAR(64)   NOT NULL,
    state                  VARCHAR(12)   NOT NULL CHECK (state IN ('DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED')),
    resolved_at            TIMESTAMPTZ   NOT NULL,
    due_at                 TIMESTAMPTZ   NOT NULL,
    timeline               TEXT          NOT NULL DEFAULT '',
    root_cause             TEXT          NOT NULL DEFAULT '',
    systems_affected       TEXT          NOT NULL DEFAULT '',
    data_involved          TEXT          NOT NULL DEFAULT '',
    customers_notified     BOOLEAN       NOT NULL DEFAULT FALSE,
    containment_actions    TEXT          NOT NULL DEFAULT '',
    eradication_actions    TEXT          NOT NULL DEFAULT '',
    recovery_actions       TEXT          NOT NULL DEFAULT '',
    notification_required  BOOLEAN       NOT NULL DEFAULT FALSE,
    notification_date      DATE,
    notification_method    VARCHAR(200),
    created_at             TIMESTAMPTZ   NOT NULL,
    updated_at             TIMESTAMPTZ   NOT NULL,
    updated_by             VARCHAR(64)   NOT NULL,
    submitted_at           TIMESTAMPTZ,
    submitted_by           VARCHAR(64),
    decided_at             TIMESTAMPTZ,
    decided_by             VARCHAR(64),
    decision_comment       VARCHAR(2000),
    approved_sha256        CHAR(64),
    version                BIGINT        NOT NULL DEFAULT 0,
    CHECK (state <> 'APPROVED' OR (approved_sha256 IS NOT NULL AND decided_by IS NOT NULL))
);

CREATE INDEX ix_pir_open ON pir (due_at) WHERE state <> 'APPROVED';

CREATE TABLE pir_action_item (
    id            BIGSERIAL     PRIMARY KEY,
    pir_id        BIGINT        NOT NULL REFERENCES pir (id),
    position      INTEGER       NOT NULL,
    description   VARCHAR(1000) NOT NULL,
    owner         VARCHAR(64),
    due_on        DATE,
    status        VARCHAR(12)   NOT NULL CHECK (status IN ('OPEN', 'IN_PROGRESS', 'DONE')),
    updated_at    TIMESTAMPTZ   NOT NULL,
    updated_by    VARCHAR(64)   NOT NULL
);

CREATE INDEX ix_pir_action_item ON pir_action_item (pir_id, position);

CREATE TABLE pir_reminder (
    id              BIGSERIAL    PRIMARY KEY,
    pir_id          BIGINT       NOT NULL REFERENCES pir (id),
    kind            VARCHAR(14)  NOT NULL CHECK (kind IN ('BEFORE_DUE', 'DUE', 'OVERDUE', 'OVERDUE_LEAD')),
    for_day         DATE         NOT NULL,
    recipient       VARCHAR(64)  NOT NULL,
    text            VARCHAR(500) NOT NULL,
    notification_id BIGINT       REFERENCES notification (id),
    created_at      TIMESTAMPTZ  NOT NULL,
    UNIQUE (pir_id, kind, for_day, recipient)
);

CREATE INDEX ix_pir_reminder_recipient ON pir_reminder (recipient, created_at DESC);

CREATE FUNCTION pir_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'post-incident reviews are evidence: DELETE refused' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.state = 'APPROVED' THEN
        RAISE EXCEPTION 'an approved post-incident review is fixed: UPDATE refused' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.incident_id IS DISTINCT FROM OLD.incident_id OR NEW.resolved_at IS DISTINCT FROM OLD.resolved_at
       OR NEW.due_at IS DISTINCT FROM OLD.due_at OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
        RAISE EXCEPTION 'a review''s incident and due date are fixed' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE FUNCTION pir_action_item_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    approved BOOLEAN;
BEGIN
    SELECT state = 'APPROVED' INTO approved FROM pir WHERE id = OLD.pir_id;
    IF approved AND (TG_OP = 'DELETE' OR NEW.description IS DISTINCT FROM OLD.description
                     OR NEW.owner IS DISTINCT FROM OLD.owner OR NEW.due_on IS DISTINCT FROM OLD.due_on
                     OR NEW.position IS DISTINCT FROM OLD.position OR NEW.pir_id IS DISTINCT FROM OLD.pir_id) THEN
        RAISE EXCEPTION 'the action items of an approved review are fixed; only their status moves'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;

CREATE FUNCTION pir_action_item_insert_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT state = 'APPROVED' FROM pir WHERE id = NEW.pir_id) THEN
        RAISE EXCEPTION 'an approved review takes no new action items' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER pir_guarded BEFORE UPDATE OR DELETE ON pir FOR EACH ROW EXECUTE FUNCTION pir_guard();
CREATE TRIGGER pir_no_truncate BEFORE TRUNCATE ON pir FOR EACH STATEMENT EXECUTE FUNCTION walkthrough_refuse_change();
CREATE TRIGGER pir_action_item_guarded BEFORE UPDATE OR DELETE ON pir_action_item
    FOR EACH ROW EXECUTE FUNCTION pir_action_item_guard();
CREATE TRIGGER pir_action_item_insert_guarded BEFORE INSERT ON pir_action_item
    FOR EACH ROW EXECUTE FUNCTION pir_action_item_insert_guard();
CREATE TRIGGER pir_action_item_no_truncate BEFORE TRUNCATE ON pir_action_item
    FOR EACH STATEMENT EXECUTE FUNCTION walkthrough_refuse_change();
CREATE TRIGGER pir_reminder_append_only BEFORE UPDATE OR DELETE ON pir_reminder
    FOR EACH ROW EXECUTE FUNCTION walkthrough_refuse_change();
CREATE TRIGGER pir_reminder_no_truncate BEFORE TRUNCATE ON pir_reminder
    FOR EACH STATEMENT EXECUTE FUNCTION walkthrough_refuse_change();
