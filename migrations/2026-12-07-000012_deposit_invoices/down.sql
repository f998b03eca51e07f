DELETE FROM line_items WHERE unit_price < 0;
ALTER TABLE line_items DROP CONSTRAINT line_items_unit_price_check;
ALTER TABLE line_items ADD CONSTRAINT line_items_unit_price_check CHECK (unit_price >= 0);
DROP INDEX invoices_quote_deposit_idx;
DROP INDEX invoices_quote_id_idx;
UPDATE invoices SET status = 'cancelled', amount_paid = 0 WHERE deposit_percent_bp IS NOT NULL AND status <> 'cancelled';
CREATE UNIQUE INDEX invoices_quote_id_idx ON invoices (quote_id) WHERE status <> 'cancelled';
ALTER TABLE invoices DROP COLUMN deposit_percent_bp;
