-- Auditor engagements: the compliance lead names an audit, its period (the dates whose evidence the auditors may
-- read), its auditors (accounts with the AUDITOR role) and the window of instants in which they may read. Every
-- request an auditor makes is kept in auditor_access, and every sample drawn from the period's population of
-- incidents in engagement_sample with its seed and size; both are append-only evidence. The access log is
-- registered as evidence per engagement and day once the day is over (AUDITOR_ACCESS_LOG, kept 3 years).

CREATE TABLE engagement (
    id           BIGSERIAL     PRIMARY KEY,
    name         VARCHAR(200)  NOT NULL,
    period_from  DATE          NOT NULL,
    period_to    DATE          NOT NULL,
    access_from  TIMESTAMPTZ   NOT NULL,
    access_to    TIMESTAMPTZ   NOT NULL,
    created_by   VARCHAR(64)   NOT NULL,
    created_at   TIMESTAMPTZ   NOT NULL,
    version      BIGINT        NOT NULL DEFAULT 0,
    CHECK (period_from <= period_to),
    CHECK (access_from < access_to)
);

CREATE TABLE engagement_auditor (
    engagement_id BIGINT      NOT NULL REFERENCES engagement (id),
    username      VARCHAR(64) NOT NULL,
    PRIMARY KEY (engagement_id, username)
);

CREATE INDEX ix_engagement_auditor_user ON engagement_auditor (username);

CREATE TABLE auditor_access (
    id            BIGSERIAL     PRIMARY KEY,
    username      VARCHAR(64)   NOT NULL,
    engagement_id BIGINT        REFERENCES engagement (id),
    at            TIMESTAMPTZ   NOT NULL,
    method        VARCHAR(10)   NOT NULL,
    path          VARCHAR(500)  NOT NULL,
    query         VARCHAR(2000),
    status        INTEGER       NOT NULL
);

CREATE INDEX ix_auditor_access_engagement ON auditor_access (engagement_id, at);

CREATE TABLE engagement_sample (
    id                 BIGSERIAL     PRIMARY KEY,
    engagement_id      BIGINT        NOT NULL REFERENCES engagement (id),
    seed               BIGINT        NOT NULL,
    size               INTEGER       NOT NULL CHECK (size >= 1),
    population_size    INTEGER       NOT NULL CHECK (population_size >= size),
    population_sha256  CHAR(64)      NOT NULL,
    refs               TEXT          NOT NULL,
    drawn_by           VARCHAR(64)   NOT NULL,
    drawn_at           TIMESTAMPTZ   NOT NULL
);

CREATE INDEX ix_engagement_sample ON engagement_sample (engagement_id, id);

CREATE TRIGGER auditor_access_append_only BEFORE UPDATE OR DELETE ON auditor_access
    FOR EACH ROW EXECUTE FUNCTION walkthrough_refuse_change();
CREATE TRIGGER auditor_access_no_truncate BEFORE TRUNCATE ON auditor_access
    FOR EACH STATEMENT EXECUTE FUNCTION walkthrough_refuse_change();
CREATE TRIGGER engagement_sample_append_only BEFORE UPDATE OR DELETE ON engagement_sample
    FOR EACH ROW EXECUTE FUNCTION walkthrough_refuse_change();
CREATE TRIGGER engagement_sample_no_truncate BEFORE TRUNCATE ON engagement_sample
    FOR EACH STATEMENT EXECUTE FUNCTION walkthrough_refuse_change();

INSERT INTO evidence_type (code, position, title, controls, seed_retention, min_retention_years, retention_years) VALUES
 ('AUDITOR_ACCESS_LOG', 12, 'Auditor access log (every page and download, per engagement and day)', 'CC7.3,CC7.4,CC7.5',
  'Kept with the audit: 3 years', 3, 3);
