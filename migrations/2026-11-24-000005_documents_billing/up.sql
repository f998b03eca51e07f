-- Documents on object storage; quotes and invoices with their items; yearly number
-- sequences; system settings (branding on PDFs, invoice defaults).

-- The language of the client's documents (quote and invoice PDFs, billing emails).
ALTER TABLE clients ADD COLUMN language text NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'en'));

CREATE TABLE documents (
    id            uuid PRIMARY KEY,
    client_id     uuid NOT NULL,
    project_id    uuid NOT NULL,
    uploaded_by   uuid REFERENCES users (id) ON DELETE SET NULL,
    -- Sanitised name the file is downloaded under.
    filename      text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
    -- What the browser announced; the policy pins it. `content_type` is sniffed once uploaded.
    declared_type text NOT NULL,
    declared_size bigint NOT NULL CHECK (declared_size > 0),
    content_type  text,
    size          bigint,
    sha256        bytea CHECK (sha256 IS NULL OR length(sha256) = 32),
    storage_key   text NOT NULL UNIQUE,
    visibility    text NOT NULL DEFAULT 'client' CHECK (visibility IN ('client', 'internal')),
    -- `pending` until the uploader confirms and the object is verified; never-completed
    -- uploads are deleted after a day.
    status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'ready')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    completed_at  timestamptz,
    FOREIGN KEY (project_id, client_id) REFERENCES projects (id, client_id) ON DELETE CASCADE
);
CREATE INDEX documents_client_id_created_at_idx ON documents (client_id, created_at DESC);
CREATE INDEX documents_created_at_idx ON documents (created_at DESC, id);
CREATE INDEX documents_project_id_created_at_idx ON documents (project_id, created_at DESC);
CREATE INDEX documents_pending_idx ON documents (created_at) WHERE status = 'pending';

-- The last number given per kind ('quote', 'invoice') and year. Numbers are taken inside the
-- sending transaction with an upsert on this row: concurrent sends queue on its lock, and a
-- rolled-back send gives its number back, so numbers have no gaps and no duplicates.
CREATE TABLE number_sequences (
    kind       text NOT NULL CHECK (kind IN ('quote', 'invoice')),
    year       integer NOT NULL,
    last_value bigint NOT NULL CHECK (last_value > 0),
    PRIMARY KEY (kind, year)
);

CREATE TABLE quotes (
    id             uuid PRIMARY KEY,
    client_id      uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    project_id     uuid,
    number         text UNIQUE,
    status         text NOT NULL DEFAULT 'draft'
                   CHECK (status IN ('draft', 'sent', 'accepted', 'declined', 'expired')),
    title          text NOT NULL DEFAULT '',
    currency       char(3) NOT NULL DEFAULT 'XOF',
    issue_date     date,
    valid_until    date,
    notes          text NOT NULL DEFAULT '',
    total_ht       bigint NOT NULL DEFAULT 0,
    total_tva      bigint NOT NULL DEFAULT 0,
    total_ttc      bigint NOT NULL DEFAULT 0,
    -- Bumped on every change; the stored PDF is valid for one version.
    version        integer NOT NULL DEFAULT 1,
    pdf_key        text,
    pdf_version    integer,
    created_by     uuid REFERENCES users (id) ON DELETE SET NULL,
    sent_at        timestamptz,
    decided_at     timestamptz,
    decided_by     uuid REFERENCES users (id) ON DELETE SET NULL,
    decided_ip     text,
    decline_reason text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (project_id, client_id) REFERENCES projects (id, client_id) ON DELETE SET NULL (project_id),
    CHECK ((status = 'draft') = (number IS NULL))
);
CREATE INDEX quotes_client_id_created_at_idx ON quotes (client_id, created_at DESC);
-- Staff lists every client's quotes newest first.
CREATE INDEX quotes_created_at_idx ON quotes (created_at DESC, id);
CREATE INDEX quotes_project_id_idx ON quotes (project_id);

CREATE TABLE invoices (
    id            uuid PRIMARY KEY,
    client_id     uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    project_id    uuid,
    quote_id      uuid REFERENCES quotes (id) ON DELETE SET NULL,
    number        text UNIQUE,
    status        text NOT NULL DEFAULT 'draft'
                  CHECK (status IN ('draft', 'sent', 'partially_paid', 'paid', 'cancelled')),
    title         text NOT NULL DEFAULT '',
    currency      char(3) NOT NULL DEFAULT 'XOF',
    issue_date    date,
    due_date      date,
    notes         text NOT NULL DEFAULT '',
    total_ht      bigint NOT NULL DEFAULT 0,
    total_tva     bigint NOT NULL DEFAULT 0,
    total_ttc     bigint NOT NULL DEFAULT 0,
    amount_paid   bigint NOT NULL DEFAULT 0 CHECK (amount_paid >= 0 AND amount_paid <= total_ttc),
    version       integer NOT NULL DEFAULT 1,
    pdf_key       text,
    pdf_version   integer,
    created_by    uuid REFERENCES users (id) ON DELETE SET NULL,
    sent_at       timestamptz,
    paid_at       timestamptz,
    cancelled_at  timestamptz,
    cancelled_by  uuid REFERENCES users (id) ON DELETE SET NULL,
    cancel_reason text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (project_id, client_id) REFERENCES projects (id, client_id) ON DELETE SET NULL (project_id),
    -- A draft has no number; a cancelled draft never had one.
    CHECK (status IN ('draft', 'cancelled') OR number IS NOT NULL),
    CHECK (status <> 'draft' OR number IS NULL),
    CHECK (status <> 'cancelled' OR amount_paid = 0)
);
CREATE INDEX invoices_client_id_created_at_idx ON invoices (client_id, created_at DESC);
-- Staff lists every client's invoices newest first (ties broken by id, as the API orders).
CREATE INDEX invoices_created_at_idx ON invoices (created_at DESC, id);
CREATE INDEX invoices_project_id_idx ON invoices (project_id);
CREATE INDEX invoices_unpaid_due_date_idx ON invoices (due_date) WHERE status IN ('sent', 'partially_paid');
CREATE UNIQUE INDEX invoices_quote_id_idx ON invoices (quote_id) WHERE status <> 'cancelled';

-- Items of a quote or of an invoice (exactly one of the two).
CREATE TABLE line_items (
    id                  uuid PRIMARY KEY,
    quote_id            uuid REFERENCES quotes (id) ON DELETE CASCADE,
    invoice_id          uuid REFERENCES invoices (id) ON DELETE CASCADE,
    position            integer NOT NULL CHECK (position >= 0),
    label               text NOT NULL CHECK (length(label) BETWEEN 1 AND 300),
    description         text NOT NULL DEFAULT '',
    quantity_hundredths bigint NOT NULL CHECK (quantity_hundredths > 0),
    unit_price          bigint NOT NULL CHECK (unit_price >= 0),
    tax_rate_bp         integer NOT NULL CHECK (tax_rate_bp BETWEEN 0 AND 10000),
    total_ht            bigint NOT NULL,
    total_tva           bigint NOT NULL,
    CHECK (num_nonnulls(quote_id, invoice_id) = 1)
);
CREATE INDEX line_items_quote_id_idx ON line_items (quote_id, position) WHERE quote_id IS NOT NULL;
CREATE INDEX line_items_invoice_id_idx ON line_items (invoice_id, position) WHERE invoice_id IS NOT NULL;

-- System settings by key ('branding', 'billing', …), each a JSON object validated by the API.
CREATE TABLE settings (
    key        text PRIMARY KEY,
    value      jsonb NOT NULL,
    updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
