//! Live events: what changed, told to the browsers of the people who may see it, as it commits.
//!
//! Server-Sent Events rather than WebSockets: the browser only listens (its writes are the API's
//! requests), EventSource sends the session cookie and reconnects with `Last-Event-ID` by
//! itself, and a plain streamed HTTP response crosses the web app's `/api` proxy and any HTTP/2
//! front as every other request does.

mod hub;
mod stream;

pub use hub::{EventHub, LiveEvent};
pub use stream::*;
