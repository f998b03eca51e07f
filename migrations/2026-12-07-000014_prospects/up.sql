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
CREATE INDEX prospects_stage_rank_idx ON prospects (stage_id, stage_rank, id);
CREATE INDEX prospects_owner_follow_up_idx ON prospects (owner_id, next_follow_up) WHERE next_follow_up IS NOT NULL;
CREATE INDEX prospects_created_at_idx ON prospects (created_at DESC, id);
-- The list by value, largest first (its most used order after the newest).
CREATE INDEX prospects_value_idx ON prospects (estimated_value DESC, id);
CREATE INDEX prospects_company_trgm_idx ON prospects (lower(company));

-- The board's and the KPIs' figures per stage read a summary instead of every prospect: kept exact by
-- statement-level triggers (as invoice_totals), each prospect's weighted value rounded to the franc
-- as its card shows it, so that a column's total is the sum of its cards.
CREATE TABLE pipeline_totals (
    stage_id       uuid PRIMARY KEY REFERENCES pipeline_stages (id) ON DELETE CASCADE,
    prospect_count bigint NOT NULL DEFAULT 0,
    value          bigint NOT NULL DEFAULT 0,
    weighted_value bigint NOT NULL DEFAULT 0
);

-- Adds the shares of `added` and removes those of `removed`, in key order so that concurrent
-- writers lock summary rows alike.
CREATE FUNCTION pipeline_totals_apply(added prospects[], removed prospects[]) RETURNS void
LANGUAGE sql AS $$
    WITH rows AS (
        SELECT r.stage_id, r.estimated_value, r.probability, 1 AS sign FROM unnest(added) r
        UNION ALL
        SELECT r.stage_id, r.estimated_value, r.probability, -1 FROM unnest(removed) r
    ),
    delta AS (
        SELECT stage_id, SUM(sign)::bigint AS prospect_count, SUM(sign * estimated_value)::bigint AS value,
               SUM(sign * ((estimated_value * probability + 50) / 100))::bigint AS weighted_value
        FROM rows GROUP BY stage_id
    )
    INSERT INTO pipeline_totals AS t
    SELECT * FROM delta
    WHERE prospect_count <> 0 OR value <> 0 OR weighted_value <> 0
    ORDER BY 1
    ON CONFLICT (stage_id) DO UPDATE SET
        prospect_count = t.prospect_count + EXCLUDED.prospect_count,
        value = t.value + EXCLUDED.value,
        weighted_value = t.weighted_value + EXCLUDED.weighted_value;
$$;

CREATE FUNCTION pipeline_totals_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pipeline_totals_apply((SELECT array_agg(n::prospects) FROM new_rows n), '{}');
    RETURN NULL;
END $$;

CREATE FUNCTION pipeline_totals_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pipeline_totals_apply((SELECT array_agg(n::prospects) FROM new_rows n), (SELECT array_agg(o::prospects) FROM old_rows o));
    RETURN NULL;
END $$;

CREATE FUNCTION pipeline_totals_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pipeline_totals_apply('{}', (SELECT array_agg(o::prospects) FROM old_rows o));
    RETURN NULL;
END $$;

CREATE TRIGGER pipeline_totals_insert AFTER INSERT ON prospects
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pipeline_totals_on_insert();
CREATE TRIGGER pipeline_totals_update AFTER UPDATE ON prospects
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pipeline_totals_on_update();
CREATE TRIGGER pipeline_totals_delete AFTER DELETE ON prospects
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pipeline_totals_on_delete();

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
