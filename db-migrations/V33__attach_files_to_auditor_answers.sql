-- An answer to an auditor's request may attach new files (a document the register does not hold yet). Each file is
-- kept here like the other evidence files (its bytes and SHA-256, append-only, removed only by a disposal past its
-- retention) and registered as an evidence item of its own type, dated by the day it documents, which lies within
-- the engagement's period. The answer links that evidence item as it links any other (auditor_request_link).

CREATE TABLE auditor_request_file (
    id           BIGSERIAL    PRIMARY KEY,
    request_id   BIGINT       NOT NULL REFERENCES auditor_request (id),
    dated        DATE         NOT NULL,
    filename     VARCHAR(255) NOT NULL,
    content_type VARCHAR(100) NOT NULL,
    size_bytes   INTEGER      NOT NULL,
    sha256       CHAR(64)     NOT NULL,
    body         BYTEA        NOT NULL,
    uploaded_at  TIMESTAMPTZ  NOT NULL,
    uploaded_by  VARCHAR(64)  NOT NULL
);

CREATE INDEX ix_auditor_request_file ON auditor_request_file (request_id, id);

CREATE TRIGGER auditor_request_file_append_only BEFORE UPDATE OR DELETE ON auditor_request_file
    FOR EACH ROW EXECUTE FUNCTION evidence_leaf_guard('id');
CREATE TRIGGER auditor_request_file_no_truncate BEFORE TRUNCATE ON auditor_request_file
    FOR EACH STATEMENT EXECUTE FUNCTION walkthrough_refuse_change();

INSERT INTO evidence_type (code, position, title, controls, seed_retention, min_retention_years, retention_years)
VALUES ('REQUEST_FILE', 30, 'Files provided to the auditor in answer to a request', 'CC7.3,CC7.4,CC7.5',
        'Kept with the audit: 3 years', 3, 3);
