//! Records built through the real API, as a test would by hand: each builder fills in sensible
//! defaults, POSTs as NOURX staff ([`TestApp::kit_staff`]) unless told `by(&actor)`, and panics
//! with the answer if the API refuses.
//!
//! ```ignore
//! let invoice = InvoiceBuilder::new(&tenant).line("Site web", 1, 150_000).sent().build(&app).await;
//! let payment = PaymentBuilder::new(&payer, invoice.id).settled().build(&app).await;
//! ```

use std::marker::PhantomData;
use std::ops::Index;

use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::{Actor, Tenant, TestApp, TestClient};

/// What the API answered for a created record: its id and its JSON.
#[derive(Debug, Clone)]
pub struct Record {
    pub id: Uuid,
    pub body: Value,
}

impl Record {
    fn from_body(body: Value, id_field: &str) -> Record {
        let id =
            body[id_field].as_str().and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("no {id_field} in {body}"));
        Record { id, body }
    }

    /// The top-level string field `field`.
    #[track_caller]
    pub fn str(&self, field: &str) -> &str {
        self.body[field].as_str().unwrap_or_else(|| panic!("no string {field} in {}", self.body))
    }
}

impl Index<&str> for Record {
    type Output = Value;

    fn index(&self, field: &str) -> &Value {
        &self.body[field]
    }
}

/// Whatever names one client company: a [`Tenant`] or its id.
pub trait ClientRef {
    fn client_id(&self) -> Uuid;
}

impl ClientRef for Tenant {
    fn client_id(&self) -> Uuid {
        self.id
    }
}

impl ClientRef for Uuid {
    fn client_id(&self) -> Uuid {
        *self
    }
}

/// A JSON object to POST, and who POSTs it.
#[derive(Clone, Default)]
struct Draft {
    body: Map<String, Value>,
    by: Option<TestClient>,
}

impl Draft {
    fn new(body: Value) -> Draft {
        match body {
            Value::Object(body) => Draft { body, by: None },
            other => panic!("a builder's body is an object, not {other}"),
        }
    }

    fn set(&mut self, key: &str, value: impl Into<Value>) {
        self.body.insert(key.to_owned(), value.into());
    }

    fn get(&self, key: &str) -> Option<&Value> {
        self.body.get(key)
    }

    async fn author(&self, app: &TestApp) -> TestClient {
        match &self.by {
            Some(client) => client.clone(),
            None => app.kit_staff().await.http.clone(),
        }
    }

    async fn post(&self, app: &TestApp, path: &str) -> Record {
        let response = self.author(app).await.post(path, &Value::Object(self.body.clone())).await.assert_status(201);
        Record::from_body(response.body, "id")
    }
}

/// `field` (any field of the request body) and `by` (who sends it) for every builder.
macro_rules! draft_methods {
    () => {
        /// Sets any field of the request body.
        pub fn field(mut self, key: &str, value: impl Into<Value>) -> Self {
            self.draft.set(key, value);
            self
        }

        /// Sent by `actor` instead of NOURX staff.
        pub fn by(mut self, actor: &Actor) -> Self {
            self.draft.by = Some(actor.http.clone());
            self
        }
    };
}

/// A project of a client (NOURX staff create them): "Site vitrine" unless named.
pub struct ProjectBuilder {
    draft: Draft,
}

impl ProjectBuilder {
    pub fn new(client: &impl ClientRef) -> ProjectBuilder {
        ProjectBuilder { draft: Draft::new(json!({"client_id": client.client_id(), "name": "Site vitrine"})) }
    }

    pub fn name(self, name: &str) -> Self {
        self.field("name", name)
    }

    pub fn status(self, status: &str) -> Self {
        self.field("status", status)
    }

    draft_methods!();

    pub async fn build(self, app: &TestApp) -> Record {
        self.draft.post(app, "/api/projects/").await
    }
}

/// A milestone of a project: "Jalon" unless titled.
pub struct MilestoneBuilder {
    draft: Draft,
    submit: bool,
}

impl MilestoneBuilder {
    pub fn new(project_id: Uuid) -> MilestoneBuilder {
        MilestoneBuilder { draft: Draft::new(json!({"project_id": project_id, "title": "Jalon"})), submit: false }
    }

    pub fn title(self, title: &str) -> Self {
        self.field("title", title)
    }

    /// Billed on approval: `amount` francs before tax.
    pub fn amount(self, amount: i64) -> Self {
        self.field("amount", amount)
    }

    /// Submitted to the client (in progress, then awaiting approval).
    pub fn awaiting_approval(mut self) -> Self {
        self.submit = true;
        self.field("status", "in_progress")
    }

    draft_methods!();

