-- Tabletop and live incident-response exercises (the seed's evidence table: "Tabletop or live IR exercise
-- records — Annual, retained 3 years"). An exercise is recorded after it happened, as a draft that responders and
-- the compliance lead edit; a compliance lead who did not facilitate it signs it off, and it is then fixed, with the
-- SHA-256 of its canonical content. Nothing is ever deleted: the rows of attendance, timeline, findings and action
-- items are written once; editing a draft withdraws a row and adds its replacement. After sign-off only an action
-- item's status moves on. Report files are append-only.

CREATE TABLE exercise (
    id                  BIGSERIAL     PRIMARY KEY,
    kind                VARCHAR(8)    NOT NULL CHECK (kind IN ('TABLETOP', 'LIVE')),
    held_at             TIMESTAMPTZ   NOT NULL,
    title               VARCHAR(200)  NOT NULL,
    scenario            TEXT          NOT NULL,
    runbook_version_id  BIGINT        REFERENCES document_version (id),
    facilitator         VARCHAR(64)   NOT NULL,
    state               VARCHAR(10)   NOT NULL CHECK (state IN ('DRAFT', 'SIGNED_OFF')),
    created_at          TIMESTAMPTZ   NOT NULL,
    created_by          VARCHAR(64)   NOT NULL,
    updated_at          TIMESTAMPTZ   NOT NULL,
    updated_by          VARCHAR(64)   NOT NULL,
    signed_off_at       TIMESTAMPTZ,
    signed_off_by       VARCHAR(64),
    content_sha256      CHAR(64),
    version             BIGINT        NOT NULL DEFAULT 0,
    CHECK (state <> 'SIGNED_OFF' OR (signed_off_by IS NOT NULL AND signed_off_at IS NOT NULL
                                     AND content_sha256 IS NOT NULL AND runbook_version_id IS NOT NULL)),
    CHECK (signed_off_by IS DISTINCT FROM facilitator)
);

CREATE INDEX ix_exercise_held ON exercise (held_at DESC);

CREATE TABLE exercise_participant (
    id             BIGSERIAL     PRIMARY KEY,
    exercise_id    BIGINT        NOT NULL REFERENCES exercise (id),
    position       INTEGER       NOT NULL,
    username       VARCHAR(64),
    external_name  VARCHAR(200),
    role           VARCHAR(200)  NOT NULL DEFAULT '',
    attended       BOOLEAN       NOT NULL,
    withdrawn      BOOLEAN       NOT NULL DEFAULT FALSE,
    CHECK ((username IS NULL) <> (external_name IS NULL))
);

CREATE TABLE exercise_timeline_entry (
    id             BIGSERIAL     PRIMARY KEY,
    exercise_id    BIGINT        NOT NULL REFERENCES exercise (id),
    position       INTEGER       NOT NULL,
    at_text        VARCHAR(10)   NOT NULL,
    text           VARCHAR(2000) NOT NULL,
    withdrawn      BOOLEAN       NOT NULL DEFAULT FALSE
);

CREATE TABLE exercise_finding (
    id             BIGSERIAL     PRIMARY KEY,
    exercise_id    BIGINT        NOT NULL REFERENCES exercise (id),
    position       INTEGER       NOT NULL,
    text           VARCHAR(2000) NOT NULL,
    withdrawn      BOOLEAN       NOT NULL DEFAULT FALSE
);

CREATE TABLE exercise_action_item (
    id             BIGSERIAL     PRIMARY KEY,
    exercise_id    BIGINT        NOT NULL REFERENCES exercise (id),
    position       INTEGER       NOT NULL,
    description    VARCHAR(1000) NOT NULL,
    owner          VARCHAR(64),
    due_on         DATE,
    status         VARCHAR(12)   NOT NULL CHECK (status IN ('OPEN', 'IN_PROGRESS', 'DONE')),
    updated_at     TIMESTAMPTZ   NOT NULL,
    updated_by     VARCHAR(64)   NOT NULL,
    withdrawn      BOOLEAN       NOT NULL DEFAULT FALSE
);

CREATE TABLE exercise_attachment (
    id             BIGSERIAL     PRIMARY KEY,
    exercise_id    BIGINT        NOT NULL REFERENCES exercise (id),
    filename       VARCHAR(255)  NOT NULL,
    content_type   VARCHAR(100)  NOT NULL,
    size_bytes     INTEGER       NOT NULL,
    sha256         CHAR(64)      NOT NULL,
    body           BYTEA         NOT NULL,
    uploaded_at    TIMESTAMPTZ   NOT NULL,
    uploaded_by    VARCHAR(64)   NOT NULL
);

CREATE INDEX ix_exercise_participant ON exercise_participant (exercise_id, position);
CREATE INDEX ix_exercise_timeline_entry ON exercise_timeline_entry (exercise_id, position);
CREATE INDEX ix_exercise_finding ON exercise_finding (exercise_id, position);
CREATE INDEX ix_exercise_action_item ON exercise_action_item (exercise_id, position);
CREATE INDEX ix_exercise_attachment ON exercise_attachment (exercise_id);

CREATE FUNCTION exercise_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'exercise records are evidence: DELETE refused' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.state = 'SIGNED_OFF' THEN
        RAISE EXCEPTION 'a signed-off exercise is fixed: UPDATE refused' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.created_at IS DISTINCT FROM OLD.created_at OR NEW.created_by IS DISTINCT FROM OLD.created_by THEN
        RAISE EXCEPTION 'who recorded an exercise, and when, is fixed' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

-- The parts of an exercise: never deleted; written once (a draft may only withdraw a row); nothing added to or
-- changed in a signed-off exercise, except an action item's status (with who moved it and when).
CREATE FUNCTION exercise_part_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    signed  BOOLEAN;
    movable TEXT[];
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION '% rows are evidence of an exercise: DELETE refused', TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT state = 'SIGNED_OFF' INTO signed FROM exercise WHERE id = NEW.exercise_id;
    IF TG_OP = 'INSERT' THEN
        IF signed THEN
            RAISE EXCEPTION 'a signed-off exercise is fixed: INSERT into % refused', TG_TABLE_NAME
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END IF;
    movable := CASE WHEN TG_TABLE_NAME = 'exercise_action_item'
                    THEN ARRAY['status', 'updated_at', 'updated_by'] ELSE ARRAY[]::TEXT[] END;
    IF NOT signed AND NOT OLD.withdrawn THEN
        movable := movable || 'withdrawn'::TEXT;
    END IF;
    IF (to_jsonb(NEW) - movable) IS DISTINCT FROM (to_jsonb(OLD) - movable) THEN
        RAISE EXCEPTION '% rows are fixed once written%: UPDATE refused', TG_TABLE_NAME,
            CASE WHEN signed THEN ' and the exercise is signed off' ELSE '' END
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER exercise_guarded BEFORE UPDATE OR DELETE ON exercise FOR EACH ROW EXECUTE FUNCTION exercise_guard();
CREATE TRIGGER exercise_no_truncate BEFORE TRUNCATE ON exercise
    FOR EACH STATEMENT EXECUTE FUNCTION walkthrough_refuse_change();

CREATE TRIGGER exercise_participant_guarded BEFORE INSERT OR UPDATE OR DELETE ON exercise_participant
    FOR EACH ROW EXECUTE FUNCTION exercise_part_guard();
CREATE TRIGGER exercise_participant_no_truncate BEFORE TRUNCATE ON exercise_participant
    FOR EACH STATEMENT EXECUTE FUNCTION walkthrough_refuse_change();
CREATE TRIGGER exercise_timeline_entry_guarded BEFORE INSERT OR UPDATE OR DELETE ON exercise_timeline_entry
    FOR EACH ROW EXECUTE FUNCTION exercise_part_guard();
CREATE TRIGGER exercise_timeline_entry_no_truncate BEFORE TRUNCATE ON exercise_timeline_entry
    FOR EACH STATEMENT EXECUTE FUNCTION walkthrough_refuse_change();
CREATE TRIGGER exercise_finding_guarded BEFORE INSERT OR UPDATE OR DELETE ON exercise_finding
    FOR EACH ROW EXECUTE FUNCTION exercise_part_guard();
CREATE TRIGGER exercise_finding_no_truncate BEFORE TRUNCATE ON exercise_finding
    FOR EACH STATEMENT EXECUTE FUNCTION walkthrough_refuse_change();
CREATE TRIGGER exercise_action_item_guarded BEFORE INSERT OR UPDATE OR DELETE ON exercise_action_item
    FOR EACH ROW EXECUTE FUNCTION exercise_part_guard();
CREATE TRIGGER exercise_action_item_no_truncate BEFORE TRUNCATE ON exercise_action_item
    FOR EACH STATEMENT EXECUTE FUNCTION walkthrough_refuse_change();
CREATE TRIGGER exercise_attachment_insert_guarded BEFORE INSERT ON exercise_attachment
    FOR EACH ROW EXECUTE FUNCTION exercise_part_guard();
CREATE TRIGGER exercise_attachment_append_only BEFORE UPDATE OR DELETE ON exercise_attachment
    FOR EACH ROW EXECUTE FUNCTION walkthrough_refuse_change();
CREATE TRIGGER exercise_attachment_no_truncate BEFORE TRUNCATE ON exercise_attachment
    FOR EACH STATEMENT EXECUTE FUNCTION walkthrough_refuse_change();
