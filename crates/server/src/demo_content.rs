//! The demo clients' projects, milestones, kanban tasks, comments and tickets, in French.
//! Created once per client (skipped when the client already has projects).

use chrono::{Duration, NaiveDate, Utc};
use diesel::prelude::*;
use nourx_db::comments::NewComment;
use nourx_db::milestones::NewMilestone;
use nourx_db::projects::NewProject;
use nourx_db::schema::projects;
use nourx_db::tasks::{self, NewTask};
use nourx_db::tickets::{NewTicket, NewTicketMessage, TicketChanges};
use nourx_db::{PgConn, Scope};
use nourx_domain::sla::deadlines;
use nourx_domain::{Priority, TicketStatus};
use uuid::Uuid;

struct ProjectPlan {
    name: &'static str,
    description: &'static str,
    status: &'static str,
    milestones: &'static [(&'static str, &'static str, i64)],
    tasks: &'static [(&'static str, &'static str, &'static str, bool)],
}

const AKWABA: &[ProjectPlan] = &[
    ProjectPlan {
        name: "Refonte du site vitrine",
        description: "Nouveau site bilingue, rapide sur mobile, avec blog et formulaire de contact.",
        status: "active",
        milestones: &[
            ("Maquettes validées", "done", -20),
            ("Intégration terminée", "in_progress", 10),
            ("Mise en ligne", "planned", 30),
        ],
        tasks: &[
            ("Atelier de cadrage", "done", "normal", false),
            ("Arborescence du site", "done", "normal", false),
            ("Maquette page d'accueil", "done", "high", false),
            ("Valider les textes de la page « À propos »", "review", "high", true),
            ("Fournir les photos de l'équipe", "todo", "normal", true),
            ("Intégration de la page d'accueil", "in_progress", "high", false),
            ("Intégration du blog", "in_progress", "normal", false),
            ("Formulaire de contact", "todo", "normal", false),
            ("Traduction anglaise", "blocked", "normal", true),
            ("Optimisation des images", "todo", "low", false),
            ("Tests sur Android d'entrée de gamme", "todo", "high", false),
        ],
    },
    ProjectPlan {
        name: "Application mobile de fidélité",
        description: "Carte de fidélité dématérialisée pour les boutiques Akwaba.",
        status: "active",
        milestones: &[("Spécifications", "done", -40), ("Version bêta", "late", -3)],
        tasks: &[
            ("Parcours d'inscription", "done", "normal", false),
            ("Écran solde de points", "review", "normal", false),
            ("Valider la charte graphique", "todo", "urgent", true),
            ("Notifications push", "in_progress", "normal", false),
            ("Paiement Orange Money", "todo", "high", false),
        ],
    },
    ProjectPlan {
        name: "Campagne réseaux sociaux Tabaski",
        description: "Visuels et calendrier de publication.",
        status: "draft",
        milestones: &[("Calendrier éditorial", "planned", 25)],
        tasks: &[("Brief créatif", "todo", "normal", true), ("Propositions de visuels", "todo", "normal", false)],
    },
];

const BAOBAB: &[ProjectPlan] = &[
    ProjectPlan {
        name: "Boutique en ligne",
        description: "Vente en ligne des jus et confitures, livraison à Abidjan.",
        status: "active",
        milestones: &[
            ("Catalogue produits", "done", -15),
            ("Paiement et livraison", "in_progress", 12),
            ("Lancement", "planned", 40),
        ],
        tasks: &[
            ("Photos des produits", "done", "normal", true),
            ("Fiches produits", "review", "normal", true),
            ("Intégration CinetPay", "in_progress", "urgent", false),
            ("Zones de livraison", "todo", "high", true),
            ("Tunnel de commande", "in_progress", "high", false),
            ("Emails de confirmation", "todo", "normal", false),
            ("Conditions générales de vente", "blocked", "high", true),
            ("Tests de charge", "todo", "low", false),
        ],
    },
    ProjectPlan {
        name: "Identité visuelle",
        description: "Nouveau logo et déclinaisons pour les emballages.",
        status: "completed",
        milestones: &[("Logo final", "done", -60)],
        tasks: &[("Pistes créatives", "done", "normal", false), ("Déclinaisons emballages", "done", "normal", false)],
    },
];

const COMMENTS: &[(&str, bool)] = &[
    ("Merci, nous regardons cela cette semaine.", false),
    ("Pouvez-vous nous envoyer les éléments avant vendredi ?", false),
    ("Attention : le client attend une réponse rapide, prévoir un appel.", true),
    ("C'est validé de notre côté.", false),
];

const TICKETS: &[(&str, TicketStatus, Priority, &str)] = &[
    (
        "Le formulaire de contact n'envoie pas les messages",
        TicketStatus::Open,
        Priority::High,
        "Depuis hier, les messages du formulaire n'arrivent plus.",
    ),
    (
        "Question sur la facture de novembre",
        TicketStatus::Pending,
        Priority::Normal,
        "Pouvez-vous nous renvoyer la facture au nom de la société ?",
    ),
    (
        "Site lent le soir",
        TicketStatus::Resolved,
        Priority::Urgent,
        "Le site met plus de 10 secondes à s'afficher vers 20 h.",
    ),
    (
        "Ajouter un compte pour notre comptable",
        TicketStatus::Closed,
        Priority::Low,
        "Merci de créer un accès pour notre comptable.",
    ),
];

fn day(offset: i64) -> NaiveDate {
    (Utc::now() + Duration::days(offset)).date_naive()
}

