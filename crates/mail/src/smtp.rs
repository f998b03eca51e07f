//! Delivery of rendered emails to an SMTP server.

use std::fmt;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::transport::smtp::{SmtpTransport, SmtpTransportBuilder};
use lettre::{Message, Transport};
use percent_encoding::percent_decode_str;
use url::{Host, Url};
use uuid::Uuid;

use crate::error::MailError;
use crate::template::{RenderedEmail, one_line};

/// How long one SMTP step (connect, each command) may take before the send fails and the delivery
/// loop moves on. lettre's own default is a minute; a stuck relay should not hold a thread that long.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Tells mail servers and autoresponders that no person sent this (RFC 3834), so out-of-office
/// replies do not bounce back to `no-reply@`.
const AUTO_SUBMITTED: HeaderName = HeaderName::new_from_ascii_str("Auto-Submitted");

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Security {
    /// `smtp://` (default port 587): plain connection upgraded with STARTTLS, which is required.
    StartTls,
    /// `smtps://` (default port 465): TLS from the first byte.
    ImplicitTls,
    /// `smtp://…?tls=none` (default port 25): no encryption, for a local mail catcher.
    None,
}

impl Security {
    fn as_str(self) -> &'static str {
        match self {
            Security::StartTls => "STARTTLS",
            Security::ImplicitTls => "implicit TLS",
            Security::None => "no TLS",
        }
    }
}

/// `SMTP_URL`, parsed and checked.
struct SmtpConfig {
    host: String,
    port: u16,
    security: Security,
    credentials: Option<Credentials>,
}

impl SmtpConfig {
    /// Parses `smtp[s]://[user:password@]host[:port][?tls=none|starttls]`.
    ///
    /// Unlike lettre's own `from_url`, a bare `smtp://` means *required* STARTTLS: forgetting a query
    /// parameter must not silently send passwords and emails in clear text. For the same reason
    /// credentials are refused over `tls=none` unless the server is on this machine. Error messages
    /// never repeat the URL, which may hold a password.
    fn parse(raw: &str) -> Result<SmtpConfig, MailError> {
        let url = Url::parse(raw.trim()).map_err(|e| config(format!("SMTP_URL is not a valid URL ({e})")))?;

        let mut tls = None;
        for (name, value) in url.query_pairs() {
            match name.as_ref() {
                "tls" => tls = Some(value.into_owned()),
                other => return Err(config(format!("unknown SMTP_URL parameter `{other}` (only `tls` is supported)"))),
            }
        }
        let security = match (url.scheme(), tls.as_deref()) {
            ("smtp", None | Some("starttls" | "required")) => Security::StartTls,
            ("smtp", Some("none")) => Security::None,
            ("smtp", Some(other)) => {
                return Err(config(format!("unsupported tls={other} in SMTP_URL (use `starttls` or `none`)")));
            }
            ("smtps", None) => Security::ImplicitTls,
            ("smtps", Some(_)) => return Err(config("smtps:// always uses TLS; remove the tls parameter")),
            (other, _) => return Err(config(format!("SMTP_URL must start with smtp:// or smtps://, not {other}://"))),
        };

        let host = match url.host() {
            Some(Host::Domain(domain)) if !domain.is_empty() => domain.to_ascii_lowercase(),
            Some(Host::Ipv4(ip)) => ip.to_string(),
            Some(Host::Ipv6(ip)) => ip.to_string(),
            _ => return Err(config("SMTP_URL has no host")),
        };
        let port = url.port().unwrap_or(match security {
            Security::StartTls => 587,
            Security::ImplicitTls => 465,
            Security::None => 25,
        });
        if !(url.path().is_empty() || url.path() == "/") {
            return Err(config("SMTP_URL must not have a path"));
        }

        let user = decode(url.username(), "user name")?;
        let password = url.password().map(|p| decode(p, "password")).transpose()?;
        let credentials = match (user.is_empty(), password) {
            (true, None) => None,
            (false, Some(password)) => Some(Credentials::new(user, password)),
            (true, Some(_)) => return Err(config("SMTP_URL has a password but no user name")),
            (false, None) => return Err(config("SMTP_URL has a user name but no password")),
        };
        if credentials.is_some() && security == Security::None && !is_local(&host) {
            return Err(config(
                "refusing to send SMTP credentials unencrypted to a remote server; drop tls=none or use smtps://",
            ));
        }

        Ok(SmtpConfig { host, port, security, credentials })
    }

