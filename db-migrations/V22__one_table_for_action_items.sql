-- Action items of post-incident reviews and of exercises were twins in two tables; they become one kind of record.
-- A review's items keep their ids; an exercise's items are renumbered after them and keep their former id, which
-- the audit trail's earlier rows (entity type ExerciseActionItem) name.
CREATE TABLE action_item (
    id          BIGSERIAL     PRIMARY KEY,
    raised_by   VARCHAR(8)    NOT NULL CHECK (raised_by IN ('REVIEW', 'EXERCISE')),
    pir_id      BIGINT        REFERENCES pir (id),
    exercise_id BIGINT        REFERENCES exercise (id),
    parent_id   BIGINT        GENERATED ALWAYS AS (COALESCE(pir_id, exercise_id)) STORED,
    position    INTEGER       NOT NULL,
    description VARCHAR(1000) NOT NULL,
    owner       VARCHAR(64),
    due_on      DATE,
    status      VARCHAR(12)   NOT NULL CHECK (status IN ('OPEN', 'IN_PROGRESS', 'DONE')),
    withdrawn   BOOLEAN       NOT NULL DEFAULT FALSE,
    updated_at  TIMESTAMPTZ   NOT NULL,
    updated_by  VARCHAR(64)   NOT NULL,
    former_id   BIGINT,
    CHECK ((raised_by = 'REVIEW') = (pir_id IS NOT NULL)),
    CHECK ((raised_by = 'EXERCISE') = (exercise_id IS NOT NULL))
);

CREATE INDEX ix_action_item_parent ON action_item (raised_by, parent_id, position);
CREATE INDEX ix_action_item_owner ON action_item (owner, due_on) WHERE NOT withdrawn AND status <> 'DONE';

INSERT INTO action_item (id, raised_by, pir_id, position, description, owner, due_on, status, updated_at, updated_by)
SELECT id, 'REVIEW', pir_id, position, description, owner, due_on, status, updated_at, updated_by
FROM pir_action_item;

INSERT INTO action_item (id, raised_by, exercise_id, position, description, owner, due_on, status, withdrawn,
                         updated_at, updated_by, former_id)
SELECT id + (SELECT COALESCE(max(id), 0) FROM pir_action_item), 'EXERCISE', exercise_id, position, description,
       owner, due_on, status, withdrawn, updated_at, updated_by, id
FROM exercise_action_item;

SELECT setval(pg_get_serial_sequence('action_item', 'id'), GREATEST((SELECT COALESCE(max(id), 0) FROM action_item), 1),
              (SELECT count(*) > 0 FROM action_item));

-- A review's items change freely while it is a draft and lose nothing but their status once it is approved; an
-- exercise's items are written once (withdrawn and replaced while it is a draft) and only their status moves.
CREATE FUNCTION action_item_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    item    action_item;
    fixed   BOOLEAN;
    -- parent_id is derived (and not yet computed in a BEFORE trigger): never compared
    movable TEXT[] := ARRAY['status', 'updated_at', 'updated_by', 'parent_id'];
BEGIN
    item := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    fixed := CASE item.raised_by
                 WHEN 'REVIEW' THEN (SELECT state = 'APPROVED' FROM pir WHERE id = item.pir_id)
                 ELSE (SELECT state = 'SIGNED_OFF' FROM exercise WHERE id = item.exercise_id) END;
    IF TG_OP = 'DELETE' THEN
        IF OLD.raised_by = 'EXERCISE' OR fixed THEN
            RAISE EXCEPTION 'action item %: % refused (%)', OLD.id, TG_OP,
                CASE WHEN fixed THEN 'its review is approved or its exercise signed off'
                     ELSE 'an exercise''s action items are evidence' END
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN OLD;
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF fixed THEN
            RAISE EXCEPTION 'an approved review or signed-off exercise takes no new action items'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.raised_by IS DISTINCT FROM OLD.raised_by OR NEW.pir_id IS DISTINCT FROM OLD.pir_id
       OR NEW.exercise_id IS DISTINCT FROM OLD.exercise_id THEN
        RAISE EXCEPTION 'action item %: what raised it is fixed', OLD.id USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.raised_by = 'REVIEW' AND NOT fixed THEN
        RETURN NEW;
    END IF;
    IF NEW.raised_by = 'EXERCISE' AND NOT fixed AND NOT OLD.withdrawn THEN
        movable := movable || 'withdrawn'::TEXT;
    END IF;
    IF (to_jsonb(NEW) - movable) IS DISTINCT FROM (to_jsonb(OLD) - movable) THEN
        RAISE EXCEPTION 'action item % is fixed%: only its status moves', OLD.id,
            CASE WHEN fixed THEN ' (its review is approved or its exercise signed off)' ELSE '' END
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER action_item_guarded BEFORE INSERT OR UPDATE OR DELETE ON action_item
    FOR EACH ROW EXECUTE FUNCTION action_item_guard();
CREATE TRIGGER action_item_no_truncate BEFORE TRUNCATE ON action_item
    FOR EACH STATEMENT EXECUTE FUNCTION walkthrough_refuse_change();

DROP TABLE pir_action_item;
DROP TABLE exercise_action_item;
DROP FUNCTION pir_action_item_guard();
DROP FUNCTION pir_action_item_insert_guard();
