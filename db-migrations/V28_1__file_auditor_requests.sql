-- The auditor's request list ("provided by client" items) inside an engagement. An auditor files a request (title,
-- text, optionally a sampled incident or a control, a due date); the compliance lead, or a responder they assign,
-- answers it by linking evidence items of the register; the auditor accepts the answer or asks a follow-up.
-- States: OPEN -> ANSWERED -> ACCEPTED | FOLLOW_UP (-> ANSWERED again). Every message (filing, assignment, answer,
-- acceptance, follow-up) and every link is a row of its own, append-only.

CREATE TABLE auditor_request (
    id            BIGSERIAL     PRIMARY KEY,
    engagement_id BIGINT        NOT NULL REFERENCES engagement (id),
    title         VARCHAR(200)  NOT NULL CHECK (length(trim(title)) > 0),
    body          VARCHAR(4000) NOT NULL DEFAULT '',
    incident_ref  VARCHAR(40),
    control       VARCHAR(10)   CHECK (control IN ('CC7.3', 'CC7.4', 'CC7.5')),
    due_date      DATE          NOT NULL,
    state         VARCHAR(10)   NOT NULL CHECK (state IN ('OPEN', 'ANSWERED', 'ACCEPTED', 'FOLLOW_UP')),
    assignee      VARCHAR(64),
    filed_by      VARCHAR(64)   NOT NULL,
    filed_at      TIMESTAMPTZ   NOT NULL,
    updated_by    VARCHAR(64)   NOT NULL,
    updated_at    TIMESTAMPTZ   NOT NULL,
    version       BIGINT        NOT NULL DEFAULT 0
);

CREATE INDEX ix_auditor_request_engagement ON auditor_request (engagement_id, id);

CREATE TABLE auditor_request_message (
    id         BIGSERIAL     PRIMARY KEY,
    request_id BIGINT        NOT NULL REFERENCES auditor_request (id),
    kind       VARCHAR(10)   NOT NULL CHECK (kind IN ('FILED', 'ASSIGNED', 'ANSWER', 'ACCEPTED', 'FOLLOW_UP')),
    author     VARCHAR(64)   NOT NULL,
    at         TIMESTAMPTZ   NOT NULL,
    text       VARCHAR(4000) NOT NULL DEFAULT ''
);

CREATE INDEX ix_auditor_request_message ON auditor_request_message (request_id, id);

CREATE TABLE auditor_request_link (
    id               BIGSERIAL   PRIMARY KEY,
    request_id       BIGINT      NOT NULL REFERENCES auditor_request (id),
    message_id       BIGINT      NOT NULL REFERENCES auditor_request_message (id),
    evidence_item_id BIGINT      NOT NULL REFERENCES evidence_item (id),
    linked_by        VARCHAR(64) NOT NULL,
    linked_at        TIMESTAMPTZ NOT NULL,
    UNIQUE (message_id, evidence_item_id)
);

CREATE TRIGGER auditor_request_no_delete BEFORE DELETE ON auditor_request
    FOR EACH ROW EXECUTE FUNCTION walkthrough_refuse_change();
CREATE TRIGGER auditor_request_no_truncate BEFORE TRUNCATE ON auditor_request
    FOR EACH STATEMENT EXECUTE FUNCTION walkthrough_refuse_change();
CREATE TRIGGER auditor_request_message_append_only BEFORE UPDATE OR DELETE ON auditor_request_message
    FOR EACH ROW EXECUTE FUNCTION walkthrough_refuse_change();
CREATE TRIGGER auditor_request_message_no_truncate BEFORE TRUNCATE ON auditor_request_message
    FOR EACH STATEMENT EXECUTE FUNCTION walkthrough_refuse_change();
CREATE TRIGGER auditor_request_link_append_only BEFORE UPDATE OR DELETE ON auditor_request_link
    FOR EACH ROW EXECUTE FUNCTION walkthrough_refuse_change();
CREATE TRIGGER auditor_request_link_no_truncate BEFORE TRUNCATE ON auditor_request_link
    FOR EACH STATEMENT EXECUTE FUNCTION walkthrough_refuse_change();
