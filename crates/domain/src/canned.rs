//! Canned replies: saved answers staff insert in a ticket reply, with `{{variable}}` slots filled
//! from the ticket.

use crate::Message;

/// The variables a canned reply may use, with what each is replaced by.
pub const VARIABLES: &[(&str, &str)] = &[
    ("client_name", "Le nom du client · the client's name"),
    ("contact_name", "Le nom de la personne qui a ouvert le ticket · who opened the ticket"),
    ("ticket_number", "Le numéro du ticket · the ticket's number"),
    ("ticket_subject", "L'objet du ticket · the ticket's subject"),
    ("agent_name", "Votre nom · your name"),
];

/// The values of the variables for one ticket.
#[derive(Debug, Clone, Default)]
pub struct ReplyContext {
    pub client_name: String,
    pub contact_name: String,
    pub ticket_number: i64,
    pub ticket_subject: String,
    pub agent_name: String,
}

impl ReplyContext {
    fn value(&self, name: &str) -> Option<String> {
        Some(match name {
            "client_name" => self.client_name.clone(),
            "contact_name" => self.contact_name.clone(),
            "ticket_number" => self.ticket_number.to_string(),
            "ticket_subject" => self.ticket_subject.clone(),
            "agent_name" => self.agent_name.clone(),
            _ => return None,
        })
    }
}

/// A piece of a template: text, or a variable's name.
#[derive(Debug, PartialEq, Eq)]
enum Piece<'a> {
    Text(&'a str),
    Variable(&'a str),
}

/// The pieces of `template`, or the first slot that is not a known variable (or not closed).
fn pieces(template: &str) -> Result<Vec<Piece<'_>>, String> {
    let mut pieces = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        pieces.push(Piece::Text(&rest[..start]));
        let after = &rest[start + 2..];
        let end = after.find("}}").ok_or_else(|| format!("{{{{{}", after.chars().take(20).collect::<String>()))?;
        let name = after[..end].trim();
        if !VARIABLES.iter().any(|(known, _)| *known == name) {
            return Err(format!("{{{{{name}}}}}"));
        }
        pieces.push(Piece::Variable(name));
        rest = &after[end + 2..];
    }
    pieces.push(Piece::Text(rest));
    Ok(pieces)
}

/// Checks that every `{{…}}` of `template` is a known variable.
pub fn check_template(template: &str) -> Result<(), Message> {
    pieces(template).map(|_| ()).map_err(|slot| {
        let known = VARIABLES.iter().map(|(name, _)| format!("{{{{{name}}}}}")).collect::<Vec<_>>().join(", ");
        Message::owned(
            format!("Variable inconnue ou mal fermée : {slot}. Variables possibles : {known}."),
            format!("Unknown or unclosed variable: {slot}. Available variables: {known}."),
        )
    })
}

/// `template` with its variables filled from `context` (a template that does not check is
/// returned as it is: only checked templates are stored).
pub fn render(template: &str, context: &ReplyContext) -> String {
    match pieces(template) {
        Ok(pieces) => pieces
            .into_iter()
            .map(|piece| match piece {
                Piece::Text(text) => text.to_owned(),
                Piece::Variable(name) => context.value(name).unwrap_or_default(),
            })
            .collect(),
        Err(_) => template.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context() -> ReplyContext {
        ReplyContext {
            client_name: "Akwaba Digital".into(),
            contact_name: "Aya Kouassi".into(),
            ticket_number: 1042,
            ticket_subject: "Formulaire en panne".into(),
            agent_name: "Awa Koné".into(),
        }
    }

    #[test]
    fn fills_every_variable_with_or_without_spaces() {
        let template = "Bonjour {{contact_name}} ({{ client_name }}), ticket {{ticket_number}} « {{ticket_subject}} ». {{agent_name}}";
        assert_eq!(
            render(template, &context()),
            "Bonjour Aya Kouassi (Akwaba Digital), ticket 1042 « Formulaire en panne ». Awa Koné"
        );
        assert_eq!(render("Sans variable { ni } rien", &context()), "Sans variable { ni } rien");
    }

    #[test]
    fn refuses_unknown_or_unclosed_variables() {
        assert!(check_template("Bonjour {{contact_name}}").is_ok());
        let unknown = check_template("Bonjour {{prenom}}").expect_err("unknown");
        assert!(unknown.fr.contains("{{prenom}}"), "{}", unknown.fr);
        assert!(unknown.en.contains("{{contact_name}}"));
        let unclosed = check_template("Bonjour {{contact_name").expect_err("unclosed");
        assert!(unclosed.fr.contains("{{contact_name"), "{}", unclosed.fr);
    }

    #[test]
    fn a_value_is_never_read_as_a_template() {
        let context = ReplyContext { client_name: "{{agent_name}}".into(), ..context() };
        assert_eq!(render("{{client_name}}", &context), "{{agent_name}}");
    }
}
