//! `nourx seed --demo --scale N`: N more clients with proportional data, for benchmarks.
//! Generated in SQL (generate_series) so that 2 000 clients take seconds, not minutes.
//! Every user of the scale data shares the demo client password (one Argon2 hash).

use diesel::prelude::*;
use nourx_db::PgConn;

/// Users per scale client, projects per client, tasks per project (10 × 2 × 50 ≈ 100 tasks per client).
const USERS_PER_CLIENT: i32 = 10;
const PROJECTS_PER_CLIENT: i32 = 2;
const TASKS_PER_PROJECT: i32 = 50;
/// Sent invoices per client (a year and a half of weekly invoices), three lines each.
const INVOICES_PER_CLIENT: i32 = 30;
/// Tickets per client (2 000 clients: 200 000 tickets) and prospects per client (20 000).
const TICKETS_PER_CLIENT: i32 = 100;
const PROSPECTS_PER_CLIENT: i32 = 10;

/// Creates scale clients numbered after the ones that exist, up to `clients` in all.
/// Returns how many were created. Run inside a transaction.
pub fn seed_scale(conn: &mut PgConn, clients: i32, password_hash: &str, admin_id: uuid::Uuid) -> QueryResult<i32> {
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::Integer)]
        n: i32,
    }
    let existing: Count =
        diesel::sql_query("SELECT count(*)::int AS n FROM clients WHERE name LIKE 'Échelle %'").get_result(conn)?;
    let (from, to) = (existing.n + 1, clients);
    if from > to {
        // Data seeded before invoices (or tickets) existed gets them now.
        seed_invoices(conn, admin_id)?;
        seed_support(conn, admin_id)?;
        return Ok(0);
    }
    diesel::sql_query(
        "CREATE TEMP TABLE scale_clients ON COMMIT DROP AS \
         SELECT gen_random_uuid() AS id, i FROM generate_series($1::int, $2::int) AS i",
    )
    .bind::<diesel::sql_types::Integer, _>(from)
    .bind::<diesel::sql_types::Integer, _>(to)
    .execute(conn)?;
    diesel::sql_query(
        "INSERT INTO clients (id, name, city, country, currency) \
         SELECT id, 'Échelle ' || lpad(i::text, 5, '0'), 'Abidjan', 'CI', 'XOF' FROM scale_clients",
    )
    .execute(conn)?;
    diesel::sql_query(
        "CREATE TEMP TABLE scale_users ON COMMIT DROP AS \
         SELECT gen_random_uuid() AS id, c.id AS client_id, c.i, u \
         FROM scale_clients c, generate_series(1, $1::int) AS u",
    )
    .bind::<diesel::sql_types::Integer, _>(USERS_PER_CLIENT)
    .execute(conn)?;
    diesel::sql_query(
        "INSERT INTO users (id, email, full_name, locale, role, password_hash) \
         SELECT id, 'user' || u || '@echelle' || lpad(i::text, 5, '0') || '.demo', \
                'Utilisateur ' || u || ' ' || lpad(i::text, 5, '0'), 'fr', 'client', $1 FROM scale_users",
    )
    .bind::<diesel::sql_types::Text, _>(password_hash)
    .execute(conn)?;
    diesel::sql_query(
        "INSERT INTO client_members (client_id, user_id, role) \
         SELECT client_id, id, CASE WHEN u = 1 THEN 'owner' WHEN u <= 7 THEN 'member' ELSE 'viewer' END FROM scale_users",
    )
    .execute(conn)?;
    diesel::sql_query(
        "CREATE TEMP TABLE scale_projects ON COMMIT DROP AS \
         SELECT gen_random_uuid() AS id, c.id AS client_id, p FROM scale_clients c, generate_series(1, $1::int) AS p",
    )
    .bind::<diesel::sql_types::Integer, _>(PROJECTS_PER_CLIENT)
    .execute(conn)?;
    diesel::sql_query(
        "INSERT INTO projects (id, client_id, name, status, created_by, created_at) \
         SELECT id, client_id, 'Projet ' || p, 'active', $1, now() - random() * interval '365 days' FROM scale_projects",
    )
    .bind::<diesel::sql_types::Uuid, _>(admin_id)
    .execute(conn)?;
    // Bulk insert without the per-row counter trigger (200 000 updates of 4 000 project
    // rows would bloat the table); the counters are set once afterwards.
    diesel::sql_query("ALTER TABLE tasks DISABLE TRIGGER tasks_count_on_project").execute(conn)?;
    // Statuses cycle over the five columns; positions are numbered per column.
    diesel::sql_query(
        "INSERT INTO tasks (id, project_id, client_id, title, status, priority, position, assigned_to, created_by, \
                            created_at, board_rank) \
         SELECT gen_random_uuid(), p.id, p.client_id, 'Tâche ' || t, \
                (ARRAY['todo','in_progress','review','done','blocked'])[1 + t % 5], \
                (ARRAY['low','normal','high','urgent'])[1 + t % 4], \
                (t / 5), \
                CASE WHEN t % 3 = 0 THEN (SELECT su.id FROM scale_users su WHERE su.client_id = p.client_id AND su.u = 2) \
                     WHEN t % 3 = 1 THEN $1 END, \
                $1, now() - random() * interval '180 days', \
                (SELECT coalesce(max(board_rank), 0) FROM tasks) + 65536 * row_number() OVER () \
         FROM scale_projects p, generate_series(0, $2::int - 1) AS t",
    )
    .bind::<diesel::sql_types::Uuid, _>(admin_id)
    .bind::<diesel::sql_types::Integer, _>(TASKS_PER_PROJECT)
    .execute(conn)?;
    diesel::sql_query("ALTER TABLE tasks ENABLE TRIGGER tasks_count_on_project").execute(conn)?;
    diesel::sql_query(
        "UPDATE projects p SET task_count = c.total, tasks_done = c.done \
         FROM (SELECT project_id, count(*) AS total, count(*) FILTER (WHERE status = 'done') AS done \
               FROM tasks WHERE project_id IN (SELECT id FROM scale_projects) GROUP BY project_id) c \
         WHERE p.id = c.project_id",
    )
    .execute(conn)?;
    seed_invoices(conn, admin_id)?;
    seed_support(conn, admin_id)?;
    diesel::sql_query("ANALYZE").execute(conn)?;
    Ok(to - from + 1)
}

