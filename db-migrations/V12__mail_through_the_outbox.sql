-- The one outbound-notification mechanism also carries e-mail to named people (reminders, customer notices):
-- a MAIL message keeps its recipients, its purpose, its HTML body and the body's SHA-256, as evidence of what
-- was sent. Bodies and recipients never change once queued.

ALTER TABLE notification DROP CONSTRAINT notification_action_check;
ALTER TABLE notification ADD CONSTRAINT notification_action_check CHECK (action IN ('TRIGGER', 'RESOLVE', 'MAIL'));
ALTER TABLE notification ADD COLUMN purpose VARCHAR(40);
ALTER TABLE notification ADD COLUMN recipients TEXT;
ALTER TABLE notification ADD COLUMN body TEXT;
ALTER TABLE notification ADD COLUMN body_sha256 CHAR(64);
ALTER TABLE notification ADD CONSTRAINT notification_mail_complete
    CHECK (action <> 'MAIL' OR (channel = 'EMAIL' AND purpose IS NOT NULL AND recipients IS NOT NULL
                                AND body IS NOT NULL AND body_sha256 IS NOT NULL));

CREATE FUNCTION notification_message_fixed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.recipients IS DISTINCT FROM OLD.recipients OR NEW.body IS DISTINCT FROM OLD.body
       OR NEW.body_sha256 IS DISTINCT FROM OLD.body_sha256 OR NEW.subject IS DISTINCT FROM OLD.subject
       OR NEW.purpose IS DISTINCT FROM OLD.purpose OR NEW.channel IS DISTINCT FROM OLD.channel THEN
        RAISE EXCEPTION 'a queued message is evidence of what was sent: its content cannot change'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER notification_message_fixed BEFORE UPDATE ON notification
    FOR EACH ROW EXECUTE FUNCTION notification_message_fixed();

CREATE INDEX ix_notification_purpose ON notification (purpose, created_at) WHERE purpose IS NOT NULL;
