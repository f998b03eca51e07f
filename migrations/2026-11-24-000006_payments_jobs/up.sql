-- Online payments through CinetPay, the job queue of `nourx worker`, and in-app notifications.

-- Background jobs (crates/jobs). A job is claimed with FOR UPDATE SKIP LOCKED and leased until
-- `locked_until`: a worker that dies (even SIGKILL) loses its lease and another one runs the job
-- again, so every handler is idempotent.
CREATE TABLE jobs (
    id           uuid PRIMARY KEY,
    kind         text NOT NULL CHECK (length(kind) BETWEEN 1 AND 100),
    payload      jsonb NOT NULL DEFAULT '{}',
    status       text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'dead')),
    attempts     integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts integer NOT NULL DEFAULT 10 CHECK (max_attempts >= 1),
    run_at       timestamptz NOT NULL DEFAULT now(),
    locked_until timestamptz,
    locked_by    text,
    last_error   text,
    -- At most one queued job per key: twenty identical notifications queue one re-check.
    unique_key   text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz
);
CREATE UNIQUE INDEX jobs_unique_key_queued_idx ON jobs (unique_key) WHERE status = 'queued';
CREATE INDEX jobs_queued_run_at_idx ON jobs (run_at) WHERE status = 'queued';
CREATE INDEX jobs_running_locked_until_idx ON jobs (locked_until) WHERE status = 'running';
CREATE INDEX jobs_status_created_at_idx ON jobs (status, created_at DESC);

-- The periodic scheduler's state: each task's next run, claimed by one worker at a time.
CREATE TABLE periodic_tasks (
    name        text PRIMARY KEY,
    next_run_at timestamptz NOT NULL DEFAULT now(),
    last_run_at timestamptz,
    locked_by   text
);

-- Receipts of online payments are numbered like quotes and invoices: REC-2026-0001.
ALTER TABLE number_sequences DROP CONSTRAINT number_sequences_kind_check;
ALTER TABLE number_sequences ADD CONSTRAINT number_sequences_kind_check
    CHECK (kind IN ('quote', 'invoice', 'receipt'));

-- Whether a client may pay an invoice in several instalments (admins switch it off).
ALTER TABLE clients ADD COLUMN partial_payments_allowed boolean NOT NULL DEFAULT true;

-- One CinetPay transaction: initialised by a client for (part of) an invoice's balance, settled
-- once when CinetPay's check confirms it.
CREATE TABLE payments (
    id                uuid PRIMARY KEY,
    invoice_id        uuid NOT NULL REFERENCES invoices (id) ON DELETE RESTRICT,
    client_id         uuid NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
    initiated_by      uuid REFERENCES users (id) ON DELETE SET NULL,
    -- Ours, sent to CinetPay: letters, digits and dashes only (CINETPAY.md §2.2).
    transaction_id    text NOT NULL UNIQUE CHECK (transaction_id ~ '^[A-Za-z0-9-]{8,64}$'),
    amount            bigint NOT NULL CHECK (amount > 0),
    currency          char(3) NOT NULL,
    site_id           text NOT NULL,
    channel           text NOT NULL DEFAULT 'ALL'
                      CHECK (channel IN ('ALL', 'MOBILE_MONEY', 'CREDIT_CARD', 'WALLET')),
    status            text NOT NULL DEFAULT 'initiating'
                      CHECK (status IN ('initiating', 'pending', 'accepted', 'refused', 'expired', 'flagged', 'failed')),
    payment_token     text,
    checkout_url      text,
    payment_method    text,
    operator_id       text,
    last_code         text,
    last_message      text,
    -- Why a payment needs an admin: amount/currency/site mismatch, received above the balance…
    flag_reason       text,
    check_count       integer NOT NULL DEFAULT 0,
    last_checked_at   timestamptz,
    next_check_at     timestamptz,
    expires_at        timestamptz NOT NULL,
    settled_at        timestamptz,
    receipt_number    text UNIQUE,
    -- The invoice's paid amount before and its balance after this payment (printed on the receipt).
    paid_before       bigint,
    balance_after     bigint,
    receipt_pdf_key   text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CHECK (status <> 'accepted' OR (settled_at IS NOT NULL AND receipt_number IS NOT NULL))
);
CREATE INDEX payments_invoice_id_idx ON payments (invoice_id, created_at DESC);
CREATE INDEX payments_client_id_created_at_idx ON payments (client_id, created_at DESC, id);
CREATE INDEX payments_created_at_idx ON payments (created_at DESC, id);
CREATE INDEX payments_pending_next_check_idx ON payments (next_check_at) WHERE status IN ('pending', 'initiating');

-- Every answer of CinetPay's /v2/payment/check, raw, with the payment it concerns.
CREATE TABLE payment_checks (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payment_id  uuid NOT NULL REFERENCES payments (id) ON DELETE CASCADE,
    trigger     text NOT NULL,
    http_status integer,
    code        text,
    status      text,
    body        jsonb,
    error       text,
    outcome     text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_checks_payment_id_idx ON payment_checks (payment_id, id);

-- Every request to the notification URL, valid or not, stored before anything else happens.
CREATE TABLE payment_notifications (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    method         text NOT NULL,
    headers        jsonb NOT NULL,
    body           text NOT NULL,
    remote_addr    text,
    transaction_id text,
    payment_id     uuid REFERENCES payments (id) ON DELETE SET NULL,
    verdict        text NOT NULL
                   CHECK (verdict IN ('ping', 'valid', 'bad_token', 'unknown_transaction', 'malformed')),
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_notifications_payment_id_idx ON payment_notifications (payment_id, id);
CREATE INDEX payment_notifications_created_at_idx ON payment_notifications (created_at DESC);

-- In-app notifications (the bell): one row per recipient.
CREATE TABLE notifications (
    id         uuid PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       text NOT NULL,
    title      text NOT NULL,
    body       text NOT NULL DEFAULT '',
    link       text,
    entity     text,
    entity_id  text,
    read_at    timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notifications_user_id_created_at_idx ON notifications (user_id, created_at DESC, id);
CREATE INDEX notifications_user_id_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
