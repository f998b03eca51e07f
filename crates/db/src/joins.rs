//! Joins diesel cannot infer: foreign keys that are composite (`(project_id, client_id)`) in the
//! schema, so `print-schema` does not emit them.

use crate::schema::{documents, invoices, projects, quotes};

diesel::joinable!(invoices -> projects (project_id));
diesel::joinable!(quotes -> projects (project_id));
diesel::joinable!(documents -> projects (project_id));