    /// The record as the API last answered it (after submitting it, when asked).
    pub async fn build(self, app: &TestApp) -> Record {
        let mut record = self.draft.post(app, "/api/milestones/").await;
        if self.submit {
            let author = self.draft.author(app).await;
            let path = format!("/api/milestones/{}/", record.id);
            record.body = author.patch(&path, &json!({"status": "awaiting_approval"})).await.assert_status(200).body;
        }
        record
    }
}

/// A kanban task of a project, in "todo": "Tâche" unless titled.
pub struct TaskBuilder {
    draft: Draft,
}

impl TaskBuilder {
    pub fn new(project_id: Uuid) -> TaskBuilder {
        TaskBuilder { draft: Draft::new(json!({"project_id": project_id, "title": "Tâche"})) }
    }

    pub fn title(self, title: &str) -> Self {
        self.field("title", title)
    }

    pub fn assigned_to(self, user_id: Uuid) -> Self {
        self.field("assigned_to", user_id.to_string())
    }

    pub fn priority(self, priority: &str) -> Self {
        self.field("priority", priority)
    }

    draft_methods!();

    pub async fn build(self, app: &TestApp) -> Record {
        self.draft.post(app, "/api/tasks/").await
    }
}

/// A support ticket of a client with its first message, opened by NOURX staff unless `by` one
/// of the client's people.
pub struct TicketBuilder {
    draft: Draft,
    /// Statuses NOURX staff move it to once opened, in order.
    moves: Vec<&'static str>,
}

impl TicketBuilder {
    pub fn new(client: &impl ClientRef) -> TicketBuilder {
        TicketBuilder {
            draft: Draft::new(json!({"client_id": client.client_id(), "subject": "Sujet", "message": "Bonjour"})),
            moves: Vec::new(),
        }
    }

    /// Resolved by NOURX staff once opened (the client may rate it).
    pub fn resolved(mut self) -> Self {
        self.moves.push("resolved");
        self
    }

    /// Waiting for the client (`pending`) once opened.
    pub fn waiting(mut self) -> Self {
        self.moves.push("pending");
        self
    }

    pub fn subject(self, subject: &str) -> Self {
        self.field("subject", subject)
    }

    pub fn message(self, message: &str) -> Self {
        self.field("message", message)
    }

    pub fn priority(self, priority: &str) -> Self {
        self.field("priority", priority)
    }

    pub fn project(self, project_id: Uuid) -> Self {
        self.field("project_id", project_id.to_string())
    }

    draft_methods!();

    pub async fn build(self, app: &TestApp) -> Record {
        let record = self.draft.post(app, "/api/tickets/").await;
        for status in self.moves {
            let url = format!("/api/tickets/{}/", record.id);
            app.kit_staff().await.patch(&url, &json!({"status": status})).await.assert_status(200);
        }
        record
    }
}

/// Quotes and invoices share their builder; the kind says which.
pub trait BillingKind {
    /// The collection: "quotes" or "invoices".
    const PATH: &'static str;
}

pub struct Quote;
pub struct Invoice;

impl BillingKind for Quote {
    const PATH: &'static str = "quotes";
}

impl BillingKind for Invoice {
    const PATH: &'static str = "invoices";
}

/// A draft quote or invoice made by NOURX staff, sent when asked; one line "Prestation" of
/// 100 000 (VAT 18 %) unless lines are given.
pub struct BillingBuilder<K> {
    draft: Draft,
    items: Vec<Value>,
    send: bool,
    accept: bool,
    /// (issue date, due date) written over the ones the API set, after sending.
    dates: Option<(String, String)>,
    kind: PhantomData<K>,
}

pub type InvoiceBuilder = BillingBuilder<Invoice>;
pub type QuoteBuilder = BillingBuilder<Quote>;

impl<K: BillingKind> BillingBuilder<K> {
    pub fn new(client: &impl ClientRef) -> Self {
        BillingBuilder {
            draft: Draft::new(json!({"client_id": client.client_id()})),
            items: Vec::new(),
            send: false,
            accept: false,
            dates: None,
            kind: PhantomData,
        }
    }

    pub fn title(self, title: &str) -> Self {
        self.field("title", title)
    }

    /// A line at the API's default VAT rate.
    pub fn line(mut self, label: &str, quantity: impl Into<Value>, unit_price: i64) -> Self {
        self.items.push(json!({"label": label, "quantity": quantity.into(), "unit_price": unit_price}));
        self
    }

    /// A line without VAT (its total is quantity × unit price).
    pub fn exempt_line(mut self, label: &str, quantity: impl Into<Value>, unit_price: i64) -> Self {
        self.items
            .push(json!({"label": label, "quantity": quantity.into(), "unit_price": unit_price, "tax_rate": "0"}));
        self
    }

