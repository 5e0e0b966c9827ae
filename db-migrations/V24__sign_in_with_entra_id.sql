-- Sign-in with Microsoft Entra ID (OpenID Connect). An account that signs in through Entra ID is known by its tenant
-- and object id (a username or e-mail can change or be reused; the object id cannot) and has no local password.
ALTER TABLE app_user ALTER COLUMN password_hash DROP NOT NULL;
ALTER TABLE app_user ADD COLUMN entra_tenant_id VARCHAR(64);
ALTER TABLE app_user ADD COLUMN entra_object_id VARCHAR(64);
ALTER TABLE app_user ADD CONSTRAINT ck_app_user_sign_in CHECK (
    (entra_object_id IS NULL AND entra_tenant_id IS NULL AND password_hash IS NOT NULL)
    OR (entra_object_id IS NOT NULL AND entra_tenant_id IS NOT NULL AND password_hash IS NULL));
CREATE UNIQUE INDEX ux_app_user_entra ON app_user (entra_tenant_id, entra_object_id)
    WHERE entra_object_id IS NOT NULL;

-- One sign-in under way: the state sent to Entra ID names it; the nonce the ID token must carry, the PKCE verifier
-- the code is redeemed with (at the same redirect address), and a hash of the value of the browser's own cookie that started it (so a code
-- obtained in another browser is refused). Used once, and only for ten minutes; in the database so that either
-- node of a pair can finish what the other began.
CREATE TABLE entra_sign_in (
    state         VARCHAR(128) PRIMARY KEY,
    nonce         VARCHAR(128) NOT NULL,
    code_verifier VARCHAR(128) NOT NULL,
    browser_hash  CHAR(64)     NOT NULL,
    redirect_uri  VARCHAR(2000) NOT NULL,
    return_to     VARCHAR(2000),
    created_at    TIMESTAMPTZ  NOT NULL
);

CREATE INDEX ix_entra_sign_in_created ON entra_sign_in (created_at);
