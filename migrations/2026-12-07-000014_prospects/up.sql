-- Prospects and the sales pipeline (issue 17): stages staff configure, prospects with their
-- contact, value and follow-ups, activities, and the client a prospect becomes. A quote for a
-- prospect is written for the client row made for it (status `prospect`, no members: nobody sees
-- it in the portal) and is carried over when the prospect converts.

ALTER TABLE clients DROP CONSTRAINT IF EXISTS clients_status_check;
ALTER TABLE clients ADD CONSTRAINT clients_status_check CHECK (status IN ('active', 'archived', 'prospect'));

CREATE TABLE pipeline_stages (
    id          uuid PRIMARY KEY,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    -- open stages hold prospects in progress; won and lost ones end them.
    kind        text NOT NULL CHECK (kind IN ('open', 'won', 'lost')),
    position    integer NOT NULL,
    -- The probability a prospect gets when it enters the stage (percent).
    probability smallint NOT NULL CHECK (probability BETWEEN 0 AND 100),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX pipeline_stages_name_idx ON pipeline_stages (lower(name));
-- Exactly one won and one lost stage.
CREATE UNIQUE INDEX pipeline_stages_outcome_idx ON pipeline_stages (kind) WHERE kind <> 'open';

INSERT INTO pipeline_stages (id, name, kind, position, probability) VALUES
    ('00000000-0000-7000-8000-000000000001', 'Nouveau', 'open', 1, 10),
    ('00000000-0000-7000-8000-000000000002', 'Qualifié', 'open', 2, 25),
    ('00000000-0000-7000-8000-000000000003', 'Proposition envoyée', 'open', 3, 50),
    ('00000000-0000-7000-8000-000000000004', 'Négociation', 'open', 4, 75),
    ('00000000-0000-7000-8000-000000000005', 'Gagné', 'won', 5, 100),
    ('00000000-0000-7000-8000-000000000006', 'Perdu', 'lost', 6, 0);

CREATE TABLE prospects (
    id              uuid PRIMARY KEY,
    company         text NOT NULL CHECK (length(company) BETWEEN 1 AND 200),
    contact_name    text NOT NULL DEFAULT '' CHECK (length(contact_name) <= 120),
    email           text CHECK (email = lower(email)),
    phone           text,
    whatsapp        text,
    source          text NOT NULL CHECK (source IN ('website', 'referral', 'trade_show', 'social_media',
                    'phone_call', 'email', 'other')),
    estimated_value bigint NOT NULL DEFAULT 0 CHECK (estimated_value >= 0),
    probability     smallint NOT NULL CHECK (probability BETWEEN 0 AND 100),
    expected_close  date,
    owner_id        uuid REFERENCES users (id) ON DELETE SET NULL,
    sector          text,
    city            text,
    size            text,
    tags            text[] NOT NULL DEFAULT '{}',
    notes           text NOT NULL DEFAULT '' CHECK (length(notes) <= 10000),
    stage_id        uuid NOT NULL REFERENCES pipeline_stages (id),
    -- The order within the stage's column (gaps of 65 536, as the task boards).
    stage_rank      bigint NOT NULL,
    -- Why it was won or lost (required by those stages).
    outcome_reason  text,
    closed_at       timestamptz,
    next_follow_up  date,
    -- The day its owner was last told the follow-up is due (once a day).
    follow_up_notified_on date,
    -- The client made for its quotes, then the one it became.
    client_id       uuid UNIQUE REFERENCES clients (id) ON DELETE SET NULL,
    converted_at    timestamptz,
    created_by      uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX prospects_email_idx ON prospects (email) WHERE email IS NOT NULL;
CREATE INDEX prospects_stage_rank_idx ON prospects (stage_id, stage_rank);
CREATE INDEX prospects_owner_follow_up_idx ON prospects (owner_id, next_follow_up) WHERE next_follow_up IS NOT NULL;
CREATE INDEX prospects_created_at_idx ON prospects (created_at DESC, id);
CREATE INDEX prospects_company_trgm_idx ON prospects (lower(company));

CREATE TABLE prospect_activities (
    id          uuid PRIMARY KEY,
    prospect_id uuid NOT NULL REFERENCES prospects (id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('call', 'meeting', 'email', 'note', 'stage_change')),
    body        text NOT NULL CHECK (length(body) <= 5000),
    happened_at timestamptz NOT NULL DEFAULT now(),
    author_id   uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX prospect_activities_prospect_idx ON prospect_activities (prospect_id, happened_at DESC, id);

-- Saved filters of the prospects list and of the support inbox, like the clients list's.
ALTER TABLE saved_filters DROP CONSTRAINT IF EXISTS saved_filters_scope_check;
ALTER TABLE saved_filters ADD CONSTRAINT saved_filters_scope_check CHECK (scope IN ('clients', 'prospects', 'tickets'));
