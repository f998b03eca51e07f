//! How closed lists of values (statuses, roles, priorities…) are stored: a `text` column with a
//! CHECK constraint listing the values, read and written through the enum's `as_str` and `parse`.
//!
//! Checked text rather than PostgreSQL enum types: a new value is one `ALTER TABLE … CHECK` in a
//! migration that runs in a transaction like the others (no `ALTER TYPE … ADD VALUE` outside one),
//! the values read the same in `psql`, exports and the audit log, and the schema diesel prints
//! stays `Text`. A value the enum does not know is a deserialization error, never a default.
//!
//! The diesel impls are behind the `diesel` feature, so the domain stays free of I/O for its
//! other users. Each enum also derives `AsExpression` and `FromSqlRow` under the same feature.

/// Implements diesel's `ToSql<Text, Pg>` and `FromSql<Text, Pg>` for enums with
/// `fn as_str(self) -> &'static str` and `fn parse(&str) -> Option<Self>`.
#[macro_export]
macro_rules! stored_as_text {
    ($($type:ty),+ $(,)?) => {
        $(
            #[cfg(feature = "diesel")]
            impl ::diesel::serialize::ToSql<::diesel::sql_types::Text, ::diesel::pg::Pg> for $type {
                fn to_sql<'b>(
                    &'b self,
                    out: &mut ::diesel::serialize::Output<'b, '_, ::diesel::pg::Pg>,
                ) -> ::diesel::serialize::Result {
                    use ::std::io::Write as _;
                    out.write_all(<$type>::as_str(*self).as_bytes())?;
                    Ok(::diesel::serialize::IsNull::No)
                }
            }

            #[cfg(feature = "diesel")]
            impl ::diesel::deserialize::FromSql<::diesel::sql_types::Text, ::diesel::pg::Pg> for $type {
                fn from_sql(value: ::diesel::pg::PgValue<'_>) -> ::diesel::deserialize::Result<Self> {
                    let text = ::std::str::from_utf8(value.as_bytes())?;
                    <$type>::parse(text).ok_or_else(|| {
                        format!("unknown {} value {:?} in the database", stringify!($type), text).into()
                    })
                }
            }
        )+
    };
}