    /// A line with its own discount (percent) at the API's default VAT rate.
    pub fn discounted_line(mut self, label: &str, quantity: impl Into<Value>, unit_price: i64, discount: &str) -> Self {
        self.items
            .push(json!({"label": label, "quantity": quantity.into(), "unit_price": unit_price, "discount": discount}));
        self
    }

    /// A discount (percent) on the whole document.
    pub fn discount(self, discount: &str) -> Self {
        self.field("discount", discount)
    }

    /// Lines exactly as the API takes them.
    pub fn items(mut self, items: Value) -> Self {
        self.items = items.as_array().unwrap_or_else(|| panic!("items are a list, not {items}")).clone();
        self
    }

    /// Sent to the client (numbered, emailed) after it is created.
    pub fn sent(mut self) -> Self {
        self.send = true;
        self
    }

    draft_methods!();

    /// The record as the API last answered it (after sending, when sent).
    pub async fn build(mut self, app: &TestApp) -> Record {
        if self.items.is_empty() {
            self = self.line("Prestation", 1, 100_000);
        }
        let items = Value::Array(std::mem::take(&mut self.items));
        self.draft.set("items", items);
        let mut record = self.draft.post(app, &format!("/api/{}/", K::PATH)).await;
        let author = self.draft.author(app).await;
        for (wanted, action) in [(self.send, "send"), (self.accept, "accept")] {
            if wanted {
                let path = format!("/api/{}/{}/{action}/", K::PATH, record.id);
                record.body = author.post(&path, &json!({})).await.assert_status(200).body;
            }
        }
        if let Some((issue_date, due_date)) = &self.dates {
            let table = K::PATH;
            let due_column = if table == "invoices" { "due_date" } else { "valid_until" };
            let id = record.id;
            app.sql(format!(
                "UPDATE {table} SET issue_date = '{issue_date}', {due_column} = '{due_date}' WHERE id = '{id}'"
            ))
            .await;
            record.body["issue_date"] = json!(issue_date);
            record.body[due_column] = json!(due_date);
        }
        record
    }
}

impl BillingBuilder<Invoice> {
    /// Sent, then dated as if issued on `issue_date` (`YYYY-MM-DD`) and due on `due_date`.
    pub fn issued(mut self, issue_date: &str, due_date: &str) -> Self {
        self.send = true;
        self.dates = Some((issue_date.to_owned(), due_date.to_owned()));
        self
    }
}

impl BillingBuilder<Quote> {
    /// Sent, then accepted (by NOURX staff on the client's behalf unless `by` an owner).
    pub fn accepted(mut self) -> Self {
        self.send = true;
        self.accept = true;
        self
    }
}

/// A document of a project whose file is in the storage (as if a browser had sent it), completed
/// unless `pending`: "notes.txt", 5 bytes of text, visible to the client.
pub struct DocumentBuilder {
    draft: Draft,
    content: Vec<u8>,
    complete: bool,
}

impl DocumentBuilder {
    pub fn new(project_id: Uuid) -> DocumentBuilder {
        DocumentBuilder {
            draft: Draft::new(json!({"project_id": project_id, "filename": "notes.txt", "content_type": "text/plain"})),
            content: b"Notes".to_vec(),
            complete: true,
        }
    }

    /// An attachment for a message of ticket `ticket_id` (sent with `attachment_ids`).
    pub fn for_ticket(ticket_id: Uuid) -> DocumentBuilder {
        DocumentBuilder {
            draft: Draft::new(json!({"ticket_id": ticket_id, "filename": "capture.txt", "content_type": "text/plain"})),
            content: b"Capture".to_vec(),
            complete: true,
        }
    }

    pub fn filename(self, filename: &str) -> Self {
        self.field("filename", filename)
    }

    /// The file's bytes and the type announced for them.
    pub fn content(mut self, bytes: &[u8], content_type: &str) -> Self {
        self.content = bytes.to_vec();
        self.field("content_type", content_type)
    }

    /// For NOURX staff only.
    pub fn internal(self) -> Self {
        self.field("visibility", "internal")
    }

    /// Uploaded but not completed: its uploader's (and staff's) alone.
    pub fn pending(mut self) -> Self {
        self.complete = false;
        self
    }

    draft_methods!();

    /// The completed document, or for a pending one the presign answer (its id is `document_id`).
    pub async fn build(mut self, app: &TestApp) -> Record {
        self.draft.set("size", self.content.len());
        let author = self.draft.author(app).await;
        let body = Value::Object(self.draft.body.clone());
        let presign = author.post("/api/uploads/presign/", &body).await.assert_status(201);
        let content_type = self.draft.body["content_type"].as_str().unwrap_or("application/octet-stream").to_owned();
        let key = presign.body["fields"]["key"].as_str().expect("the upload's key");
        app.storage.put(key, self.content, &content_type).await.expect("store the file");
        if !self.complete {
            return Record::from_body(presign.body, "document_id");
        }
        let path = format!("/api/documents/{}/complete/", presign.uuid("document_id"));
        Record::from_body(author.post_without_body(&path).await.assert_status(200).body, "id")
    }
}

