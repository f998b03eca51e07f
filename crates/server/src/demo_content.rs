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
use nourx_domain::sla::default_plan;
use nourx_domain::{MilestoneStatus, Priority, ProjectStatus, TaskStatus, TicketStatus};
use uuid::Uuid;

struct ProjectPlan {
    name: &'static str,
    description: &'static str,
    status: ProjectStatus,
    /// Before tax, in francs.
    budget: Option<i64>,
    milestones: &'static [(&'static str, MilestoneStatus, i64)],
    tasks: &'static [(&'static str, TaskStatus, Priority, bool)],
}

const AKWABA: &[ProjectPlan] = &[
    ProjectPlan {
        name: "Refonte du site vitrine",
        description: "Nouveau site bilingue, rapide sur mobile, avec blog et formulaire de contact.",
        status: ProjectStatus::Active,
        budget: Some(4_500_000),
        milestones: &[
            ("Maquettes validées", MilestoneStatus::Done, -20),
            ("Intégration terminée", MilestoneStatus::InProgress, 10),
            ("Mise en ligne", MilestoneStatus::Planned, 30),
        ],
        tasks: &[
            ("Atelier de cadrage", TaskStatus::Done, Priority::Normal, false),
            ("Arborescence du site", TaskStatus::Done, Priority::Normal, false),
            ("Maquette page d'accueil", TaskStatus::Done, Priority::High, false),
            ("Valider les textes de la page « À propos »", TaskStatus::Review, Priority::High, true),
            ("Fournir les photos de l'équipe", TaskStatus::Todo, Priority::Normal, true),
            ("Intégration de la page d'accueil", TaskStatus::InProgress, Priority::High, false),
            ("Intégration du blog", TaskStatus::InProgress, Priority::Normal, false),
            ("Formulaire de contact", TaskStatus::Todo, Priority::Normal, false),
            ("Traduction anglaise", TaskStatus::Blocked, Priority::Normal, true),
            ("Optimisation des images", TaskStatus::Todo, Priority::Low, false),
            ("Tests sur Android d'entrée de gamme", TaskStatus::Todo, Priority::High, false),
        ],
    },
    ProjectPlan {
        name: "Application mobile de fidélité",
        description: "Carte de fidélité dématérialisée pour les boutiques Akwaba.",
        status: ProjectStatus::Active,
        budget: None,
        milestones: &[("Spécifications", MilestoneStatus::Done, -40), ("Version bêta", MilestoneStatus::Late, -3)],
        tasks: &[
            ("Parcours d'inscription", TaskStatus::Done, Priority::Normal, false),
            ("Écran solde de points", TaskStatus::Review, Priority::Normal, false),
            ("Valider la charte graphique", TaskStatus::Todo, Priority::Urgent, true),
            ("Notifications push", TaskStatus::InProgress, Priority::Normal, false),
            ("Paiement Orange Money", TaskStatus::Todo, Priority::High, false),
        ],
    },
    ProjectPlan {
        name: "Campagne réseaux sociaux Tabaski",
        description: "Visuels et calendrier de publication.",
        status: ProjectStatus::Draft,
        budget: None,
        milestones: &[("Calendrier éditorial", MilestoneStatus::Planned, 25)],
        tasks: &[
            ("Brief créatif", TaskStatus::Todo, Priority::Normal, true),
            ("Propositions de visuels", TaskStatus::Todo, Priority::Normal, false),
        ],
    },
];

const BAOBAB: &[ProjectPlan] = &[
    ProjectPlan {
        name: "Boutique en ligne",
        description: "Vente en ligne des jus et confitures, livraison à Abidjan.",
        status: ProjectStatus::Active,
        budget: None,
        milestones: &[
            ("Catalogue produits", MilestoneStatus::Done, -15),
            ("Paiement et livraison", MilestoneStatus::InProgress, 12),
            ("Lancement", MilestoneStatus::Planned, 40),
        ],
        tasks: &[
            ("Photos des produits", TaskStatus::Done, Priority::Normal, true),
            ("Fiches produits", TaskStatus::Review, Priority::Normal, true),
            ("Intégration CinetPay", TaskStatus::InProgress, Priority::Urgent, false),
            ("Zones de livraison", TaskStatus::Todo, Priority::High, true),
            ("Tunnel de commande", TaskStatus::InProgress, Priority::High, false),
            ("Emails de confirmation", TaskStatus::Todo, Priority::Normal, false),
            ("Conditions générales de vente", TaskStatus::Blocked, Priority::High, true),
            ("Tests de charge", TaskStatus::Todo, Priority::Low, false),
        ],
    },
    ProjectPlan {
        name: "Identité visuelle",
        description: "Nouveau logo et déclinaisons pour les emballages.",
        status: ProjectStatus::Completed,
        budget: None,
        milestones: &[("Logo final", MilestoneStatus::Done, -60)],
        tasks: &[
            ("Pistes créatives", TaskStatus::Done, Priority::Normal, false),
            ("Déclinaisons emballages", TaskStatus::Done, Priority::Normal, false),
        ],
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
            manager_id: Some(admin),
            budget: plan.budget,
        }
        .insert(conn)?;
        created += 1;
        let mut milestone_ids = Vec::new();
        for (position, (title, status, offset)) in plan.milestones.iter().enumerate() {
            // The last milestone of a budgeted project bills its balance on approval.
            let last = position + 1 == plan.milestones.len();
            let milestone = NewMilestone {
                id: Uuid::now_v7(),
                project_id: project.id,
                client_id,
                title,
                description: "",
                status: *status,
                due_date: Some(day(*offset)),
                position: position as i32,
                amount: plan.budget.filter(|_| last).map(|budget| budget * 30 / 100),
                quote_percent: None,
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
                    status: *status,
                    priority: *priority,
                    assigned_to: Some(if *for_client { owner } else { admin }),
                    due_date: Some(day(n as i64 * 3 - 6)),
                    created_by: Some(admin),
                    client_visible: true,
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
        let sla = default_plan(created_at, *priority);
        let ticket = NewTicket {
            id: Uuid::now_v7(),
            client_id,
            project_id: (n % 2 == 0).then_some(first_project),
            subject,
            priority: *priority,
            created_by: owner,
            sla_policy_id: None,
            first_response_due: sla.first_response_due,
            first_response_risk_at: sla.first_response_risk_at,
            resolution_due: sla.resolution_due,
            resolution_risk_at: sla.resolution_risk_at,
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
