CREATE INDEX tasks_assigned_to_idx ON tasks (assigned_to);
DROP INDEX tasks_assigned_to_status_board_rank_idx;
DROP INDEX tasks_status_board_rank_idx;
ALTER TABLE tasks DROP COLUMN board_rank, DROP COLUMN client_visible;
ALTER TABLE invoices DROP COLUMN milestone_id;
UPDATE milestones SET status = 'in_progress' WHERE status = 'awaiting_approval';
ALTER TABLE milestones
    DROP CONSTRAINT milestones_one_billing_rule,
    DROP COLUMN changes_requested_by,
    DROP COLUMN changes_requested_at,
    DROP COLUMN change_request,
    DROP COLUMN approved_by,
    DROP COLUMN approved_at,
    DROP COLUMN submitted_at,
    DROP COLUMN quote_percent,
    DROP COLUMN amount,
    DROP COLUMN position,
    DROP CONSTRAINT milestones_status_check;
ALTER TABLE milestones ADD CONSTRAINT milestones_status_check CHECK (status IN ('planned', 'in_progress', 'done', 'late'));
DROP INDEX projects_manager_id_idx;
ALTER TABLE projects DROP COLUMN budget, DROP COLUMN manager_id;
