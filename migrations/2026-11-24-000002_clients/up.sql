-- Client companies and the users who work for them.

CREATE TABLE clients (
    id            uuid PRIMARY KEY,
    name          text NOT NULL,
    legal_name    text,
    -- NCC (numéro de compte contribuable) in Côte d'Ivoire, NINEA in Senegal, etc.
    tax_id        text,
    address       text,
    city          text,
    country       char(2) NOT NULL DEFAULT 'CI' CHECK (country ~ '^[A-Z]{2}$'),
    phone         text,
    billing_email text,
    currency      char(3) NOT NULL DEFAULT 'XOF' CHECK (currency ~ '^[A-Z]{3}$'),
    status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX clients_name_lower_key ON clients (lower(name));

CREATE TABLE client_members (
    client_id  uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       text NOT NULL CHECK (role IN ('owner', 'member', 'viewer')),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (client_id, user_id)
);
CREATE INDEX client_members_user_id_idx ON client_members (user_id);
