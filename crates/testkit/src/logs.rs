//! What the app logs, for tests that assert a log line (a refused certificate, a refused checkout
//! URL): a process-wide subscriber writing into memory, installed by the first call.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

static BUFFER: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();

/// Everything logged at `info` and above in this process (every thread), from the first call on.
/// Each nextest test is a process of its own; under `cargo test`, tests of one binary share it.
#[derive(Clone)]
pub struct LogCapture(Arc<Mutex<Vec<u8>>>);

/// Starts capturing (once per process; later calls share the same capture).
///
/// Panics if another global subscriber was installed first: the assertion would be meaningless.
pub fn capture_logs() -> LogCapture {
    let buffer = BUFFER.get_or_init(|| {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let writer = buffer.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new("info"))
            .with_ansi(false)
            .with_writer(move || SharedWriter(writer.clone()))
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("no other global log subscriber");
        buffer
    });
    LogCapture(buffer.clone())
}

impl LogCapture {
    /// The log so far, one event a line.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap_or_else(PoisonError::into_inner)).into_owned()
    }
}

struct SharedWriter(Arc<Mutex<Vec<u8>>>);

impl Write for SharedWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
