-- The billing desk: discounts and payment terms on quotes and invoices, credit notes (avoirs) with
-- their own gapless numbers, refunds, and payments recorded by staff outside the checkout.

-- A discount in basis points on a line (its HT) and on a whole document (every line's HT after
-- its own discount). `discount_total` is what the document's discount took off, for the PDF.
ALTER TABLE line_items ADD COLUMN discount_bp integer NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000);
ALTER TABLE quotes
    ADD COLUMN discount_bp integer NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
    ADD COLUMN discount_total bigint NOT NULL DEFAULT 0 CHECK (discount_total >= 0),
    ADD COLUMN payment_terms text NOT NULL DEFAULT '';
ALTER TABLE invoices
    ADD COLUMN discount_bp integer NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
    ADD COLUMN discount_total bigint NOT NULL DEFAULT 0 CHECK (discount_total >= 0),
    ADD COLUMN payment_terms text NOT NULL DEFAULT '',
    -- What credit notes took off the invoice (TTC). `amount_paid` stays what NOURX kept: money
    -- received, less refunds and voided payments. What is owed is total_ttc - credited - paid.
    ADD COLUMN credited_amount bigint NOT NULL DEFAULT 0 CHECK (credited_amount >= 0),
    ADD CONSTRAINT invoices_never_overpaid CHECK (amount_paid + credited_amount <= total_ttc);

-- `credited`: brought to nothing owed by credit notes, with nothing kept as payment.
ALTER TABLE invoices DROP CONSTRAINT invoices_status_check;
ALTER TABLE invoices ADD CONSTRAINT invoices_status_check
    CHECK (status IN ('draft', 'sent', 'partially_paid', 'paid', 'cancelled', 'credited'));

ALTER TABLE number_sequences DROP CONSTRAINT number_sequences_kind_check;
ALTER TABLE number_sequences ADD CONSTRAINT number_sequences_kind_check
    CHECK (kind IN ('quote', 'invoice', 'receipt', 'credit_note'));

-- A credit note (AV-2026-0001) on a sent or paid invoice: whole or partial, TTC split into HT and
-- TVA in the invoice's proportion. When the invoice had been paid beyond what it now asks, the
-- difference went back to the client: `refund_amount`, with how and its reference.
CREATE TABLE credit_notes (
    id               uuid PRIMARY KEY,
    invoice_id       uuid NOT NULL REFERENCES invoices (id) ON DELETE RESTRICT,
    client_id        uuid NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
    number           text NOT NULL UNIQUE,
    issue_date       date NOT NULL,
    currency         char(3) NOT NULL,
    total_ht         bigint NOT NULL,
    total_tva        bigint NOT NULL,
    total_ttc        bigint NOT NULL CHECK (total_ttc > 0 AND total_ttc = total_ht + total_tva),
    reason           text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
    refund_amount    bigint NOT NULL DEFAULT 0 CHECK (refund_amount >= 0 AND refund_amount <= total_ttc),
    refund_method    text CHECK (refund_method IN ('bank_transfer', 'cash', 'cheque', 'mobile_money')),
    refund_reference text NOT NULL DEFAULT '',
    pdf_key          text,
    created_by       uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CHECK ((refund_amount > 0) = (refund_method IS NOT NULL))
);
CREATE INDEX credit_notes_invoice_id_idx ON credit_notes (invoice_id, created_at);
CREATE INDEX credit_notes_client_id_issue_date_idx ON credit_notes (client_id, issue_date);

-- Payments recorded by staff (a bank transfer, cash, a cheque, a mobile-money transfer made
-- outside the checkout) share the table, the receipts and their numbers with CinetPay's; what
-- only they have lives in `offline_payments`. For them `site_id` is empty and `expires_at` is
-- when they were recorded. A payment is never deleted: a mistake is voided with a reason.
ALTER TABLE payments
    ADD COLUMN source text NOT NULL DEFAULT 'cinetpay' CHECK (source IN ('cinetpay', 'offline')),
    ADD COLUMN voided_at timestamptz,
    ADD COLUMN voided_by uuid REFERENCES users (id) ON DELETE SET NULL,
    ADD COLUMN void_reason text,
    ADD CONSTRAINT payments_voided CHECK ((status = 'voided') = (voided_at IS NOT NULL AND void_reason IS NOT NULL));
ALTER TABLE payments DROP CONSTRAINT payments_status_check;
ALTER TABLE payments ADD CONSTRAINT payments_status_check
    CHECK (status IN ('initiating', 'pending', 'accepted', 'refused', 'expired', 'flagged', 'failed', 'voided'));

CREATE TABLE offline_payments (
    payment_id         uuid PRIMARY KEY REFERENCES payments (id) ON DELETE RESTRICT,
    method             text NOT NULL CHECK (method IN ('bank_transfer', 'cash', 'cheque', 'mobile_money')),
    -- The bank's, the cheque's or the operator's reference.
    reference          text NOT NULL DEFAULT '' CHECK (length(reference) <= 200),
    received_on        date NOT NULL,
    note               text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    -- The proof (a scan of the slip, a screenshot of the transfer) in storage.
    proof_key          text,
    proof_filename     text,
    proof_content_type text,
    recorded_by        uuid REFERENCES users (id) ON DELETE SET NULL,
    CHECK ((proof_key IS NULL) = (proof_filename IS NULL))
);

