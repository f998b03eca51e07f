DROP TRIGGER invoice_totals_delete ON invoices;
DROP TRIGGER invoice_totals_update ON invoices;
DROP TRIGGER invoice_totals_insert ON invoices;
DROP FUNCTION invoice_totals_on_delete();
DROP FUNCTION invoice_totals_on_update();
DROP FUNCTION invoice_totals_on_insert();
DROP FUNCTION invoice_totals_apply(invoices[], invoices[]);
DROP TABLE invoice_totals;
