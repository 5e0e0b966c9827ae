-- People who sign in to the portal. Accounts are disabled, never deleted: the audit trail and
-- every evidence record keep pointing at them.

CREATE TABLE app_user (
    id                   BIGSERIAL    PRIMARY KEY,
    username             VARCHAR(64)  NOT NULL,
    display_name         VARCHAR(200) NOT NULL,
    email                VARCHAR(254) NOT NULL,
    password_hash        VARCHAR(512) NOT NULL,
    enabled              BOOLEAN      NOT NULL DEFAULT TRUE,
    must_change_password BOOLEAN      NOT NULL DEFAULT FALSE,
    failed_attempts      INTEGER      NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
    locked_until         TIMESTAMPTZ,
    access_until         DATE,
    created_at           TIMESTAMPTZ  NOT NULL,
    password_changed_at  TIMESTAMPTZ  NOT NULL,
    last_sign_in_at      TIMESTAMPTZ,
    version              BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT ck_app_user_username CHECK (username ~ '^[a-z0-9][a-z0-9._@-]{2,63}$')
);

CREATE UNIQUE INDEX ux_app_user_username ON app_user (username);

CREATE TABLE app_user_role (
    user_id BIGINT      NOT NULL REFERENCES app_user (id),
    role    VARCHAR(32) NOT NULL CHECK (role IN ('COMPLIANCE_LEAD', 'RESPONDER', 'AUDITOR')),
    PRIMARY KEY (user_id, role)
);
