CREATE INDEX invoices_issued_kpi_idx ON invoices (currency, issue_date) INCLUDE (total_ttc)
    WHERE status IN ('sent', 'partially_paid', 'paid');
CREATE INDEX invoices_unpaid_kpi_idx ON invoices (currency, issue_date) INCLUDE (due_date, total_ttc, amount_paid)
    WHERE status IN ('sent', 'partially_paid');
DROP TRIGGER invoice_totals_delete ON invoices;
DROP TRIGGER invoice_totals_update ON invoices;
DROP TRIGGER invoice_totals_insert ON invoices;
DROP FUNCTION invoice_totals_on_delete();
DROP FUNCTION invoice_totals_on_update();
DROP FUNCTION invoice_totals_on_insert();
DROP FUNCTION invoice_totals_apply(invoices[], invoices[]);
DROP TABLE invoice_totals;
