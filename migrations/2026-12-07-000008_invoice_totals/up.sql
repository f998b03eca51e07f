-- The back-office's billing figures read a summary instead of every unpaid invoice: per currency,
-- issue date and due date, what was issued and what is still owed. Kept exact by statement-level
-- triggers on invoices (every write, including raw SQL and bulk seeds, goes through them), so
-- GET /api/admin/kpis/ sums a few hundred rows rather than tens of thousands of invoices.
CREATE TABLE invoice_totals (
    currency char(3) NOT NULL,
    issue_date date NOT NULL,
    due_date date NOT NULL,
    -- Issued invoices (sent, partially paid, paid): their total.
    issued_amount bigint NOT NULL DEFAULT 0,
    issued_count bigint NOT NULL DEFAULT 0,
    -- Sent or partially paid with something left to pay: that balance.
    unpaid_amount bigint NOT NULL DEFAULT 0,
    unpaid_count bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (currency, issue_date, due_date)
);

-- Adds the shares of `added` and removes those of `removed` (rows of invoices, as the statement's
-- transition tables give them), in key order so concurrent writers lock summary rows alike.
CREATE FUNCTION invoice_totals_apply(added invoices[], removed invoices[]) RETURNS void
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

CREATE FUNCTION invoice_totals_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM invoice_totals_apply((SELECT array_agg(n::invoices) FROM new_rows n), '{}');
    RETURN NULL;
END $$;

CREATE FUNCTION invoice_totals_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM invoice_totals_apply((SELECT array_agg(n::invoices) FROM new_rows n), (SELECT array_agg(o::invoices) FROM old_rows o));
    RETURN NULL;
END $$;

CREATE FUNCTION invoice_totals_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM invoice_totals_apply('{}', (SELECT array_agg(o::invoices) FROM old_rows o));
    RETURN NULL;
END $$;

-- The invoices already there.
SELECT invoice_totals_apply((SELECT array_agg(i) FROM invoices i), '{}');

CREATE TRIGGER invoice_totals_insert AFTER INSERT ON invoices
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION invoice_totals_on_insert();
CREATE TRIGGER invoice_totals_update AFTER UPDATE ON invoices
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION invoice_totals_on_update();
CREATE TRIGGER invoice_totals_delete AFTER DELETE ON invoices
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION invoice_totals_on_delete();

-- The two invoice indexes migration 000004 made for the figures: the summary replaces them.
DROP INDEX invoices_issued_kpi_idx;
DROP INDEX invoices_unpaid_kpi_idx;