/// An online payment of a sent invoice started by one of the client's people through the API
/// and CinetPay (the sandbox); `settled` or `refused` on the checkout page, then re-checked by the
/// worker as in production.
pub struct PaymentBuilder {
    payer: TestClient,
    body: Value,
    outcome: Option<nourx_cinetpay_sandbox::Outcome>,
    operator: &'static str,
    settled_at: Option<String>,
    flag: Option<String>,
}

impl PaymentBuilder {
    pub fn new(payer: &Actor, invoice_id: Uuid) -> PaymentBuilder {
        PaymentBuilder {
            payer: payer.http.clone(),
            body: json!({"invoice_id": invoice_id}),
            outcome: None,
            operator: "OM",
            settled_at: None,
            flag: None,
        }
    }

    /// An instalment instead of the whole balance.
    pub fn amount(mut self, amount: i64) -> Self {
        self.body["amount"] = json!(amount);
        self
    }

    /// Accepted with Orange Money, notified, re-checked and applied to the invoice.
    pub fn settled(mut self) -> Self {
        self.outcome = Some(nourx_cinetpay_sandbox::Outcome::Accept);
        self
    }

    /// Accepted with the operator of CinetPay code `operator` (`OM`, `MOMO`, `FLOOZ`, `WAVECI`,
    /// `CARD`) instead of Orange Money.
    pub fn operator(mut self, operator: &'static str) -> Self {
        self.operator = operator;
        self
    }

    /// Settled, then dated as if settled at `instant` (RFC 3339).
    pub fn settled_at(mut self, instant: &str) -> Self {
        self.settled_at = Some(instant.to_owned());
        self.settled()
    }

    /// Left waiting, then flagged for an admin with `reason` (as a mismatching check would).
    pub fn flagged(mut self, reason: &str) -> Self {
        self.flag = Some(reason.to_owned());
        self
    }

    /// Refused on the checkout page, and recorded so.
    pub fn refused(mut self) -> Self {
        self.outcome = Some(nourx_cinetpay_sandbox::Outcome::Refuse);
        self
    }

    /// The payment as the start answered it (pending, with its checkout URL and transaction id).
    pub async fn build(self, app: &TestApp) -> Record {
        let started = self.payer.post("/api/payments/init/", &self.body).await.assert_status(201);
        if let Some(outcome) = self.outcome {
            app.sandbox.decide(started.str("transaction_id"), outcome, self.operator).await.expect("the payer decides");
            assert_eq!(app.drain_jobs().await, 1, "one re-check of the payment");
        }
        if let Some(instant) = &self.settled_at {
            let id = started.id();
            app.sql(format!("UPDATE payments SET settled_at = '{instant}' WHERE id = '{id}'")).await;
        }
        if let Some(reason) = &self.flag {
            let id = started.id();
            app.sql(format!("UPDATE payments SET status = 'flagged', flag_reason = '{reason}' WHERE id = '{id}'"))
                .await;
        }
        Record::from_body(started.body, "id")
    }
}

/// A payment NOURX staff record by hand (the kit's admin unless `by`): a bank transfer of the
/// invoice's whole balance received today, unless told otherwise.
pub struct OfflinePaymentBuilder {
    draft: Draft,
}

impl OfflinePaymentBuilder {
    pub fn new(invoice_id: Uuid) -> OfflinePaymentBuilder {
        let today = chrono::Utc::now().date_naive().to_string();
        OfflinePaymentBuilder {
            draft: Draft::new(json!({"invoice_id": invoice_id, "method": "bank_transfer", "received_on": today})),
        }
    }

    pub fn amount(self, amount: i64) -> Self {
        self.field("amount", amount)
    }

    /// `bank_transfer`, `cash`, `cheque` or `mobile_money`.
    pub fn method(self, method: &str) -> Self {
        self.field("method", method)
    }

    draft_methods!();

    pub async fn build(mut self, app: &TestApp) -> Record {
        if self.draft.get("amount").is_none() {
            let invoice_id = self.draft.get("invoice_id").and_then(Value::as_str).expect("invoice id").to_owned();
            let author = self.draft.author(app).await;
            let invoice = author.get(&format!("/api/invoices/{invoice_id}/")).await.assert_status(200);
            self.draft.set("amount", invoice.body["balance_due"].clone());
        }
        self.draft.post(app, "/api/payments/offline/").await
    }
}