/// Adds the demo content to `client_id` unless it already has projects.
pub fn seed_client(conn: &mut PgConn, client_id: Uuid, owner: Uuid, admin: Uuid, big: bool) -> QueryResult<usize> {
    let existing: i64 = projects::table.filter(projects::client_id.eq(client_id)).count().get_result(conn)?;
    if existing > 0 {
        return Ok(0);
    }
    let plans = if big { AKWABA } else { BAOBAB };
    let mut created = 0;
    for (p, plan) in plans.iter().enumerate() {
        let project = NewProject {
            id: Uuid::now_v7(),
            client_id,
            name: plan.name,
            description: plan.description,
            status: plan.status,
            progress_override: None,
            start_date: Some(day(-45 + 10 * p as i64)),
            due_date: Some(day(45 + 15 * p as i64)),
            created_by: Some(admin),
        }
        .insert(conn)?;
        created += 1;
        let mut milestone_ids = Vec::new();
        for (title, status, offset) in plan.milestones {
            let milestone = NewMilestone {
                id: Uuid::now_v7(),
                project_id: project.id,
                client_id,
                title,
                description: "",
                status,
                due_date: Some(day(*offset)),
            }
            .insert(conn)?;
            milestone_ids.push(milestone.id);
            created += 1;
        }
        for (n, (title, status, priority, for_client)) in plan.tasks.iter().enumerate() {
            let task = tasks::insert(
                conn,
                &NewTask {
                    id: Uuid::now_v7(),
                    project_id: project.id,
                    client_id,
                    milestone_id: milestone_ids.get(n % milestone_ids.len().max(1)).copied(),
                    title,
                    description: "",
                    status,
                    priority,
                    assigned_to: Some(if *for_client { owner } else { admin }),
                    due_date: Some(day(n as i64 * 3 - 6)),
                    created_by: Some(admin),
                },
            )?;
            created += 1;
            if n % 3 == 0 {
                for (k, (body, internal)) in COMMENTS.iter().enumerate().take(2 + n % 2) {
                    let author = if k % 2 == 0 && !internal { owner } else { admin };
                    NewComment {
                        id: Uuid::now_v7(),
                        task_id: task.id,
                        client_id,
                        author_id: author,
                        body,
                        internal: *internal,
                    }
                    .insert(conn)?;
                    created += 1;
                }
            }
        }
    }
    let first_project = projects::table
        .filter(projects::client_id.eq(client_id))
        .order(projects::created_at.asc())
        .select(projects::id)
        .first::<Uuid>(conn)?;
    for (n, (subject, status, priority, body)) in TICKETS.iter().enumerate() {
        let created_at = Utc::now() - Duration::hours(6 + 30 * n as i64);
        let sla = deadlines(created_at, *priority);
        let ticket = NewTicket {
            id: Uuid::now_v7(),
            client_id,
            project_id: (n % 2 == 0).then_some(first_project),
            subject,
            priority: *priority,
            created_by: owner,
            first_response_due: sla.first_response_due,
            resolution_due: sla.resolution_due,
        }
        .insert(conn)?;
        NewTicketMessage {
            id: Uuid::now_v7(),
            ticket_id: ticket.id,
            client_id,
            author_id: owner,
            body,
            internal: false,
        }
        .insert(conn)?;
        created += 2;
        if *status != TicketStatus::Open {
            NewTicketMessage {
                id: Uuid::now_v7(),
                ticket_id: ticket.id,
                client_id,
                author_id: admin,
                body: "Bonjour, merci pour votre message. Nous nous en occupons.",
                internal: false,
            }
            .insert(conn)?;
            NewTicketMessage {
                id: Uuid::now_v7(),
                ticket_id: ticket.id,
                client_id,
                author_id: admin,
                body: "Vérifier la configuration du serveur de messagerie.",
                internal: true,
            }
            .insert(conn)?;
            created += 2;
        }
        let now = Utc::now();
        let changes = TicketChanges {
            status: Some(*status),
            assigned_to: Some(Some(admin)),
            first_responded_at: Some((*status != TicketStatus::Open).then_some(created_at + Duration::minutes(45))),
            resolved_at: Some(
                matches!(*status, TicketStatus::Resolved | TicketStatus::Closed).then_some(now - Duration::hours(2)),
            ),
            closed_at: Some((*status == TicketStatus::Closed).then_some(now - Duration::hours(1))),
            ..Default::default()
        };
        nourx_db::tickets::update(conn, ticket.id, &changes)?;
        diesel::sql_query("UPDATE tickets SET created_at = $1 WHERE id = $2")
            .bind::<diesel::sql_types::Timestamptz, _>(created_at)
            .bind::<diesel::sql_types::Uuid, _>(ticket.id)
            .execute(conn)?;
        // The thread reads as it happened: the request, then the reply 45 minutes later.
        diesel::sql_query(
            "UPDATE ticket_messages SET created_at = $1 + CASE WHEN author_id = $3 THEN interval '0' \
             WHEN internal THEN interval '50 minutes' ELSE interval '45 minutes' END WHERE ticket_id = $2",
        )
        .bind::<diesel::sql_types::Timestamptz, _>(created_at)
        .bind::<diesel::sql_types::Uuid, _>(ticket.id)
        .bind::<diesel::sql_types::Uuid, _>(owner)
        .execute(conn)?;
    }
    let _ = Scope::All;
    Ok(created)
}