/// Invoices for the scale clients that have none yet.
fn seed_invoices(conn: &mut PgConn, admin_id: uuid::Uuid) -> QueryResult<()> {
    // Invoices cycle over sent, paid and partially paid; numbers are unique but outside the
    // yearly sequence (`NX-E00042-007`), so later sends still start at NX-YYYY-0001.
    diesel::sql_query(
        "CREATE TEMP TABLE scale_invoices ON COMMIT DROP AS \
         SELECT gen_random_uuid() AS id, c.id AS client_id, substr(c.name, 9)::int AS i, n \
         FROM clients c, generate_series(1, $1::int) AS n \
         WHERE c.name LIKE 'Échelle %' AND NOT EXISTS (SELECT 1 FROM invoices WHERE invoices.client_id = c.id)",
    )
    .bind::<diesel::sql_types::Integer, _>(INVOICES_PER_CLIENT)
    .execute(conn)?;
    diesel::sql_query(
        "INSERT INTO invoices (id, client_id, number, status, title, currency, issue_date, due_date, \
                               total_ht, total_tva, total_ttc, amount_paid, created_by, sent_at, created_at) \
         SELECT id, client_id, 'NX-E' || lpad(i::text, 5, '0') || '-' || lpad(n::text, 3, '0'), \
                (ARRAY['sent','paid','partially_paid','sent','paid'])[1 + n % 5], 'Prestations — semaine ' || n, 'XOF', \
                current_date - n * 7, current_date - n * 7 + 30, 300000, 54000, 354000, \
                CASE n % 5 WHEN 1 THEN 354000 WHEN 2 THEN 100000 WHEN 4 THEN 354000 ELSE 0 END, \
                $1, now() - n * interval '7 days', now() - n * interval '7 days' - random() * interval '1 day' \
         FROM scale_invoices",
    )
    .bind::<diesel::sql_types::Uuid, _>(admin_id)
    .execute(conn)?;
    diesel::sql_query(
        "INSERT INTO line_items (id, invoice_id, position, label, quantity_hundredths, unit_price, tax_rate_bp, total_ht, total_tva) \
         SELECT gen_random_uuid(), id, l - 1, 'Prestation ' || l, 100, 100000, 1800, 100000, 18000 \
         FROM scale_invoices, generate_series(1, 3) AS l",
    )
    .execute(conn)?;
    Ok(())
}

