-- The live event stream: a row per change someone may want to see at once, announced on commit
-- to every API process (NOTIFY nourx_events), kept a day so a browser that reconnects catches up.
-- Rows name ids only: the browser reads the data itself through the scoped API.
CREATE TABLE events (
    id         bigserial PRIMARY KEY,
    -- `task.changed`, `task.comment`, `ticket.changed`, `ticket.message`, `payment.changed`,
    -- `notification.created`, `activity`.
    kind       text NOT NULL,
    -- Who may receive it: NOURX staff, the people of a client, one person (any that is set).
    staff      boolean NOT NULL DEFAULT false,
    client_id  uuid,
    user_id    uuid,
    data       jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_created_at_idx ON events (created_at, id);

CREATE FUNCTION events_announce() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('nourx_events', json_build_object(
        'id', NEW.id, 'kind', NEW.kind, 'staff', NEW.staff, 'client_id', NEW.client_id,
        'user_id', NEW.user_id, 'data', NEW.data, 'created_at', NEW.created_at)::text);
    RETURN NULL;
END $$;
CREATE TRIGGER events_announce AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION events_announce();

-- Each source table below gets statement-level triggers: one event per project, ticket or
-- person a statement touched, not one per row (a board move renumbers a column).

-- Tasks: staff always; the client's people when one of the tasks is (or was) visible to them.
CREATE FUNCTION events_of_tasks(touched tasks[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO events (kind, staff, client_id, data)
    SELECT 'task.changed', true, CASE WHEN bool_or(t.client_visible) THEN t.client_id END,
           jsonb_build_object('project_id', t.project_id)
    FROM unnest(touched) AS t
    GROUP BY t.client_id, t.project_id
$$;
CREATE FUNCTION events_on_tasks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM events_of_tasks(ARRAY(SELECT n::tasks FROM new_rows n));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM events_of_tasks(ARRAY(SELECT n::tasks FROM new_rows n UNION ALL SELECT o::tasks FROM old_rows o));
    ELSE
        PERFORM events_of_tasks(ARRAY(SELECT o::tasks FROM old_rows o));
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER events_tasks_insert AFTER INSERT ON tasks
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION events_on_tasks();
CREATE TRIGGER events_tasks_update AFTER UPDATE ON tasks
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION events_on_tasks();
CREATE TRIGGER events_tasks_delete AFTER DELETE ON tasks
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION events_on_tasks();

-- Task comments: an internal note reaches staff only.
CREATE FUNCTION events_on_comments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO events (kind, staff, client_id, data)
    SELECT 'task.comment', true, CASE WHEN bool_and(c.internal) THEN NULL ELSE c.client_id END,
           jsonb_build_object('task_id', c.task_id)
    FROM new_rows AS c
    GROUP BY c.client_id, c.task_id;
    RETURN NULL;
END $$;
CREATE TRIGGER events_comments_insert AFTER INSERT ON comments
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION events_on_comments();
CREATE TRIGGER events_comments_update AFTER UPDATE ON comments
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION events_on_comments();

-- Tickets: staff and the client's people; a statement touching many tickets of a client names none.
CREATE FUNCTION events_of_tickets(touched tickets[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO events (kind, staff, client_id, data)
    SELECT 'ticket.changed', true, t.client_id,
           CASE WHEN count(DISTINCT t.id) = 1 THEN jsonb_build_object('ticket_id', (array_agg(t.id))[1])
                ELSE '{}'::jsonb END
    FROM unnest(touched) AS t
    GROUP BY t.client_id
$$;
CREATE FUNCTION events_on_tickets() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM events_of_tickets(ARRAY(SELECT n::tickets FROM new_rows n));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM events_of_tickets(ARRAY(SELECT n::tickets FROM new_rows n));
    ELSE
        PERFORM events_of_tickets(ARRAY(SELECT o::tickets FROM old_rows o));
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER events_tickets_insert AFTER INSERT ON tickets
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION events_on_tickets();
CREATE TRIGGER events_tickets_update AFTER UPDATE ON tickets
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION events_on_tickets();
CREATE TRIGGER events_tickets_delete AFTER DELETE ON tickets
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION events_on_tickets();

-- A message in a ticket's thread: an internal note reaches staff only.
CREATE FUNCTION events_on_ticket_messages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO events (kind, staff, client_id, data)
    SELECT 'ticket.message', true, CASE WHEN bool_and(m.internal) THEN NULL ELSE m.client_id END,
           jsonb_build_object('ticket_id', m.ticket_id)
    FROM new_rows AS m
    GROUP BY m.client_id, m.ticket_id;
    RETURN NULL;
END $$;
CREATE TRIGGER events_ticket_messages_insert AFTER INSERT ON ticket_messages
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION events_on_ticket_messages();

-- Payments: a new one, or a change of status (not the re-check bookkeeping).
CREATE FUNCTION events_of_payments(touched payments[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO events (kind, staff, client_id, data)
    SELECT 'payment.changed', true, p.client_id,
           jsonb_build_object('payment_id', p.id, 'invoice_id', p.invoice_id, 'status', p.status)
    FROM unnest(touched) AS p
$$;
CREATE FUNCTION events_on_payments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM events_of_payments(ARRAY(SELECT n::payments FROM new_rows n));
    ELSE
        PERFORM events_of_payments(ARRAY(
            SELECT n::payments FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE n.status IS DISTINCT FROM o.status OR n.voided_at IS DISTINCT FROM o.voided_at));
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER events_payments_insert AFTER INSERT ON payments
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION events_on_payments();
CREATE TRIGGER events_payments_update AFTER UPDATE ON payments
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION events_on_payments();

-- The bell: its owner only.
CREATE FUNCTION events_on_notifications() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO events (kind, user_id, data)
    SELECT 'notification.created', n.user_id, jsonb_build_object('count', count(*))
    FROM new_rows AS n
    GROUP BY n.user_id;
    RETURN NULL;
END $$;
CREATE TRIGGER events_notifications_insert AFTER INSERT ON notifications
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION events_on_notifications();

-- The staff dashboard's activity and alerts: every audited change, once per statement.
CREATE FUNCTION events_on_audit_log() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO events (kind, staff, data)
    SELECT 'activity', true, jsonb_build_object('entities', jsonb_agg(DISTINCT a.entity))
    FROM new_rows AS a
    HAVING count(*) > 0;
    RETURN NULL;
END $$;
CREATE TRIGGER events_audit_log_insert AFTER INSERT ON audit_log
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION events_on_audit_log();
