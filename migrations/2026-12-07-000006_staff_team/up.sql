-- Two staff roles: `admin` (everything) and `staff` (no settings, no team management); and
-- invitations of new staff members by email.

ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'staff', 'client'));

CREATE TABLE staff_invitations (
    id          uuid PRIMARY KEY,
    email       text NOT NULL CHECK (email = lower(email)),
    full_name   text NOT NULL,
    role        text NOT NULL CHECK (role IN ('admin', 'staff')),
    locale      text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
    -- SHA-256 of the token sent by email; a resend replaces it (the old link stops working).
    token_hash  bytea NOT NULL UNIQUE,
    invited_by  uuid REFERENCES users (id) ON DELETE SET NULL,
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz,
    accepted_at timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX staff_invitations_email_idx ON staff_invitations (email);
CREATE INDEX staff_invitations_invited_by_idx ON staff_invitations (invited_by);