/// Tickets (every status and priority, a quarter of them open and unassigned; most opened weeks
/// ago, a tenth in the last three days: some on track, some at risk) for the scale clients that
/// have none, and prospects spread over the stages.
fn seed_support(conn: &mut PgConn, admin_id: uuid::Uuid) -> QueryResult<()> {
    diesel::sql_query(
        "INSERT INTO tickets (id, client_id, subject, status, priority, assigned_to, created_by, created_at, updated_at, \
                              first_response_due, first_response_risk_at, resolution_due, resolution_risk_at, \
                              first_responded_at, resolved_at, closed_at) \
         SELECT gen_random_uuid(), c.id, 'Demande ' || n, \
                (ARRAY['open','pending','resolved','closed'])[1 + n % 4], (ARRAY['low','normal','high','urgent'])[1 + n % 4], \
                CASE WHEN n % 3 = 0 THEN NULL ELSE $1 END, $1, t.opened, t.opened, \
                t.opened + interval '8 hours', t.opened + interval '6 hours', t.opened + interval '72 hours', t.opened + interval '54 hours', \
                CASE WHEN n % 4 <> 0 THEN t.opened + interval '1 hour' END, \
                CASE WHEN n % 4 >= 2 THEN t.opened + interval '20 hours' END, CASE WHEN n % 4 = 3 THEN t.opened + interval '30 hours' END \
         FROM clients c, generate_series(1, $2::int) AS n, \
              LATERAL (SELECT now() - CASE WHEN n % 10 = 0 THEN n % 70 ELSE n * 37 % 2000 END * interval '1 hour' AS opened) t \
         WHERE c.name LIKE 'Échelle %' AND NOT EXISTS (SELECT 1 FROM tickets WHERE tickets.client_id = c.id)",
    )
    .bind::<diesel::sql_types::Uuid, _>(admin_id)
    .bind::<diesel::sql_types::Integer, _>(TICKETS_PER_CLIENT)
    .execute(conn)?;
    diesel::sql_query(
        "INSERT INTO prospects (id, company, contact_name, email, source, estimated_value, probability, owner_id, city, \
                                stage_id, stage_rank, next_follow_up, created_by) \
         SELECT gen_random_uuid(), 'Prospect ' || substr(c.name, 9) || '-' || n, 'Contact ' || n, \
                'prospect-' || substr(c.name, 9) || '-' || n || '@echelle.demo', \
                (ARRAY['website','referral','trade_show','social_media','phone_call','email','other'])[1 + n % 7], \
                100000 * (1 + n * 7 % 50), s.probability, CASE WHEN n % 2 = 0 THEN $1 END, 'Abidjan', \
                s.id, (substr(c.name, 9)::int * 100 + n)::bigint * 65536, current_date + (n % 20) - 5, $1 \
         FROM clients c, generate_series(1, $2::int) AS n, \
              LATERAL (SELECT id, probability FROM pipeline_stages ORDER BY position OFFSET (n % 6) LIMIT 1) s \
         WHERE c.name LIKE 'Échelle %' \
           AND NOT EXISTS (SELECT 1 FROM prospects p WHERE p.email = 'prospect-' || substr(c.name, 9) || '-1@echelle.demo')",
    )
    .bind::<diesel::sql_types::Uuid, _>(admin_id)
    .bind::<diesel::sql_types::Integer, _>(PROSPECTS_PER_CLIENT)
    .execute(conn)?;
    Ok(())
}
