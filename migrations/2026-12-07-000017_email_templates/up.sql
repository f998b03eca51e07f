-- Admins' own wording of an email template (issue 18), per template and language. Without a row the
-- built-in source (crates/mail/templates) is used. An override was checked when it was saved (it
-- parses, names only its template's variables and renders with sample data); should one fail when an
-- email is sent anyway (a variable removed by a later release), the built-in source is sent instead.
CREATE TABLE email_templates (
    -- A `TemplateKey` (invoice_sent, ticket_reply…): the list lives in the code, as the outbox's.
    template   text NOT NULL CHECK (template ~ '^[a-z_]{1,60}$'),
    locale     text NOT NULL CHECK (locale IN ('fr', 'en')),
    subject    text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
    text_body  text NOT NULL CHECK (length(text_body) BETWEEN 1 AND 20000),
    -- The content of the HTML body; NULL: derived from the text, as for every built-in template.
    html_body  text CHECK (length(html_body) BETWEEN 1 AND 50000),
    updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (template, locale)
);
