DO $migration$
DECLARE
    field record;
BEGIN
    FOR field IN SELECT * FROM (VALUES
        ('clients', 'name'), ('clients', 'legal_name'), ('users', 'full_name'), ('users', 'email'),
        ('projects', 'name'), ('invoices', 'number'), ('quotes', 'number'), ('tickets', 'subject'),
        ('payments', 'transaction_id'), ('payments', 'operator_id')) AS f (tab, col)
    LOOP
        EXECUTE format('DROP INDEX IF EXISTS %I', field.tab || '_' || field.col || '_fold_idx');
        EXECUTE format('DROP INDEX IF EXISTS %I', field.tab || '_' || field.col || '_trgm_idx');
    END LOOP;
END
$migration$;
DROP FUNCTION nourx_fold(text);
DROP TABLE saved_filters;
ALTER TABLE invitations DROP COLUMN revoked_at;
DROP INDEX clients_tags_idx;
ALTER TABLE clients DROP COLUMN sector, DROP COLUMN tags, DROP COLUMN size;
