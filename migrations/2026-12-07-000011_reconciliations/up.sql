-- Reconciliation with CinetPay (issue 16): each import of CinetPay's transaction statement, and
-- its comparison with NOURX's payments line by line. Imports are kept (never edited) so staff can
-- come back to what they saw and the audit log can point at one.

CREATE TABLE reconciliations (
    id                  uuid PRIMARY KEY,
    file_name           text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    period_from         date NOT NULL,
    period_to           date NOT NULL CHECK (period_to >= period_from),
    -- Lines of the statement, and the verdicts (their sum with missing_in_cinetpay is the lines below).
    statement_lines     integer NOT NULL CHECK (statement_lines >= 0),
    matched             integer NOT NULL CHECK (matched >= 0),
    amount_differs      integer NOT NULL CHECK (amount_differs >= 0),
    status_differs      integer NOT NULL CHECK (status_differs >= 0),
    missing_in_nourx    integer NOT NULL CHECK (missing_in_nourx >= 0),
    missing_in_cinetpay integer NOT NULL CHECK (missing_in_cinetpay >= 0),
    -- What the statement says was received, and what NOURX applied from CinetPay in the period.
    statement_total     bigint NOT NULL,
    nourx_total         bigint NOT NULL,
    statement_fees      bigint NOT NULL DEFAULT 0,
    imported_by         uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at          timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX reconciliations_created_at_idx ON reconciliations (created_at DESC, id);

CREATE TABLE reconciliation_lines (
    reconciliation_id uuid NOT NULL REFERENCES reconciliations (id) ON DELETE CASCADE,
    position          integer NOT NULL,
    verdict           text NOT NULL CHECK (verdict IN
                        ('matched', 'amount_differs', 'status_differs', 'missing_in_nourx', 'missing_in_cinetpay')),
    transaction_id    text NOT NULL,
    -- The statement's line in the file; null for a payment the statement lacks.
    file_line         integer,
    payment_id        uuid REFERENCES payments (id) ON DELETE SET NULL,
    statement_amount  bigint,
    statement_currency text,
    statement_status  text,
    statement_method  text,
    statement_fees    bigint,
    statement_date    timestamp,
    operator_id       text,
    PRIMARY KEY (reconciliation_id, position)
);

-- Problems first on the detail page: the lines of one verdict in file order.
CREATE INDEX reconciliation_lines_verdict_idx ON reconciliation_lines (reconciliation_id, verdict, position);
