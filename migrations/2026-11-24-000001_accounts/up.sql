-- Accounts, server-side sessions and login throttling.

CREATE TABLE users (
    id            uuid PRIMARY KEY,
    email         text NOT NULL,
    full_name     text NOT NULL,
    phone         text,
    locale        text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
    role          text NOT NULL CHECK (role IN ('admin', 'client')),
    -- Argon2id PHC string; '!' marks an account that cannot log in with a password yet.
    password_hash text NOT NULL,
    is_active     boolean NOT NULL DEFAULT true,
    last_login    timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_email_is_lowercase CHECK (email = lower(email))
);
-- Emails are unique case-insensitively; the application stores them lower-cased,
-- and the index on lower() keeps that true even for rows written by hand.
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

CREATE TABLE sessions (
    -- SHA-256 of the cookie value: a leaked table does not yield usable cookies.
    key_hash     bytea PRIMARY KEY,
    user_id      uuid REFERENCES users (id) ON DELETE CASCADE,
    state        jsonb NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    -- Absolute end of life; the idle limit is checked against last_seen_at.
    expires_at   timestamptz NOT NULL
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);

CREATE TABLE login_failures (
    id        bigserial PRIMARY KEY,
    -- 'account:<email>' or 'ip:<address>'
    bucket    text NOT NULL,
    failed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_bucket_failed_at_idx ON login_failures (bucket, failed_at);
