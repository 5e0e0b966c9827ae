-- Checklist completeness. A runbook item is done, not applicable (a responder says why it does not apply to this
-- incident) or open. "Not applicable" is one more kind of checklist event, kept like the others (append-only): an
-- untick (done = false) that carries its reason as the note.
-- An incident resolved while part of its response was still open (checklist items neither done nor not applicable)
-- keeps what was open and the reason given for resolving anyway; the timeline and the review show both.

ALTER TABLE checklist_event ADD COLUMN not_applicable BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE checklist_event ADD CONSTRAINT checklist_event_not_applicable_says_why
    CHECK (NOT not_applicable OR (done = FALSE AND note IS NOT NULL));

ALTER TABLE incident ADD COLUMN resolved_with_open VARCHAR(1000);
ALTER TABLE incident ADD COLUMN resolved_with_open_reason VARCHAR(1000);
ALTER TABLE incident ADD CONSTRAINT incident_open_work_says_why
    CHECK ((resolved_with_open IS NULL) = (resolved_with_open_reason IS NULL));
