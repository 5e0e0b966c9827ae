-- What a request said before redirecting ("Incident INC-2026-0042 reported.") waits here for the page the redirect
-- leads to, which on a cluster is usually served by another node. Kept in the person's replicated session it was
-- now and then missing there: replication does not promise the next request, on another node, what the last one
-- changed. A row committed before the redirect is answered is there for whichever node serves the next page; that
-- page takes it (deletes it) and shows it once. Rows are keyed by the SHA-256 of the session id, never the id
-- itself; any left behind (the person never followed the redirect, the session ended) are removed after an hour.

CREATE TABLE redirect_message (
    id          BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_key CHAR(64)     NOT NULL,
    severity    SMALLINT     NOT NULL CHECK (severity BETWEEN 0 AND 3),
    summary     TEXT         NOT NULL,
    detail      TEXT,
    kept_at     TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX ix_redirect_message_session ON redirect_message (session_key);
CREATE INDEX ix_redirect_message_kept_at ON redirect_message (kept_at);
