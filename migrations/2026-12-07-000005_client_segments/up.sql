-- Issue 14, clients: segmentation (sector, tags, size), revocable invitations, saved filters,
-- and what the staff search (crates/db/src/search.rs) and the client list filter need.

ALTER TABLE clients
    ADD COLUMN sector text CHECK (char_length(sector) BETWEEN 1 AND 80),
    -- Lowercase, at most 10 of at most 30 characters each (checked by the API).
    ADD COLUMN tags   text[] NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 10),
    ADD COLUMN size   text CHECK (size IN ('solo', 'small', 'medium', 'large'));
CREATE INDEX clients_tags_idx ON clients USING gin (tags);

-- A revoked invitation's link answers like an unknown one.
ALTER TABLE invitations ADD COLUMN revoked_at timestamptz;

-- Each staff member's own named filters of a back-office list.
CREATE TABLE saved_filters (
    id         uuid PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    scope      text NOT NULL CHECK (scope IN ('clients')),
    name       text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 80),
    -- The list's query string, e.g. 'status=active&sector=btp'.
    query      text NOT NULL CHECK (char_length(query) <= 1000),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX saved_filters_user_scope_name_key ON saved_filters (user_id, scope, lower(name));

-- nourx_fold(text): what search compares, case- and accent-insensitive ("Éléphant" = "elephant").
-- unaccent is a trusted contrib extension (Debian's postgresql-15 ships it); where it cannot be
-- created, search is only case-insensitive. Immutable, so that indexes may use it.
DO $migration$
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
        CREATE FUNCTION nourx_fold(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
            AS $fold$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $fold$;
    EXCEPTION WHEN others THEN
        RAISE NOTICE 'unaccent unavailable (%): search folds case only', SQLERRM;
        CREATE FUNCTION nourx_fold(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
            AS $fold$ SELECT lower($1) $fold$;
    END;
END
$migration$;

-- Search indexes: a btree per searched field for "starts with" (ordered, so LIMIT stops early),
-- and, where pg_trgm exists, a trigram GIN index for "contains".
DO $migration$
DECLARE
    field record;
    trigrams boolean := true;
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
    EXCEPTION WHEN others THEN
        RAISE NOTICE 'pg_trgm unavailable (%): "contains" searches scan', SQLERRM;
        trigrams := false;
    END;
    FOR field IN SELECT * FROM (VALUES
        ('clients', 'name'), ('clients', 'legal_name'), ('users', 'full_name'), ('users', 'email'),
        ('projects', 'name'), ('invoices', 'number'), ('quotes', 'number'), ('tickets', 'subject'),
        ('payments', 'transaction_id'), ('payments', 'operator_id')) AS f (tab, col)
    LOOP
        EXECUTE format('CREATE INDEX %I ON %I (nourx_fold(%I) text_pattern_ops)',
                       field.tab || '_' || field.col || '_fold_idx', field.tab, field.col);
        IF trigrams THEN
            EXECUTE format('CREATE INDEX %I ON %I USING gin (nourx_fold(%I) public.gin_trgm_ops)',
                           field.tab || '_' || field.col || '_trgm_idx', field.tab, field.col);
        END IF;
    END LOOP;
END
$migration$;
