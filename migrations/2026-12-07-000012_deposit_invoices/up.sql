-- Deposit invoices (acomptes): a share of an accepted quote, invoiced before the work; the final
-- invoice of the quote (its balance) then deducts it with one line per TVA rate at a negative
-- price. One live deposit and one live final invoice per quote.
-- Written to run also on development databases that got these changes from an earlier draft of
-- migration 000010 (IF [NOT] EXISTS throughout).
ALTER TABLE invoices ADD COLUMN IF NOT EXISTS deposit_percent_bp integer CHECK (deposit_percent_bp BETWEEN 1 AND 9999);
DROP INDEX IF EXISTS invoices_quote_id_idx;
DROP INDEX IF EXISTS invoices_quote_deposit_idx;
CREATE UNIQUE INDEX invoices_quote_id_idx ON invoices (quote_id) WHERE status <> 'cancelled' AND deposit_percent_bp IS NULL;
CREATE UNIQUE INDEX invoices_quote_deposit_idx ON invoices (quote_id)
    WHERE status <> 'cancelled' AND deposit_percent_bp IS NOT NULL;
-- Only an invoice's deduction of its deposit has a negative price (staff never type one).
ALTER TABLE line_items DROP CONSTRAINT IF EXISTS line_items_unit_price_check;
ALTER TABLE line_items ADD CONSTRAINT line_items_unit_price_check CHECK (unit_price >= 0 OR invoice_id IS NOT NULL);