-- The payments console filters by source and status, newest first.
CREATE INDEX payments_status_created_at_idx ON payments (status, created_at DESC, id);

-- The billing summary reads what is owed after credit notes; credited invoices issued nothing.
CREATE OR REPLACE FUNCTION invoice_totals_apply(added invoices[], removed invoices[]) RETURNS void
LANGUAGE sql AS $$
    WITH rows AS (
        SELECT r.*, 1 AS sign FROM unnest(added) r
        UNION ALL
        SELECT r.*, -1 FROM unnest(removed) r
    ),
    shares AS (
        SELECT currency, issue_date, due_date, sign,
               total_ttc - credited_amount AS issued_amount,
               CASE WHEN status IN ('sent', 'partially_paid') AND total_ttc - credited_amount > amount_paid
                    THEN total_ttc - credited_amount - amount_paid ELSE 0 END AS unpaid_amount,
               (status IN ('sent', 'partially_paid') AND total_ttc - credited_amount > amount_paid)::int AS unpaid_count
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

-- Reminders of unpaid invoices: one row per reminder sent. A scheduled step (days from the due
-- date) is sent at most once per invoice, whatever the number of workers: the unique index is the
-- lock. Manual reminders by staff have no step.
CREATE TABLE invoice_reminders (
    id         uuid PRIMARY KEY,
    invoice_id uuid NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    client_id  uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    step       integer,
    sent_by    uuid REFERENCES users (id) ON DELETE SET NULL,
    recipients integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX invoice_reminders_step_idx ON invoice_reminders (invoice_id, step) WHERE step IS NOT NULL;
CREATE INDEX invoice_reminders_invoice_id_idx ON invoice_reminders (invoice_id, created_at);

-- Pay links: a signed, expiring, revocable link to one invoice, sent by WhatsApp or SMS, that lets
-- whoever opens it see that invoice and pay it without an account. Only the token's SHA-256 is
-- kept: the link itself is shown once, to whoever makes it.
CREATE TABLE pay_links (
    id           uuid PRIMARY KEY,
    invoice_id   uuid NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    client_id    uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    token_hash   bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_by   uuid REFERENCES users (id) ON DELETE SET NULL,
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    revoked_by   uuid REFERENCES users (id) ON DELETE SET NULL,
    last_used_at timestamptz,
    use_count    integer NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pay_links_invoice_id_idx ON pay_links (invoice_id, created_at DESC);

-- The payments started from a pay link (no signed-in payer): where CinetPay's return leads back.
CREATE TABLE pay_link_payments (
    payment_id  uuid PRIMARY KEY REFERENCES payments (id) ON DELETE CASCADE,
    pay_link_id uuid NOT NULL REFERENCES pay_links (id) ON DELETE CASCADE
);

-- Recurring invoices (retainers: maintenance, hosting): a template with its lines, a rhythm and
-- its start; the worker issues and sends the invoice of each period on its day. A period's row in
-- `recurring_runs` is written with its invoice in one transaction, so a period is invoiced once
-- whatever the number of workers and restarts.
CREATE TABLE recurring_invoices (
    id            uuid PRIMARY KEY,
    client_id     uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    project_id    uuid,
    title         text NOT NULL DEFAULT '' CHECK (length(title) <= 200),
    currency      char(3) NOT NULL,
    notes         text NOT NULL DEFAULT '',
    payment_terms text NOT NULL DEFAULT '',
    discount_bp   integer NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
    -- [{label, description, quantity_hundredths, unit_price, tax_rate_bp, discount_bp}], priced at each issue.
    items         jsonb NOT NULL,
    rhythm        text NOT NULL CHECK (rhythm IN ('monthly', 'quarterly', 'yearly')),
    start_date    date NOT NULL,
    end_date      date,
    due_days      integer NOT NULL DEFAULT 30 CHECK (due_days BETWEEN 0 AND 365),
    -- Periods issued so far: the next one is `start_date` plus this many rhythms.
    periods_done  integer NOT NULL DEFAULT 0 CHECK (periods_done >= 0),
    next_date     date,
    status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'stopped', 'finished')),
    last_invoice_id uuid REFERENCES invoices (id) ON DELETE SET NULL,
    created_by    uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (project_id, client_id) REFERENCES projects (id, client_id) ON DELETE SET NULL (project_id),
    CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX recurring_invoices_due_idx ON recurring_invoices (next_date) WHERE status = 'active';
CREATE INDEX recurring_invoices_client_id_idx ON recurring_invoices (client_id, created_at DESC);

CREATE TABLE recurring_runs (
    recurring_id uuid NOT NULL REFERENCES recurring_invoices (id) ON DELETE CASCADE,
    period_date  date NOT NULL,
    invoice_id   uuid REFERENCES invoices (id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (recurring_id, period_date)
);
