DELETE FROM saved_filters WHERE scope <> 'clients';
ALTER TABLE saved_filters DROP CONSTRAINT IF EXISTS saved_filters_scope_check;
ALTER TABLE saved_filters ADD CONSTRAINT saved_filters_scope_check CHECK (scope IN ('clients'));
DROP TABLE prospect_activities;
DROP TABLE prospects;
DROP TABLE pipeline_stages;
DELETE FROM clients WHERE status = 'prospect';
ALTER TABLE clients DROP CONSTRAINT IF EXISTS clients_status_check;
ALTER TABLE clients ADD CONSTRAINT clients_status_check CHECK (status IN ('active', 'archived'));
