-- Two-factor authentication (TOTP, recovery codes, trusted devices) and "my sessions".

-- What "my sessions" shows and what a staff session's shorter lifetimes need.
ALTER TABLE sessions
    -- The session's public id (the key hash never leaves the server).
    ADD COLUMN id         uuid NOT NULL DEFAULT gen_random_uuid(),
    -- Staff sessions have their own idle and absolute limits.
    ADD COLUMN is_staff   boolean NOT NULL DEFAULT false,
    -- The browser's User-Agent (truncated) and the address it signed in from.
    ADD COLUMN user_agent text,
    ADD COLUMN ip         text;
CREATE UNIQUE INDEX sessions_id_idx ON sessions (id);

-- One TOTP secret per account (RFC 6238: SHA-1, 6 digits, 30 s). Unconfirmed until the first code.
CREATE TABLE two_factor_secrets (
    user_id        uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret         bytea NOT NULL,
    confirmed_at   timestamptz,
    -- The last 30-second step whose code was accepted: a code works once.
    last_used_step bigint NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- Single-use recovery codes: SHA-256 of (user id, code), never the code.
CREATE TABLE two_factor_recovery_codes (
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash  bytea NOT NULL,
    used_at    timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, code_hash)
);

-- "Trust this device for 30 days" (clients only): SHA-256 of the cookie's token. The
-- fingerprint of the password hash at the time makes a password change end the trust.
CREATE TABLE two_factor_trusted_devices (
    token_hash           bytea PRIMARY KEY,
    user_id              uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    password_fingerprint bytea NOT NULL,
    created_at           timestamptz NOT NULL DEFAULT now(),
    expires_at           timestamptz NOT NULL
);
CREATE INDEX two_factor_trusted_devices_user_id_idx ON two_factor_trusted_devices (user_id);
