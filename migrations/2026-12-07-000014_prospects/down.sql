DROP TABLE prospect_activities;
DROP TABLE prospects;
DROP TABLE pipeline_stages;
DELETE FROM clients WHERE status = 'prospect';
ALTER TABLE clients DROP CONSTRAINT IF EXISTS clients_status_check;
ALTER TABLE clients ADD CONSTRAINT clients_status_check CHECK (status IN ('active', 'archived'));
