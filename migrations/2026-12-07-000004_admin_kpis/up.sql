-- What the back-office's figures read (crates/db/src/kpis.rs), so that GET /api/admin/kpis/
-- stays an index-only read at ~60 000 invoices.

-- Invoiced per period and per month: issued (not draft, not cancelled) invoices by issue date.
CREATE INDEX invoices_issued_kpi_idx ON invoices (currency, issue_date) INCLUDE (total_ttc)
    WHERE status IN ('sent', 'partially_paid', 'paid');
-- Outstanding, overdue and ageing: the unpaid invoices with what their balance is made of.
CREATE INDEX invoices_unpaid_kpi_idx ON invoices (currency, issue_date) INCLUDE (due_date, total_ttc, amount_paid)
    WHERE status IN ('sent', 'partially_paid');
-- Collected, by operator and month: accepted payments by settlement instant.
CREATE INDEX payments_accepted_settled_at_idx ON payments (settled_at) INCLUDE (amount, currency, payment_method, invoice_id)
    WHERE status = 'accepted';
-- SLA compliance and first response of the tickets opened in a period.
CREATE INDEX tickets_created_at_idx ON tickets (created_at);
-- Late milestones and overdue tasks.
CREATE INDEX milestones_open_due_date_idx ON milestones (due_date) WHERE status <> 'done';
CREATE INDEX tasks_open_due_date_idx ON tasks (due_date) WHERE status <> 'done';
