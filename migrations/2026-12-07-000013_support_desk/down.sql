DROP TABLE ticket_ratings;
DROP TABLE canned_replies;
DELETE FROM documents WHERE project_id IS NULL;
ALTER TABLE documents
    DROP CONSTRAINT documents_owner_check,
    DROP CONSTRAINT documents_ticket_fk,
    DROP COLUMN ticket_message_id,
    DROP COLUMN ticket_id,
    ALTER COLUMN project_id SET NOT NULL;
DROP TABLE ticket_sla_events;
DROP INDEX tickets_resolution_running_idx;
DROP INDEX tickets_first_response_running_idx;
DROP INDEX tickets_unassigned_idx;
DROP INDEX tickets_next_deadline_idx;
ALTER TABLE tickets
    DROP CONSTRAINT tickets_id_client_id_key,
    DROP COLUMN paused_since,
    DROP COLUMN resolution_risk_at,
    DROP COLUMN first_response_risk_at,
    DROP COLUMN sla_policy_id;
DROP TABLE public_holidays;
DROP TABLE sla_policies;
