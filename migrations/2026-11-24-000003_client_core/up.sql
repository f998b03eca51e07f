-- The client-scoped core: projects, milestones, tasks, comments, support tickets,
-- invitations, password resets, the mail outbox and the audit log.
--
-- Client-owned rows carry `client_id` (denormalized from their project) so that every
-- scoped query is `client_id = ANY($ids)` on an index; composite foreign keys keep it
-- equal to the project's client.

CREATE TABLE projects (
    id                uuid PRIMARY KEY,
    client_id         uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    name              text NOT NULL,
    description       text NOT NULL DEFAULT '',
    status            text NOT NULL DEFAULT 'draft'
                      CHECK (status IN ('draft', 'active', 'on_hold', 'completed', 'cancelled')),
    -- Set by an admin to override the progress computed from tasks and milestones.
    progress_override smallint CHECK (progress_override BETWEEN 0 AND 100),
    start_date        date,
    due_date          date,
    created_by        uuid REFERENCES users (id),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (id, client_id)
);
CREATE INDEX projects_client_id_created_at_idx ON projects (client_id, created_at DESC);
CREATE INDEX projects_status_idx ON projects (status);
CREATE INDEX projects_created_by_idx ON projects (created_by);

CREATE TABLE milestones (
    id           uuid PRIMARY KEY,
    project_id   uuid NOT NULL,
    client_id    uuid NOT NULL,
    title        text NOT NULL,
    description  text NOT NULL DEFAULT '',
    status       text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done', 'late')),
    due_date     date,
    completed_at timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (project_id, client_id) REFERENCES projects (id, client_id) ON DELETE CASCADE,
    UNIQUE (id, project_id)
);
CREATE INDEX milestones_project_id_due_date_idx ON milestones (project_id, due_date);
CREATE INDEX milestones_client_id_due_date_idx ON milestones (client_id, due_date);

CREATE TABLE tasks (
    id           uuid PRIMARY KEY,
    project_id   uuid NOT NULL,
    client_id    uuid NOT NULL,
    milestone_id uuid,
    title        text NOT NULL,
    description  text NOT NULL DEFAULT '',
    status       text NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'in_progress', 'review', 'done', 'blocked')),
    priority     text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    -- Kanban order within the (project, status) column, 0..n-1.
    position     integer NOT NULL CHECK (position >= 0),
    assigned_to  uuid REFERENCES users (id),
    due_date     date,
    completed_at timestamptz,
    created_by   uuid REFERENCES users (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (project_id, client_id) REFERENCES projects (id, client_id) ON DELETE CASCADE,
    FOREIGN KEY (milestone_id, project_id) REFERENCES milestones (id, project_id) ON DELETE SET NULL (milestone_id),
    CONSTRAINT tasks_column_position_key UNIQUE (project_id, status, position) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX tasks_client_id_status_position_idx ON tasks (client_id, status, position);
CREATE INDEX tasks_client_id_created_at_idx ON tasks (client_id, created_at DESC);
CREATE INDEX tasks_created_at_idx ON tasks (created_at DESC);
CREATE INDEX tasks_assigned_to_idx ON tasks (assigned_to);
CREATE INDEX tasks_milestone_id_idx ON tasks (milestone_id);
CREATE INDEX tasks_created_by_idx ON tasks (created_by);

CREATE TABLE comments (
    id         uuid PRIMARY KEY,
    task_id    uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    client_id  uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    author_id  uuid NOT NULL REFERENCES users (id),
    body       text NOT NULL,
    -- Visible to NOURX staff only.
    internal   boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX comments_task_id_created_at_idx ON comments (task_id, created_at);
CREATE INDEX comments_client_id_idx ON comments (client_id);
CREATE INDEX comments_author_id_idx ON comments (author_id);

CREATE TABLE tickets (
    id                 uuid PRIMARY KEY,
    -- A short number people can quote on the phone ("ticket 1042").
    number             bigint GENERATED ALWAYS AS IDENTITY (START WITH 1001) UNIQUE,
    client_id          uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    project_id         uuid,
    subject            text NOT NULL,
    status             text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'resolved', 'closed')),
    priority           text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    assigned_to        uuid REFERENCES users (id),
    created_by         uuid NOT NULL REFERENCES users (id),
    first_response_due timestamptz NOT NULL,
    resolution_due     timestamptz NOT NULL,
    first_responded_at timestamptz,
    resolved_at        timestamptz,
    closed_at          timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (project_id, client_id) REFERENCES projects (id, client_id) ON DELETE SET NULL (project_id)
);
CREATE INDEX tickets_client_id_created_at_idx ON tickets (client_id, created_at DESC);
CREATE INDEX tickets_status_idx ON tickets (status);
CREATE INDEX tickets_project_id_idx ON tickets (project_id);
CREATE INDEX tickets_assigned_to_idx ON tickets (assigned_to);
CREATE INDEX tickets_created_by_idx ON tickets (created_by);

CREATE TABLE ticket_messages (
    id         uuid PRIMARY KEY,
    ticket_id  uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    client_id  uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    author_id  uuid NOT NULL REFERENCES users (id),
    body       text NOT NULL,
    -- An internal note between NOURX staff.
    internal   boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ticket_messages_ticket_id_created_at_idx ON ticket_messages (ticket_id, created_at);
CREATE INDEX ticket_messages_client_id_idx ON ticket_messages (client_id);
CREATE INDEX ticket_messages_author_id_idx ON ticket_messages (author_id);

CREATE TABLE invitations (
    id          uuid PRIMARY KEY,
    client_id   uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    email       text NOT NULL CHECK (email = lower(email)),
    role        text NOT NULL CHECK (role IN ('owner', 'member', 'viewer')),
    -- SHA-256 of the token sent by email.
    token_hash  bytea NOT NULL UNIQUE,
    invited_by  uuid REFERENCES users (id),
    expires_at  timestamptz NOT NULL,
    accepted_at timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX invitations_client_id_idx ON invitations (client_id);
CREATE INDEX invitations_invited_by_idx ON invitations (invited_by);

CREATE TABLE password_reset_tokens (
    token_hash bytea PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_reset_tokens_user_id_idx ON password_reset_tokens (user_id);

-- Emails, written in the transaction of the change that causes them; delivered later.
CREATE TABLE outbox (
    id              uuid PRIMARY KEY,
    to_email        text NOT NULL,
    template        text NOT NULL,
    locale          text NOT NULL CHECK (locale IN ('fr', 'en')),
    subject         text NOT NULL,
    text_body       text NOT NULL,
    html_body       text NOT NULL,
    status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'kept')),
    attempts        integer NOT NULL DEFAULT 0,
    last_error      text,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_status_next_attempt_at_idx ON outbox (status, next_attempt_at);
CREATE INDEX outbox_created_at_idx ON outbox (created_at DESC);

CREATE TABLE audit_log (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_id   uuid REFERENCES users (id),
    action     text NOT NULL,
    entity     text NOT NULL,
    entity_id  text,
    diff       jsonb NOT NULL DEFAULT '{}',
    ip         text,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);
CREATE INDEX audit_log_actor_id_created_at_idx ON audit_log (actor_id, created_at DESC);
CREATE INDEX audit_log_created_at_idx ON audit_log (created_at DESC);

-- The audit log is append-only, whatever the application does.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
