DROP TABLE recurring_runs;
DROP TABLE recurring_invoices;
DROP TABLE pay_link_payments;
DROP TABLE pay_links;
DROP TABLE invoice_reminders;
CREATE OR REPLACE FUNCTION invoice_totals_apply(added invoices[], removed invoices[]) RETURNS void
LANGUAGE sql AS $$
    WITH rows AS (
        SELECT r.*, 1 AS sign FROM unnest(added) r
        UNION ALL
        SELECT r.*, -1 FROM unnest(removed) r
    ),
    shares AS (
        SELECT currency, issue_date, due_date, sign,
               total_ttc AS issued_amount,
               CASE WHEN status IN ('sent', 'partially_paid') AND total_ttc > amount_paid THEN total_ttc - amount_paid ELSE 0 END AS unpaid_amount,
               (status IN ('sent', 'partially_paid') AND total_ttc > amount_paid)::int AS unpaid_count
        FROM rows
        WHERE status IN ('sent', 'partially_paid', 'paid') AND issue_date IS NOT NULL AND due_date IS NOT NULL
    ),
    delta AS (
        SELECT currency, issue_date, due_date,
               SUM(sign * issued_amount)::bigint AS issued_amount, SUM(sign)::bigint AS issued_count,
               SUM(sign * unpaid_amount)::bigint AS unpaid_amount, SUM(sign * unpaid_count)::bigint AS unpaid_count
        FROM shares GROUP BY 1, 2, 3
    )
    INSERT INTO invoice_totals AS t
    SELECT * FROM delta
    WHERE issued_amount <> 0 OR issued_count <> 0 OR unpaid_amount <> 0 OR unpaid_count <> 0
    ORDER BY 1, 2, 3
    ON CONFLICT (currency, issue_date, due_date) DO UPDATE SET
        issued_amount = t.issued_amount + EXCLUDED.issued_amount,
        issued_count = t.issued_count + EXCLUDED.issued_count,
        unpaid_amount = t.unpaid_amount + EXCLUDED.unpaid_amount,
        unpaid_count = t.unpaid_count + EXCLUDED.unpaid_count;
$$;
DROP INDEX payments_status_created_at_idx;
DROP TABLE offline_payments;
DELETE FROM payments WHERE source = 'offline';
UPDATE payments SET status = 'accepted' WHERE status = 'voided';
ALTER TABLE payments DROP CONSTRAINT payments_status_check;
ALTER TABLE payments ADD CONSTRAINT payments_status_check
    CHECK (status IN ('initiating', 'pending', 'accepted', 'refused', 'expired', 'flagged', 'failed'));
ALTER TABLE payments DROP CONSTRAINT payments_voided,
    DROP COLUMN void_reason, DROP COLUMN voided_by, DROP COLUMN voided_at, DROP COLUMN source;
DROP TABLE credit_notes;
DELETE FROM number_sequences WHERE kind = 'credit_note';
ALTER TABLE number_sequences DROP CONSTRAINT number_sequences_kind_check;
ALTER TABLE number_sequences ADD CONSTRAINT number_sequences_kind_check CHECK (kind IN ('quote', 'invoice', 'receipt'));
UPDATE invoices SET status = 'paid' WHERE status = 'credited';
ALTER TABLE invoices DROP CONSTRAINT invoices_status_check;
ALTER TABLE invoices ADD CONSTRAINT invoices_status_check
    CHECK (status IN ('draft', 'sent', 'partially_paid', 'paid', 'cancelled'));
ALTER TABLE invoices DROP CONSTRAINT invoices_never_overpaid,
    DROP COLUMN credited_amount, DROP COLUMN payment_terms, DROP COLUMN discount_total, DROP COLUMN discount_bp;
ALTER TABLE quotes DROP COLUMN payment_terms, DROP COLUMN discount_total, DROP COLUMN discount_bp;
ALTER TABLE line_items DROP COLUMN discount_bp;
