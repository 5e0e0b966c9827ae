-- Failed sign-ins counted per username (known or not, so a lock tells nobody whether an account exists) and per
-- client address (growing delays against guessing at full speed). One row per key; kept small by the portal.
CREATE TABLE sign_in_throttle (
    key           VARCHAR(320) PRIMARY KEY,
    failures      INTEGER      NOT NULL,
    first_failure TIMESTAMPTZ  NOT NULL,
    blocked_until TIMESTAMPTZ
);

CREATE INDEX ix_sign_in_throttle_first ON sign_in_throttle (first_failure);
