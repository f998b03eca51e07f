DROP TABLE two_factor_trusted_devices;
DROP TABLE two_factor_recovery_codes;
DROP TABLE two_factor_secrets;
DROP INDEX sessions_id_idx;
ALTER TABLE sessions DROP COLUMN ip, DROP COLUMN user_agent, DROP COLUMN is_staff, DROP COLUMN id;
