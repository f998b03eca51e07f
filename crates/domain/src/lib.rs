//! Pure business rules of NOURX: value types that parse instead of validate,
//! and the messages users see when a rule is broken (French first, English second).
//! Nothing here does I/O, so everything here is unit-tested directly.

pub mod email;
pub mod i18n;
pub mod password;
pub mod user;

pub use email::Email;
pub use i18n::{Lang, Message};
pub use password::{NewPassword, PasswordRules};
pub use user::{Locale, Role};
