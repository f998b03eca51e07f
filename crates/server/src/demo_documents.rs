//! The demo projects' documents: a few PDFs and a text file in storage, so that the portal's
//! document pages are not empty. Stored like a completed upload (verified key under `files/`).
//! Created once per client (skipped when the client already has documents).

use diesel::prelude::*;
use nourx_db::Db;
use nourx_db::documents::{self, NewDocument};
use nourx_db::schema::{clients, documents as documents_table, projects, users};
use nourx_domain::documents::Visibility;
use nourx_storage::Storage;
use uuid::Uuid;

/// (file name, first line of the file, internal to NOURX, uploaded by the client's owner)
const FILES: [(&str, &str, bool, bool); 4] = [
    ("Cahier des charges.pdf", "Cahier des charges — version validée", false, false),
    ("Maquettes v2.pdf", "Maquettes — deuxième version, mobile et bureau", false, false),
    ("Compte rendu atelier.txt", "Compte rendu de l'atelier de cadrage", false, true),
    ("Estimation interne.pdf", "Estimation interne — ne pas diffuser", true, false),
];

const DEMO_CLIENTS: [(&str, &str); 2] = [("Akwaba Digital", "awa@akwaba.demo"), ("Baobab Foods", "kofi@baobab.demo")];

/// Puts the demo documents in `storage` and records them; returns how many were added.
pub async fn seed(db: &Db, storage: &Storage) -> anyhow::Result<usize> {
    let mut created = 0;
    for (client_name, owner_email) in DEMO_CLIENTS {
        let Some(target) = target(db, client_name, owner_email)? else { continue };
        for (filename, heading, internal, by_owner) in FILES {
            let (bytes, content_type) = content(filename, heading, client_name);
            let id = Uuid::now_v7();
            let key = format!("files/{}/{id}/demo", target.client_id);
            storage.put(&key, bytes.clone(), content_type).await?;
            let mut conn = db.get()?;
            NewDocument {
                id,
                client_id: target.client_id,
                project_id: Some(target.project_id),
                ticket_id: None,
                uploaded_by: Some(if by_owner { target.owner_id } else { target.admin_id }),
                filename,
                declared_type: content_type,
                declared_size: bytes.len() as i64,
                storage_key: &key,
                visibility: if internal { Visibility::Internal } else { Visibility::Client },
            }
            .insert(&mut conn)?;
            let digest = nourx_api::http::random::sha256(&bytes);
            documents::mark_ready(&mut conn, id, &key, content_type, bytes.len() as i64, &digest)?;
            created += 1;
        }
    }
    Ok(created)
}

struct Target {
    client_id: Uuid,
    project_id: Uuid,
    owner_id: Uuid,
    admin_id: Uuid,
}

/// The client's first project and who uploads, unless the client has documents already.
fn target(db: &Db, client_name: &str, owner_email: &str) -> anyhow::Result<Option<Target>> {
    let mut conn = db.get()?;
    let Some(client_id) =
        clients::table.filter(clients::name.eq(client_name)).select(clients::id).first::<Uuid>(&mut conn).optional()?
    else {
        return Ok(None);
    };
    let existing: i64 =
        documents_table::table.filter(documents_table::client_id.eq(client_id)).count().get_result(&mut conn)?;
    let project = projects::table
        .filter(projects::client_id.eq(client_id))
        .order(projects::created_at.asc())
        .select(projects::id)
        .first::<Uuid>(&mut conn)
        .optional()?;
    let user = |email: &str, conn: &mut nourx_db::PgConn| {
        users::table.filter(users::email.eq(email)).select(users::id).first::<Uuid>(conn).optional()
    };
    let (Some(project_id), Some(owner_id), Some(admin_id)) =
        (project, user(owner_email, &mut conn)?, user("admin@nourx.demo", &mut conn)?)
    else {
        return Ok(None);
    };
    Ok((existing == 0).then_some(Target { client_id, project_id, owner_id, admin_id }))
}

/// A small real file: a one-page PDF, or plain text for `.txt`.
fn content(filename: &str, heading: &str, client_name: &str) -> (Vec<u8>, &'static str) {
    let lines = [
        heading.to_owned(),
        format!("Client : {client_name}"),
        "Document de démonstration de l'espace client NOURX.".to_owned(),
    ];
    if filename.ends_with(".txt") {
        return (format!("{}\n", lines.join("\n")).into_bytes(), "text/plain");
    }
    (one_page_pdf(&lines), "application/pdf")
}

/// A valid one-page PDF (Helvetica, WinAnsi, so French accents print) with `lines` of text.
fn one_page_pdf(lines: &[String]) -> Vec<u8> {
    let mut text = Vec::new();
    text.extend_from_slice(b"BT /F1 16 Tf 72 770 Td 22 TL\n");
    for line in lines {
        text.push(b'(');
        for c in line.chars() {
            // WinAnsi is Latin-1 for French letters, plus the dashes and the typographic apostrophe.
            let byte = match c {
                '—' => 0x97,
                '–' => 0x96,
                '’' => 0x92,
                _ => u8::try_from(u32::from(c)).unwrap_or(b'?'),
            };
            if matches!(byte, b'(' | b')' | b'\\') {
                text.push(b'\\');
            }
            text.push(byte);
        }
        text.extend_from_slice(b") ' \n");
    }
    text.extend_from_slice(b"ET");
    let objects: [Vec<u8>; 5] = [
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
            .to_vec(),
        [format!("<< /Length {} >>\nstream\n", text.len()).into_bytes(), text, b"\nendstream".to_vec()].concat(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec(),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (n, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", n + 1).as_bytes());
        pdf.extend_from_slice(body);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    pdf
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pdf_points_its_cross_reference_at_each_object() {
        let pdf = one_page_pdf(&["Cahier des charges — été".to_owned()]);
        let tail = String::from_utf8_lossy(&pdf[pdf.len() - 40..]).into_owned();
        let xref: usize = tail
            .rsplit("startxref\n")
            .next()
            .and_then(|s| s.lines().next())
            .and_then(|s| s.parse().ok())
            .expect("startxref");
        assert!(pdf[xref..].starts_with(b"xref"));
        let table = String::from_utf8_lossy(&pdf[xref..]).into_owned();
        for (n, line) in table.lines().skip(3).take(5).enumerate() {
            let offset: usize = line[..10].parse().expect("offset");
            assert!(pdf[offset..].starts_with(format!("{} 0 obj", n + 1).as_bytes()), "object {}", n + 1);
        }
        assert!(pdf.windows(3).any(|w| w == b"\xe9t\xe9"), "accents in WinAnsi");
    }
}
