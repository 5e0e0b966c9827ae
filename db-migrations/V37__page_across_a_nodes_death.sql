-- A notification's claim is tied to the node that holds it: while that node's heartbeat goes on (portal_node), the
-- claim stands until its lease ends; once the heartbeat stops, another node takes the claim over at once instead of
-- waiting for the lease. Before a message goes out, its attempt is written IN_FLIGHT; the outcome settles that row.
-- An attempt still in flight when its claim is taken over (the node died between the call and recording it) becomes
-- UNKNOWN: the channel may or may not have it. The message is sent again; the notification counts such attempts, so
-- a channel without idempotency (Teams, mail) shows that the person may have been told twice.

ALTER TABLE notification ADD COLUMN claimed_by VARCHAR(64);
ALTER TABLE notification ADD COLUMN unknown_attempts INTEGER NOT NULL DEFAULT 0;

CREATE INDEX ix_notification_claimed ON notification (claimed_by) WHERE state = 'PENDING' AND claimed_by IS NOT NULL;

ALTER TABLE notification_attempt ADD COLUMN node VARCHAR(64);
ALTER TABLE notification_attempt DROP CONSTRAINT notification_attempt_outcome_check;
ALTER TABLE notification_attempt ADD CONSTRAINT notification_attempt_outcome_check
    CHECK (outcome IN ('IN_FLIGHT', 'UNKNOWN', 'SENT', 'RETRY', 'FAILED'));

CREATE INDEX ix_notification_attempt_in_flight ON notification_attempt (notification_id)
    WHERE outcome IN ('IN_FLIGHT', 'UNKNOWN');

-- Still append-only, but for one thing: an attempt in flight (or whose outcome was unknown) is settled once with
-- what came of it. Which notification, when and by which node stay as written.
CREATE FUNCTION notification_attempt_settle_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.outcome IN ('IN_FLIGHT', 'UNKNOWN') AND NEW.outcome <> 'IN_FLIGHT'
       AND NEW.id = OLD.id AND NEW.notification_id = OLD.notification_id
       AND NEW.attempted_at = OLD.attempted_at AND NEW.node IS NOT DISTINCT FROM OLD.node THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'notification_attempt is append-only (an attempt in flight is settled once): % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

DROP TRIGGER notification_attempt_append_only ON notification_attempt;
CREATE TRIGGER notification_attempt_append_only
    BEFORE UPDATE OR DELETE ON notification_attempt
    FOR EACH ROW EXECUTE FUNCTION notification_attempt_settle_only();