    fn builder(self) -> Result<SmtpTransportBuilder, MailError> {
        let tls_parameters = || {
            TlsParameters::new(self.host.clone())
                .map_err(|e| config(format!("cannot set up TLS for the SMTP server: {e}")))
        };
        let tls = match self.security {
            Security::StartTls => Tls::Required(tls_parameters()?),
            Security::ImplicitTls => Tls::Wrapper(tls_parameters()?),
            Security::None => Tls::None,
        };
        let mut builder = SmtpTransport::builder_dangerous(self.host.as_str()).port(self.port).tls(tls);
        if let Some(credentials) = self.credentials {
            builder = builder.credentials(credentials);
        }
        Ok(builder)
    }
}

fn config(message: impl Into<String>) -> MailError {
    MailError::Config(message.into())
}

fn decode(s: &str, what: &str) -> Result<String, MailError> {
    percent_decode_str(s)
        .decode_utf8()
        .map(|decoded| decoded.into_owned())
        .map_err(|_| config(format!("the SMTP_URL {what} is not valid UTF-8 once percent-decoded")))
}

fn is_local(host: &str) -> bool {
    host == "localhost" || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Sends [`RenderedEmail`]s through one SMTP server, from one sender address.
///
/// Cheap to clone, and `Send + Sync`: build it once at start-up from `SMTP_URL` and share it. Each
/// [`send`](Self::send) opens its own connection and blocks until the server has accepted the email,
/// so call it from a blocking thread (`tokio::task::spawn_blocking`).
#[derive(Clone)]
pub struct SmtpSender {
    transport: Route,
    from: Mailbox,
    host: String,
    port: u16,
    security: Security,
    authenticated: bool,
}

impl SmtpSender {
    /// From `SMTP_URL`, e.g. `smtp://user:pass@smtp.example.com:587` (STARTTLS, required),
    /// `smtps://user:pass@smtp.example.com:465` (implicit TLS), or `smtp://localhost:1025?tls=none`
    /// for a local mail catcher. Special characters in the user name or password are percent-encoded
    /// (`@` is `%40`). `from` is the sender, e.g. `NOURX <no-reply@nourx.ci>`.
    ///
    /// Nothing is contacted here: a wrong host or password shows up at the first [`send`](Self::send).
    pub fn from_url(url: &str, from: &str) -> Result<SmtpSender, MailError> {
        let from: Mailbox =
            from.trim().parse().map_err(|e| config(format!("invalid sender address {from:?} ({e})")))?;
        let parsed = SmtpConfig::parse(url)?;
        let (host, port, security, authenticated) =
            (parsed.host.clone(), parsed.port, parsed.security, parsed.credentials.is_some());
        let builder = parsed.builder()?;
        let transport = builder.clone().timeout(Some(DEFAULT_TIMEOUT)).build();
        let builder = Box::new(builder);
        Ok(SmtpSender { transport: Route::Smtp { builder, transport }, from, host, port, security, authenticated })
    }

    /// Development without an SMTP server: each email is written to `dir` as an `.eml` file (the
    /// full message, links included) instead of being sent. The directory is created if needed.
    pub fn to_directory(dir: &Path, from: &str) -> Result<SmtpSender, MailError> {
        let from: Mailbox =
            from.trim().parse().map_err(|e| config(format!("invalid sender address {from:?} ({e})")))?;
        std::fs::create_dir_all(dir).map_err(|e| config(format!("cannot create {}: {e}", dir.display())))?;
        Ok(SmtpSender {
            transport: Route::Directory(dir.to_path_buf()),
            from,
            host: dir.display().to_string(),
            port: 0,
            security: Security::None,
            authenticated: false,
        })
    }

    /// Replaces [`DEFAULT_TIMEOUT`] for connecting and for each SMTP command.
    pub fn with_timeout(mut self, timeout: Duration) -> SmtpSender {
        if let Route::Smtp { builder, transport } = &mut self.transport {
            *transport = (**builder).clone().timeout(Some(timeout)).build();
        }
        self
    }

    /// Connects, greets, upgrades to TLS and logs in as a send would, then says goodbye, sending
    /// nothing (`nourx check`). Blocking. Writing to a directory always passes.
    pub fn test_connection(&self) -> Result<(), MailError> {
        match &self.transport {
            Route::Smtp { transport, .. } => match transport.test_connection()? {
                true => Ok(()),
                false => Err(MailError::Message("the SMTP server did not answer after the handshake".into())),
            },
            Route::Directory(_) => Ok(()),
        }
    }

    /// Sends `email` to `to` (`awa@akwaba.ci` or `Awa Koné <awa@akwaba.ci>`) as a text + HTML
    /// message. Blocking; every failure is returned, see [`MailError::is_permanent`] for retries.
    pub fn send(&self, to: &str, email: &RenderedEmail) -> Result<(), MailError> {
        let to: Mailbox = to.trim().parse().map_err(|e: lettre::address::AddressError| MailError::Address {
            address: to.to_owned(),
            reason: e.to_string(),
        })?;
        let message = self.message(to, email)?;
        match &self.transport {
            Route::Smtp { transport, .. } => {
                transport.send(&message)?;
            }
            Route::Directory(dir) => write_eml(dir, &message.formatted())?,
        }
        Ok(())
    }

    fn message(&self, to: Mailbox, email: &RenderedEmail) -> Result<Message, MailError> {
        // A Message-ID in the sender's own domain (rather than this machine's host name) is what spam
        // filters expect.
        let message_id = format!("<{}@{}>", Uuid::new_v4().simple(), self.from.email.domain());
        Message::builder()
            .from(self.from.clone())
            .to(to)
            // Outbox rows are ours, but a subject is one header line whatever the row says.
            .subject(one_line(&email.subject))
            .message_id(Some(message_id))
            .raw_header(HeaderValue::new(AUTO_SUBMITTED, "auto-generated".to_owned()))
            .multipart(MultiPart::alternative_plain_html(email.text_body.clone(), email.html_body.clone()))
            .map_err(|e| MailError::Message(e.to_string()))
    }
}

/// Where a sender's emails go.
#[derive(Clone)]
enum Route {
    // Boxed: the SMTP builder is large, and a sender is cloned into every delivery round.
    Smtp { builder: Box<SmtpTransportBuilder>, transport: SmtpTransport },
    Directory(PathBuf),
}

/// Writes one message as `<time>-<uuid>.eml`, atomically (a reader never sees half a file).
fn write_eml(dir: &Path, bytes: &[u8]) -> Result<(), MailError> {
    let name = format!("{}-{}.eml", chrono_like_stamp(), Uuid::now_v7().simple());
    let partial = dir.join(format!(".{name}.part"));
    let written = std::fs::write(&partial, bytes).and_then(|()| std::fs::rename(&partial, dir.join(&name)));
    written.map_err(|e| MailError::Message(format!("writing {name} in {}: {e}", dir.display())))
}

/// Seconds since the epoch, zero-padded: file names sort in sending order.
fn chrono_like_stamp() -> String {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    format!("{seconds:012}")
}

/// Shows where mail goes, never the credentials.
impl fmt::Debug for SmtpSender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpSender")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security.as_str())
            .field("authenticated", &self.authenticated)
            .field("from", &self.from.to_string())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Locale, TemplateKey, render_default};
    use std::io::{BufRead, BufReader, Write};
    use std::net::{TcpListener, TcpStream};
    use std::thread;
    use std::time::Instant;

    const FROM: &str = "NOURX <no-reply@nourx.ci>";

    fn parsed(url: &str) -> SmtpConfig {
        SmtpConfig::parse(url).unwrap_or_else(|e| panic!("{url}: {e}"))
    }

    #[test]
    fn accepts_the_three_url_forms() {
        let starttls = parsed("smtp://user:pass@smtp.example.com:587");
        assert_eq!(
            (starttls.host.as_str(), starttls.port, starttls.security),
            ("smtp.example.com", 587, Security::StartTls)
        );
        assert!(starttls.credentials.is_some());

        let implicit = parsed("smtps://no-reply%40nourx.ci:p%40ss%3Aw0rd@smtp.example.com:465");
        assert_eq!((implicit.port, implicit.security), (465, Security::ImplicitTls));
        assert_eq!(implicit.credentials, Some(Credentials::new("no-reply@nourx.ci".into(), "p@ss:w0rd".into())));

        let catcher = parsed("smtp://localhost:1025?tls=none");
        assert_eq!((catcher.host.as_str(), catcher.port, catcher.security), ("localhost", 1025, Security::None));
        assert!(catcher.credentials.is_none());

        for url in [
            "smtp://user:pass@smtp.example.com:587",
            "smtps://user:pass@smtp.example.com:465",
            "smtp://localhost:1025?tls=none",
        ] {
            let sender = SmtpSender::from_url(url, FROM).unwrap_or_else(|e| panic!("{url}: {e}"));
            let debug = format!("{sender:?}");
            assert!(!debug.contains("pass"), "{debug}");
        }
    }

    #[test]
    fn default_ports_and_other_accepted_forms() {
        assert_eq!(
            (parsed("smtp://smtp.example.com").port, parsed("smtp://smtp.example.com").security),
            (587, Security::StartTls)
        );
        assert_eq!(parsed("smtp://smtp.example.com/?tls=starttls").security, Security::StartTls);
        assert_eq!(parsed("smtps://smtp.example.com").port, 465);
        assert_eq!(parsed("smtp://127.0.0.1?tls=none").port, 25);
        assert_eq!(parsed("smtp://[::1]:2525?tls=none").host, "::1");
        assert_eq!(parsed("SMTP://SMTP.Example.COM").host, "smtp.example.com");
        // Credentials in clear text are fine to a catcher on this machine.
        assert!(parsed("smtp://u:p@127.0.0.1:1025?tls=none").credentials.is_some());
    }

    #[test]
    fn rejects_garbage() {
        for url in [
            "",
            "not a url",
            "smtp.example.com:587",
            "http://smtp.example.com",
            "smtp://",
            "smtp://:587",
            "smtp://smtp.example.com:99999",
            "smtp://smtp.example.com?tls=maybe",
            "smtp://smtp.example.com?tls=none&debug=1",
            "smtps://smtp.example.com?tls=none",
            "smtp://smtp.example.com/relay",
            "smtp://user@smtp.example.com",
            "smtp://:secret@smtp.example.com",
            "smtp://user:secret@smtp.example.com?tls=none",
        ] {
            match SmtpSender::from_url(url, FROM) {
                Err(MailError::Config(message)) => assert!(!message.contains("secret"), "{url}: {message}"),
                other => panic!("{url}: expected a configuration error, got {other:?}"),
            }
        }
        for from in ["", "no-reply", "NOURX <no-reply@>", "a@b@c"] {
            assert!(
                matches!(SmtpSender::from_url("smtp://localhost?tls=none", from), Err(MailError::Config(_))),
                "{from:?}"
            );
        }
    }

    /// A single-connection SMTP server that accepts whatever it is given and returns the transcript
    /// of what the client sent. Bounded: it waits at most 10 s for the connection and for each line,
    /// and stops reading after 1 MB.
    fn spawn_smtp_catcher() -> (u16, thread::JoinHandle<std::io::Result<String>>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        listener.set_nonblocking(true).unwrap();
        let handle = thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(10);
            let stream = loop {
                match listener.accept() {
                    Ok((stream, _)) => break stream,
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock && Instant::now() < deadline => {
                        thread::sleep(Duration::from_millis(10));
                    }
                    Err(e) => return Err(e),
                }
            };
            converse(stream)
        });
        (port, handle)
    }

    fn converse(stream: TcpStream) -> std::io::Result<String> {
        stream.set_nonblocking(false)?;
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        stream.set_write_timeout(Some(Duration::from_secs(10)))?;
        let mut reader = BufReader::new(stream.try_clone()?);
        let mut writer = stream;
        let mut transcript = String::new();
        let mut read_line = |transcript: &mut String| -> std::io::Result<Option<String>> {
            let mut line = Vec::new();
            if reader.read_until(b'\n', &mut line)? == 0 || transcript.len() > 1_000_000 {
                return Ok(None);
            }
            let line = String::from_utf8_lossy(&line).into_owned();
            transcript.push_str(&line);
            Ok(Some(line))
        };
        writer.write_all(b"220 catcher.test ESMTP\r\n")?;
        while let Some(line) = read_line(&mut transcript)? {
            let command = line.trim_end().to_ascii_uppercase();
            if command.starts_with("EHLO") || command.starts_with("HELO") {
                writer.write_all(b"250 catcher.test\r\n")?;
            } else if command == "DATA" {
                writer.write_all(b"354 end with <CRLF>.<CRLF>\r\n")?;
                while let Some(line) = read_line(&mut transcript)? {
                    if line == ".\r\n" {
                        break;
                    }
                }
                writer.write_all(b"250 queued\r\n")?;
            } else if command == "QUIT" {
                writer.write_all(b"221 bye\r\n")?;
                break;
            } else {
                writer.write_all(b"250 ok\r\n")?;
            }
        }
        Ok(transcript)
    }

    #[test]
    fn sends_a_real_email_over_smtp() {
        let (port, server) = spawn_smtp_catcher();
        let sender = SmtpSender::from_url(&format!("smtp://127.0.0.1:{port}?tls=none"), FROM)
            .unwrap()
            .with_timeout(Duration::from_secs(10));
        let vars =
            serde_json::json!({"name": "Kofi", "reset_url": "https://app.nourx.ci/reset/abc", "valid_minutes": 60});
        let email = render_default(TemplateKey::PasswordReset, Locale::En, &vars).unwrap();

        sender.send("Kofi Mensah <kofi@baobab.demo>", &email).unwrap();

        let transcript = server.join().unwrap().unwrap();
        assert!(transcript.contains("MAIL FROM:<no-reply@nourx.ci>"), "{transcript}");
        assert!(transcript.contains("RCPT TO:<kofi@baobab.demo>"), "{transcript}");
        assert!(transcript.contains("Subject: Reset your NOURX password\r\n"), "{transcript}");
        assert!(transcript.contains("To: \"Kofi Mensah\" <kofi@baobab.demo>\r\n"), "{transcript}");
        assert!(transcript.contains("From: NOURX <no-reply@nourx.ci>\r\n"), "{transcript}");
        assert!(transcript.contains("@nourx.ci>\r\n"), "Message-ID in the sender's domain: {transcript}");
        assert!(transcript.contains("Auto-Submitted: auto-generated\r\n"), "{transcript}");
        assert!(transcript.contains("multipart/alternative"), "{transcript}");
        assert!(transcript.contains("text/plain"), "{transcript}");
        assert!(transcript.contains("text/html"), "{transcript}");
        assert!(transcript.contains("Hello Kofi,"), "{transcript}");
        assert!(transcript.trim_end().ends_with("QUIT"), "{transcript}");
    }

    #[test]
    fn a_closed_port_is_a_retryable_error() {
        let port = {
            let listener = TcpListener::bind("127.0.0.1:0").unwrap();
            listener.local_addr().unwrap().port()
        };
        let sender = SmtpSender::from_url(&format!("smtp://127.0.0.1:{port}?tls=none"), FROM)
            .unwrap()
            .with_timeout(Duration::from_secs(5));
        let email = RenderedEmail { subject: "S".into(), text_body: "T\n".into(), html_body: "<p>T</p>".into() };
        let err = sender.send("awa@akwaba.demo", &email).unwrap_err();
        assert!(matches!(err, MailError::Smtp(_)), "{err:?}");
        assert!(!err.is_permanent(), "{err}");
    }

    #[test]
    fn a_bad_recipient_is_refused_before_connecting() {
        // Port 9 (discard) on this machine: the address check fails first, so nothing is contacted.
        let sender = SmtpSender::from_url("smtp://127.0.0.1:9?tls=none", FROM).unwrap();
        let email = RenderedEmail { subject: "S".into(), text_body: "T\n".into(), html_body: "<p>T</p>".into() };
        for to in ["", "awa", "awa@", "<awa@akwaba.demo"] {
            let err = sender.send(to, &email).unwrap_err();
            assert!(matches!(err, MailError::Address { .. }), "{to:?}: {err:?}");
            assert!(err.is_permanent());
        }
    }
}
