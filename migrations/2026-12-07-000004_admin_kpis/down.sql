DROP INDEX tasks_open_due_date_idx;
DROP INDEX milestones_open_due_date_idx;
DROP INDEX tickets_created_at_idx;
DROP INDEX payments_accepted_settled_at_idx;
DROP INDEX invoices_unpaid_kpi_idx;
DROP INDEX invoices_issued_kpi_idx;
