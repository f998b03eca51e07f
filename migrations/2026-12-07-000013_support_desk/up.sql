-- The support desk (issue 17): SLA policies set in the back-office, counted in business hours or
-- calendar hours, paused while waiting for the client; alerts sent once per threshold;
-- attachments on ticket messages (they are documents); canned replies; satisfaction ratings.

-- A policy is never edited: a change writes a new version and supersedes the current one, so a
-- ticket keeps the targets it was opened with. One current version for everyone (client_id NULL)
-- and at most one per client.
CREATE TABLE sla_policies (
    id                          uuid PRIMARY KEY,
    client_id                   uuid REFERENCES clients (id) ON DELETE CASCADE,
    counting                    text NOT NULL CHECK (counting IN ('business_hours', 'calendar_hours')),
    pause_while_waiting         boolean NOT NULL,
    urgent_first_response_min   integer NOT NULL CHECK (urgent_first_response_min > 0),
    urgent_resolution_min       integer NOT NULL CHECK (urgent_resolution_min >= urgent_first_response_min),
    high_first_response_min     integer NOT NULL CHECK (high_first_response_min > 0),
    high_resolution_min         integer NOT NULL CHECK (high_resolution_min >= high_first_response_min),
    normal_first_response_min   integer NOT NULL CHECK (normal_first_response_min > 0),
    normal_resolution_min       integer NOT NULL CHECK (normal_resolution_min >= normal_first_response_min),
    low_first_response_min      integer NOT NULL CHECK (low_first_response_min > 0),
    low_resolution_min          integer NOT NULL CHECK (low_resolution_min >= low_first_response_min),
    created_by                  uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    superseded_at               timestamptz
);
CREATE UNIQUE INDEX sla_policies_current_idx
    ON sla_policies ((coalesce(client_id, '00000000-0000-0000-0000-000000000000'::uuid)))
    WHERE superseded_at IS NULL;

-- Public holidays staff maintain: closed days under business-hours counting.
CREATE TABLE public_holidays (
    day        date PRIMARY KEY,
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The policy a ticket was opened with (NULL: the built-in default, around the clock), when less
-- than a quarter of each target is left, and since when its clocks stand still.
ALTER TABLE tickets
    ADD COLUMN sla_policy_id            uuid REFERENCES sla_policies (id),
    ADD COLUMN first_response_risk_at   timestamptz,
    ADD COLUMN resolution_risk_at       timestamptz,
    ADD COLUMN paused_since             timestamptz;
UPDATE tickets
   SET first_response_risk_at = first_response_due - (first_response_due - created_at) / 4,
       resolution_risk_at     = resolution_due - (resolution_due - created_at) / 4;
ALTER TABLE tickets
    ALTER COLUMN first_response_risk_at SET NOT NULL,
    ALTER COLUMN resolution_risk_at SET NOT NULL,
    ADD CONSTRAINT tickets_id_client_id_key UNIQUE (id, client_id);
-- The inbox sorted by time left: the next running deadline (`nourx_db::tickets` orders by this
-- very expression, so the index serves the sort).
CREATE INDEX tickets_next_deadline_idx ON tickets ((CASE WHEN tickets.status IN ('open', 'pending') AND tickets.paused_since IS NULL
     THEN CASE WHEN tickets.first_responded_at IS NULL THEN LEAST(tickets.first_response_due, tickets.resolution_due)
     ELSE tickets.resolution_due END END), id);
CREATE INDEX tickets_unassigned_idx ON tickets (created_at) WHERE assigned_to IS NULL;
-- The at-risk and breached filters: running clocks by their deadline, then risk instant. Deadline
-- first: "at risk" (risk instant < now <= deadline) then visits only the clocks not yet due, and
-- "breached" only those past due, however large the other side grows.
CREATE INDEX tickets_first_response_running_idx ON tickets (first_response_due, first_response_risk_at)
    WHERE status IN ('open', 'pending') AND paused_since IS NULL AND first_responded_at IS NULL;
CREATE INDEX tickets_resolution_running_idx ON tickets (resolution_due, resolution_risk_at)
    WHERE status IN ('open', 'pending') AND paused_since IS NULL AND resolved_at IS NULL;

-- What happened to a ticket's clocks: pauses, resumptions, and the alerts sent (once each).
CREATE TABLE ticket_sla_events (
    id        uuid PRIMARY KEY,
    ticket_id uuid NOT NULL,
    client_id uuid NOT NULL,
    kind      text NOT NULL CHECK (kind IN ('started', 'paused', 'resumed', 'first_response_met',
              'resolved', 'reopened', 'priority_changed', 'first_response_at_risk',
              'first_response_breached', 'resolution_at_risk', 'resolution_breached')),
    at        timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (ticket_id, client_id) REFERENCES tickets (id, client_id) ON DELETE CASCADE
);
CREATE INDEX ticket_sla_events_ticket_idx ON ticket_sla_events (ticket_id, at, id);
CREATE UNIQUE INDEX ticket_sla_alerts_once_idx ON ticket_sla_events (ticket_id, kind)
    WHERE kind IN ('first_response_at_risk', 'first_response_breached', 'resolution_at_risk', 'resolution_breached');

-- Attachments of ticket messages are documents of the ticket (same upload, checks and quota):
-- a document belongs to a project, or to a ticket and, once sent, to one of its messages.
ALTER TABLE documents
    ALTER COLUMN project_id DROP NOT NULL,
    ADD COLUMN ticket_id uuid,
    ADD COLUMN ticket_message_id uuid REFERENCES ticket_messages (id) ON DELETE CASCADE,
    ADD CONSTRAINT documents_ticket_fk FOREIGN KEY (ticket_id, client_id)
        REFERENCES tickets (id, client_id) ON DELETE CASCADE,
    ADD CONSTRAINT documents_owner_check CHECK (project_id IS NOT NULL OR ticket_id IS NOT NULL);
CREATE INDEX documents_ticket_id_idx ON documents (ticket_id) WHERE ticket_id IS NOT NULL;
CREATE INDEX documents_ticket_message_id_idx ON documents (ticket_message_id) WHERE ticket_message_id IS NOT NULL;

-- Saved answers staff insert in a reply, in both languages, with variables.
CREATE TABLE canned_replies (
    id         uuid PRIMARY KEY,
    title      text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
    body_fr    text NOT NULL CHECK (length(body_fr) BETWEEN 1 AND 10000),
    body_en    text NOT NULL CHECK (length(body_en) BETWEEN 1 AND 10000),
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX canned_replies_title_idx ON canned_replies (lower(title));

-- The client's rating of a resolved ticket: one per ticket, changeable.
CREATE TABLE ticket_ratings (
    ticket_id  uuid PRIMARY KEY,
    client_id  uuid NOT NULL,
    score      smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment    text NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
    rated_by   uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (ticket_id, client_id) REFERENCES tickets (id, client_id) ON DELETE CASCADE
);
CREATE INDEX ticket_ratings_created_at_idx ON ticket_ratings (created_at);
