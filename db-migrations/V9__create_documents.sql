-- The incident-response runbook and policy. Git holds every saved version (one commit per save); these rows
-- index them, carry the review state, and keep the text with its SHA-256 so the register stays whole even if
-- the repository is moved. Versions are never deleted; a new approval supersedes the one in force.

CREATE TABLE document (
    id                     BIGSERIAL    PRIMARY KEY,
    kind                   VARCHAR(10)  NOT NULL CHECK (kind IN ('RUNBOOK', 'POLICY')),
    slug                   VARCHAR(100) NOT NULL UNIQUE,
    path                   VARCHAR(300) NOT NULL UNIQUE,
    review_interval_months INTEGER      NOT NULL DEFAULT 12 CHECK (review_interval_months BETWEEN 1 AND 36),
    created_at             TIMESTAMPTZ  NOT NULL,
    created_by             VARCHAR(64)  NOT NULL,
    version                BIGINT       NOT NULL DEFAULT 0
);

CREATE TABLE document_version (
    id               BIGSERIAL     PRIMARY KEY,
    document_id      BIGINT        NOT NULL REFERENCES document (id),
    number           INTEGER       NOT NULL,
    commit_id        CHAR(40)      NOT NULL,
    title            VARCHAR(200)  NOT NULL,
    body             TEXT          NOT NULL,
    sha256           CHAR(64)      NOT NULL,
    message          VARCHAR(500)  NOT NULL,
    author           VARCHAR(64)   NOT NULL,
    created_at       TIMESTAMPTZ   NOT NULL,
    state            VARCHAR(12)   NOT NULL
        CHECK (state IN ('DRAFT', 'IN_REVIEW', 'APPROVED', 'RETURNED', 'SUPERSEDED')),
    submitted_at     TIMESTAMPTZ,
    submitted_by     VARCHAR(64),
    decided_at       TIMESTAMPTZ,
    decided_by       VARCHAR(64),
    decision_comment VARCHAR(2000),
    effective_from   TIMESTAMPTZ,
    review_due       DATE,
    row_version      BIGINT        NOT NULL DEFAULT 0,
    UNIQUE (document_id, number)
);

-- exactly one version in force per document
CREATE UNIQUE INDEX ux_document_version_in_force ON document_version (document_id) WHERE state = 'APPROVED';

CREATE TRIGGER document_no_delete
    BEFORE DELETE ON document
    FOR EACH ROW EXECUTE FUNCTION evidence_refuse_delete();

CREATE TRIGGER document_version_no_delete
    BEFORE DELETE ON document_version
    FOR EACH ROW EXECUTE FUNCTION evidence_refuse_delete();

CREATE TRIGGER document_no_truncate
    BEFORE TRUNCATE ON document
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_refuse_delete();

CREATE TRIGGER document_version_no_truncate
    BEFORE TRUNCATE ON document_version
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_refuse_delete();

-- the text and its commit are what was reviewed: only the review fields may change
CREATE FUNCTION document_version_keep_text() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.body IS DISTINCT FROM OLD.body OR NEW.commit_id IS DISTINCT FROM OLD.commit_id
       OR NEW.sha256 IS DISTINCT FROM OLD.sha256 OR NEW.title IS DISTINCT FROM OLD.title
       OR NEW.author IS DISTINCT FROM OLD.author OR NEW.number IS DISTINCT FROM OLD.number THEN
        RAISE EXCEPTION 'a document version''s text is fixed once saved: save a new version instead'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER document_version_text_fixed
    BEFORE UPDATE ON document_version
    FOR EACH ROW EXECUTE FUNCTION document_version_keep_text();
