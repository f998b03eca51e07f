-- The activity feed filters the audit log by client (GET /api/admin/activity/?client=…).
ALTER TABLE audit_log ADD COLUMN client_id uuid; -- no foreign key: the log outlives a deleted client

-- Rows written before the column: the client of the entity, when the entity is client-owned and
-- still there (entity_id is text: only rows whose entity holds uuids are cast).
UPDATE audit_log SET client_id = entity_id::uuid
    WHERE entity = 'client' AND entity_id ~ '^[0-9a-f-]{36}$' AND EXISTS (SELECT 1 FROM clients c WHERE c.id::text = audit_log.entity_id);
UPDATE audit_log SET client_id = split_part(entity_id, ':', 1)::uuid
    WHERE entity = 'client_member' AND EXISTS (SELECT 1 FROM clients c WHERE c.id::text = split_part(audit_log.entity_id, ':', 1));
UPDATE audit_log a SET client_id = t.client_id FROM projects t WHERE a.entity = 'project' AND t.id::text = a.entity_id;
UPDATE audit_log a SET client_id = t.client_id FROM milestones t WHERE a.entity = 'milestone' AND t.id::text = a.entity_id;
UPDATE audit_log a SET client_id = t.client_id FROM tasks t WHERE a.entity = 'task' AND t.id::text = a.entity_id;
UPDATE audit_log a SET client_id = t.client_id FROM comments t WHERE a.entity = 'comment' AND t.id::text = a.entity_id;
UPDATE audit_log a SET client_id = t.client_id FROM tickets t WHERE a.entity = 'ticket' AND t.id::text = a.entity_id;
UPDATE audit_log a SET client_id = t.client_id FROM ticket_messages t WHERE a.entity = 'ticket_message' AND t.id::text = a.entity_id;
UPDATE audit_log a SET client_id = t.client_id FROM documents t WHERE a.entity = 'document' AND t.id::text = a.entity_id;
UPDATE audit_log a SET client_id = t.client_id FROM quotes t WHERE a.entity = 'quote' AND t.id::text = a.entity_id;
UPDATE audit_log a SET client_id = t.client_id FROM invoices t WHERE a.entity = 'invoice' AND t.id::text = a.entity_id;
UPDATE audit_log a SET client_id = t.client_id FROM payments t WHERE a.entity = 'payment' AND t.id::text = a.entity_id;
UPDATE audit_log a SET client_id = t.client_id FROM invitations t WHERE a.entity = 'invitation' AND t.id::text = a.entity_id;

CREATE INDEX audit_log_client_id_idx ON audit_log (client_id, id DESC);
