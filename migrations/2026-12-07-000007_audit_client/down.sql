DROP INDEX audit_log_client_id_idx;
ALTER TABLE audit_log DROP COLUMN client_id;
