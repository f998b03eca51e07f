-- Delivery in the back-office: a NOURX project manager and a budget on projects, milestones the
-- client approves (and that may bill on approval), internal tasks, and an order for the global board.

ALTER TABLE projects
    ADD COLUMN manager_id uuid REFERENCES users (id) ON DELETE SET NULL,
    ADD COLUMN budget     bigint CHECK (budget >= 0);
CREATE INDEX projects_manager_id_idx ON projects (manager_id);

ALTER TABLE milestones DROP CONSTRAINT milestones_status_check;
ALTER TABLE milestones
    ADD CONSTRAINT milestones_status_check
        CHECK (status IN ('planned', 'in_progress', 'awaiting_approval', 'done', 'late')),
    -- Order of the milestones in their project, from 0 (a gap or a tie only sorts by due date).
    ADD COLUMN position             integer NOT NULL DEFAULT 0 CHECK (position >= 0),
    -- Billed on approval: an amount before tax, or a share of the project's accepted quote.
    ADD COLUMN amount               bigint CHECK (amount > 0),
    ADD COLUMN quote_percent        smallint CHECK (quote_percent BETWEEN 1 AND 100),
    ADD COLUMN submitted_at         timestamptz,
    ADD COLUMN approved_at          timestamptz,
    ADD COLUMN approved_by          uuid REFERENCES users (id) ON DELETE SET NULL,
    ADD COLUMN change_request       text,
    ADD COLUMN changes_requested_at timestamptz,
    ADD COLUMN changes_requested_by uuid REFERENCES users (id) ON DELETE SET NULL,
    ADD CONSTRAINT milestones_one_billing_rule CHECK (amount IS NULL OR quote_percent IS NULL);

UPDATE milestones m SET position = ordered.n - 1
FROM (
    SELECT id, row_number() OVER (PARTITION BY project_id ORDER BY due_date NULLS LAST, created_at, id) AS n
    FROM milestones
) ordered
WHERE ordered.id = m.id;

-- The invoice a milestone's approval created: one at most, even under concurrent approvals.
ALTER TABLE invoices ADD COLUMN milestone_id uuid UNIQUE REFERENCES milestones (id) ON DELETE SET NULL;

-- `client_visible = false`: work NOURX tracks for itself, never shown to the client.
-- `board_rank`: the order of a card in its status column of the staff's global board, across
-- projects, with gaps so that a move writes one row; `position` stays the per-project order
-- the client sees.
ALTER TABLE tasks
    ADD COLUMN client_visible boolean NOT NULL DEFAULT true,
    ADD COLUMN board_rank     bigint NOT NULL DEFAULT 0;

UPDATE tasks t SET board_rank = ordered.n * 65536
FROM (
    SELECT id, row_number() OVER (PARTITION BY status ORDER BY due_date NULLS LAST, created_at, id) AS n
    FROM tasks
) ordered
WHERE ordered.id = t.id;

CREATE INDEX tasks_status_board_rank_idx ON tasks (status, board_rank, id);
CREATE INDEX tasks_assigned_to_status_board_rank_idx ON tasks (assigned_to, status, board_rank, id);
DROP INDEX tasks_assigned_to_idx;
