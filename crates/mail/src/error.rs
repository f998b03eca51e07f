//! Everything that can go wrong between a template and a recipient's mailbox.

/// Why an email could not be rendered or delivered.
///
/// Messages never contain SMTP credentials, so an error can be logged or stored in the outbox as is.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// The template does not parse, or failed while rendering.
    #[error("template error: {0}")]
    Template(String),
    /// The template uses variables the caller did not provide.
    #[error("missing template variables: {}", .0.join(", "))]
    MissingVariables(Vec<String>),
    /// A template source uses variables its template does not document (see [`crate::validate_source`]).
    #[error("the {template} template may not use: {}", names.join(", "))]
    UnknownVariables { template: &'static str, names: Vec<String> },
    /// The variables are not a JSON object of strings and numbers.
    #[error("invalid template variables: {0}")]
    InvalidVariables(String),
    /// `SMTP_URL` or the sender address is unusable.
    #[error("invalid SMTP configuration: {0}")]
    Config(String),
    /// The recipient address is not a valid mailbox.
    #[error("invalid recipient address {address:?}: {reason}")]
    Address { address: String, reason: String },
    /// The message could not be assembled.
    #[error("could not build the email: {0}")]
    Message(String),
    /// The SMTP server could not be reached, or refused the message.
    #[error("SMTP delivery failed: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
}

impl MailError {
    /// Whether sending the same email again cannot succeed, so a delivery loop should stop retrying
    /// it: bad templates, variables, addresses or configuration, and SMTP 5xx answers. Network
    /// failures, timeouts, TLS failures and 4xx answers are worth retrying later.
    pub fn is_permanent(&self) -> bool {
        match self {
            MailError::Smtp(e) => e.is_permanent(),
            MailError::Template(_)
            | MailError::MissingVariables(_)
            | MailError::UnknownVariables { .. }
            | MailError::InvalidVariables(_)
            | MailError::Config(_)
            | MailError::Address { .. }
            | MailError::Message(_) => true,
        }
    }
}
