//! The check an admin's override passes before it is saved: every part parses, uses only its
//! template's variables, holds no markup an email must not carry, and renders with the template's
//! sample data (each boolean both ways). Each problem names its part, its line and, in French and
//! English, its reason — so that a template that would fail is refused when saved, never when sent.

use std::collections::BTreeSet;

use minijinja::{ErrorKind, Template, Value};
use nourx_domain::{Locale, Message};

use crate::catalog::sample_variants;
use crate::template::{
    BODY, HTML, SUBJECT, TemplateKey, TemplateSource, context, environment, free_variables, one_line,
};

/// A part of a template source, named as the API names its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SourcePart {
    Subject,
    Text,
    Html,
}

impl SourcePart {
    pub fn as_str(self) -> &'static str {
        match self {
            SourcePart::Subject => "subject",
            SourcePart::Text => "text",
            SourcePart::Html => "html",
        }
    }

    /// The engine's name of the part (which its errors carry).
    fn template_name(self) -> &'static str {
        match self {
            SourcePart::Subject => SUBJECT,
            SourcePart::Text => BODY,
            SourcePart::Html => HTML,
        }
    }
}

/// Why a part of a source is refused.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// `{{ x` without its `}}`.
    VariableNotClosed,
    /// `{% if %}` or `{% for %}` without its end.
    BlockNotClosed,
    /// `{% x` without its `%}`.
    TagNotClosed,
    /// `'…` or `"…` without its closing quote.
    StringNotClosed,
    /// `{# x` without its `#}`.
    CommentNotClosed,
    /// `{% include %}`, `{% endfor %}` after an `{% if %}`…
    UnknownStatement(String),
    /// Another syntax error, in the engine's words.
    Syntax(String),
    UnknownVariable(String),
    UnknownFilter(String),
    UnknownTest(String),
    /// Markup or a statement an email may not carry (`<script>`, `onclick=`, `{% autoescape %}`…).
    Forbidden(String),
    /// An attribute or an item of a value that does not have it (`{{ name.first }}`).
    Undefined,
    /// The engine's fuel ran out: a loop far too long.
    TooMuchWork,
    /// Another failure while rendering, in the engine's words.
    Render(String),
    /// The subject renders to nothing.
    EmptySubject,
}

impl Reason {
    /// The reason, starting with a lower-case letter (it follows « Ligne 3 : »).
    fn words(&self) -> Message {
        match self {
            Reason::VariableNotClosed => {
                Message::new("balise {{ non fermée : il manque « }} »", "unclosed {{ tag: “}}” is missing")
            }
            Reason::BlockNotClosed => Message::new(
                "bloc non fermé : il manque {% endif %} ou {% endfor %}",
                "unclosed block: {% endif %} or {% endfor %} is missing",
            ),
            Reason::TagNotClosed => {
                Message::new("balise {% non fermée : il manque « %} »", "unclosed {% tag: “%}” is missing")
            }
            Reason::StringNotClosed => Message::new("guillemet non fermé", "unclosed quote"),
            Reason::CommentNotClosed => {
                Message::new("commentaire {# non fermé : il manque « #} »", "unclosed {# comment: “#}” is missing")
            }
            Reason::UnknownStatement(name) => Message::owned(
                format!("instruction inconnue ou inattendue « {name} »"),
                format!("unknown or unexpected statement “{name}”"),
            ),
            Reason::Syntax(detail) => {
                Message::owned(format!("syntaxe invalide ({detail})"), format!("invalid syntax ({detail})"))
            }
            Reason::UnknownVariable(name) => {
                Message::owned(format!("variable inconnue « {name} »"), format!("unknown variable “{name}”"))
            }
            Reason::UnknownFilter(name) => {
                Message::owned(format!("filtre inconnu « {name} »"), format!("unknown filter “{name}”"))
            }
            Reason::UnknownTest(name) => {
                Message::owned(format!("test inconnu « {name} »"), format!("unknown test “{name}”"))
            }
            Reason::Forbidden(what) => Message::owned(
                format!("« {what} » n'est pas permis dans un e-mail"),
                format!("“{what}” is not allowed in an email"),
            ),
            Reason::Undefined => Message::new(
                "valeur indéfinie (un attribut ou un élément qui n'existe pas)",
                "undefined value (an attribute or an item that does not exist)",
            ),
            Reason::TooMuchWork => Message::new(
                "le modèle demande trop de calculs (une boucle trop longue ?)",
                "the template takes too much work (a loop too long?)",
            ),
            Reason::Render(detail) => {
                Message::owned(format!("erreur à l'affichage ({detail})"), format!("rendering failed ({detail})"))
            }
            Reason::EmptySubject => {
                Message::new("l'objet est vide une fois rempli", "the subject is empty once filled in")
            }
        }
    }
}

/// One problem of a source: its part, its line (from 1) when the engine or the check knows it, why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceProblem {
    pub part: SourcePart,
    pub line: Option<usize>,
    pub reason: Reason,
}

impl SourceProblem {
    /// « Ligne 3 : variable inconnue « montant ». » / "Line 3: unknown variable “montant”."
    pub fn message(&self) -> Message {
        let words = self.reason.words();
        match self.line {
            Some(line) => {
                Message::owned(format!("Ligne {line} : {}.", words.fr), format!("Line {line}: {}.", words.en))
            }
            None => Message::owned(format!("{}.", capitalized(&words.fr)), format!("{}.", capitalized(&words.en))),
        }
    }
}

fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Checks an override of `key` written in `locale` (see the module documentation). The problems
/// come by part (subject, text, HTML), then line.
pub fn check_source(key: TemplateKey, locale: Locale, source: &TemplateSource) -> Result<(), Vec<SourceProblem>> {
    let env = environment();
    let mut problems = BTreeSet::new();
    let mut parts: Vec<(SourcePart, &str)> =
        vec![(SourcePart::Subject, &source.subject), (SourcePart::Text, &source.body)];
    if let Some(html) = &source.html {
        parts.push((SourcePart::Html, html));
        problems.extend(forbidden_markup(html));
    }
    let mut compiled = Vec::new();
    for (part, text) in parts {
        match env.template_from_named_str(part.template_name(), text) {
            Ok(template) => {
                for name in free_variables(&env, &template) {
                    if !key.variables().contains(&name.as_str()) {
                        let line = line_of_variable(text, &name);
                        problems.insert(SourceProblem { part, line, reason: Reason::UnknownVariable(name) });
                    }
                }
                compiled.push((part, template));
            }
            Err(error) => {
                problems.insert(problem(part, &error));
            }
        }
    }
    // Rendering is only meaningful once every part parses and names known variables.
    if problems.is_empty() {
        for vars in sample_variants(key, locale) {
            problems.extend(render_problems(&compiled, &vars));
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(problems.into_iter().collect()) }
}

fn render_problems(compiled: &[(SourcePart, Template<'_, '_>)], vars: &serde_json::Value) -> Vec<SourceProblem> {
    let Ok(context) = context(vars) else { return Vec::new() };
    let context = Value::from_object(context);
    let mut problems = Vec::new();
    for (part, template) in compiled {
        match template.render(&context) {
            Ok(rendered) if *part == SourcePart::Subject && one_line(&rendered).is_empty() => {
                problems.push(SourceProblem { part: *part, line: None, reason: Reason::EmptySubject });
            }
            Ok(_) => {}
            Err(error) => problems.push(problem(*part, &error)),
        }
    }
    problems
}

/// An engine error as a problem of `part`, in words a person can act on.
fn problem(part: SourcePart, error: &minijinja::Error) -> SourceProblem {
    let detail = error.detail().unwrap_or_default().to_owned();
    let reason = match error.kind() {
        ErrorKind::SyntaxError => syntax_reason(&detail),
        ErrorKind::UnknownFilter => Reason::UnknownFilter(unknown_name(&detail, "filter ")),
        ErrorKind::UnknownTest => Reason::UnknownTest(unknown_name(&detail, "test ")),
        ErrorKind::UnknownFunction => Reason::UnknownVariable(unknown_name(&detail, "")),
        ErrorKind::UndefinedError => Reason::Undefined,
        ErrorKind::OutOfFuel => Reason::TooMuchWork,
        _ if detail.is_empty() => Reason::Render(error.kind().to_string()),
        _ => Reason::Render(detail),
    };
    SourceProblem { part, line: error.line(), reason }
}

fn syntax_reason(detail: &str) -> Reason {
    if detail.contains("expected end of variable block") {
        Reason::VariableNotClosed
    } else if detail == "unexpected end of input, expected end of block" {
        Reason::BlockNotClosed
    } else if detail.contains("expected end of block") {
        Reason::TagNotClosed
    } else if detail == "unexpected end of string" {
        Reason::StringNotClosed
    } else if detail == "unexpected end of comment" {
        Reason::CommentNotClosed
    } else if let Some(name) = detail.strip_prefix("unknown statement ") {
        Reason::UnknownStatement(name.to_owned())
    } else {
        Reason::Syntax(detail.to_owned())
    }
}

/// `nofilter` from "filter nofilter is unknown".
fn unknown_name(detail: &str, prefix: &str) -> String {
    let name = detail.strip_prefix(prefix).unwrap_or(detail);
    name.strip_suffix(" is unknown").unwrap_or(name).to_owned()
}

/// The line (from 1) of the first tag (`{{ … }}`, `{% … %}`) naming `name` as a whole word.
fn line_of_variable(text: &str, name: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(start) = text[from..].find(['{']).map(|i| from + i) {
        let opener = text.get(start..start + 2);
        let closer = match opener {
            Some("{{") => "}}",
            Some("{%") => "%}",
            _ => {
                from = start + 1;
                continue;
            }
        };
        let inner_start = start + 2;
        let end = text[inner_start..].find(closer).map_or(text.len(), |i| inner_start + i);
        let inner = &text[inner_start..end];
        if let Some(at) = word_in(inner, name) {
            return Some(line_at(text, inner_start + at));
        }
        from = end;
    }
    None
}

/// The byte offset of `word` in `s` as a whole identifier (not part of another, not an attribute).
fn word_in(s: &str, word: &str) -> Option<usize> {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    s.match_indices(word).map(|(at, _)| at).find(|&at| {
        let before = s[..at].chars().next_back();
        let after = s[at + word.len()..].chars().next();
        !before.is_some_and(|c| is_ident(c) || c == '.') && !after.is_some_and(is_ident)
    })
}

fn line_at(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

/// What an HTML part must not contain: scripts and the elements that carry or load them, event
/// handler attributes, script URLs, and the statement that would switch the escaping of values off.
fn forbidden_markup(html: &str) -> Vec<SourceProblem> {
    const ELEMENTS: [&str; 9] = ["script", "iframe", "object", "embed", "form", "base", "meta", "link", "frame"];
    const SCHEMES: [&str; 3] = ["javascript:", "vbscript:", "data:text/html"];
    let mut problems = Vec::new();
    for (index, line) in html.lines().enumerate() {
        let lower = line.to_lowercase();
        let mut found = |what: String| {
            problems.push(SourceProblem {
                part: SourcePart::Html,
                line: Some(index + 1),
                reason: Reason::Forbidden(what),
            });
        };
        for element in ELEMENTS {
            let tag = format!("<{element}");
            if lower
                .match_indices(&tag)
                .any(|(at, _)| !lower[at + tag.len()..].starts_with(|c: char| c.is_alphanumeric()))
            {
                found(format!("<{element}>"));
            }
        }
        for scheme in SCHEMES {
            if lower.contains(scheme) {
                found(scheme.to_owned());
            }
        }
        if let Some(handler) = event_handler(&lower) {
            found(format!("{handler}="));
        }
        if lower.contains("{%") && word_in(&lower, "autoescape").is_some() {
            found("{% autoescape %}".to_owned());
        }
    }
    problems
}

/// The first `on…=` attribute of a line (`onclick`, `onerror`…), lower-cased.
fn event_handler(lower: &str) -> Option<&str> {
    lower.match_indices("on").find_map(|(at, _)| {
        let before = lower[..at].chars().next_back();
        if !before.is_some_and(|c| c.is_whitespace() || c == '"' || c == '\'' || c == '/') {
            return None;
        }
        let rest = &lower[at..];
        let name_len = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
        let after = rest[name_len..].trim_start();
        (name_len > 2 && after.starts_with('=')).then(|| &rest[..name_len])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::{default_source, render};

    fn source(subject: &str, body: &str) -> TemplateSource {
        TemplateSource { subject: subject.into(), body: body.into(), html: None }
    }

    fn messages(key: TemplateKey, source: &TemplateSource) -> Vec<(SourcePart, String)> {
        match check_source(key, Locale::Fr, source) {
            Ok(()) => Vec::new(),
            Err(problems) => problems.iter().map(|p| (p.part, p.message().fr.into_owned())).collect(),
        }
    }

    #[test]
    fn every_built_in_source_passes() {
        for &key in TemplateKey::ALL {
            for locale in [Locale::Fr, Locale::En] {
                check_source(key, locale, &default_source(key, locale))
                    .unwrap_or_else(|e| panic!("{key} {locale:?}: {e:?}"));
            }
        }
    }

    #[test]
    fn an_unknown_variable_is_refused_with_its_line() {
        let body = "Bonjour {{ client_name }},\n\nVotre facture :\nMontant : {{ montant }}\n";
        assert_eq!(
            messages(TemplateKey::InvoiceSent, &source("Facture {{ number }}", body)),
            [(SourcePart::Text, "Ligne 4 : variable inconnue « montant ».".to_owned())]
        );
        let problems = check_source(TemplateKey::InvoiceSent, Locale::En, &source("{{ montant }}", "x")).unwrap_err();
        assert_eq!(problems[0].message().en, "Line 1: unknown variable “montant”.");
        // `name.first` reads `name`, which is known; `client.name` reads `client`, which is not.
        let body = "{{ client_name }}\n{% if total %}\n{{ client.name }}{% endif %}";
        assert_eq!(
            messages(TemplateKey::InvoiceSent, &source("S", body)),
            [(SourcePart::Text, "Ligne 3 : variable inconnue « client ».".to_owned())]
        );
    }

    #[test]
    fn syntax_errors_say_what_is_missing_and_where() {
        let cases = [
            ("a\nb\nMontant : {{ montant", "Ligne 3 : balise {{ non fermée : il manque « }} »."),
            ("a\n{% if overdue %}b", "Ligne 2 : bloc non fermé : il manque {% endif %} ou {% endfor %}."),
            ("{% if overdue %}a{% endfor %}", "Ligne 1 : instruction inconnue ou inattendue « endfor »."),
            ("{% include 'x' %}", "Ligne 1 : instruction inconnue ou inattendue « include »."),
            ("a\n{{ 'b }}", "Ligne 2 : guillemet non fermé."),
            ("{# a", "Ligne 1 : commentaire {# non fermé : il manque « #} »."),
            ("{% if overdue }}a{% endif %}", "Ligne 1 : balise {% non fermée : il manque « %} »."),
        ];
        for (body, expected) in cases {
            assert_eq!(
                messages(TemplateKey::InvoiceReminder, &source("S", body)),
                [(SourcePart::Text, expected.to_owned())],
                "{body}"
            );
        }
    }

    #[test]
    fn what_fails_only_when_rendered_is_caught_with_the_sample_data() {
        let cases = [
            ("{{ name | montant }}", "Ligne 1 : filtre inconnu « montant »."),
            ("a\n\n{{ name.first }}", "Ligne 3 : valeur indéfinie (un attribut ou un élément qui n'existe pas)."),
            ("{{ name is nothing }}", "Ligne 1 : test inconnu « nothing »."),
            ("{{ montant() }}", "Ligne 1 : variable inconnue « montant »."),
        ];
        for (body, expected) in cases {
            assert_eq!(
                messages(TemplateKey::TicketReply, &source("S", body)),
                [(SourcePart::Text, expected.to_owned())]
            );
        }
        // A branch taken only when the boolean is false is rendered too.
        let body = "{% if fully_paid %}Merci{% else %}{{ balance.x }}{% endif %}";
        assert_eq!(messages(TemplateKey::PaymentReceipt, &source("S", body)).len(), 1);
        // A subject that renders to nothing.
        assert_eq!(
            messages(TemplateKey::PaymentReceipt, &source("{% if fully_paid %}Payé{% endif %}", "x")),
            [(SourcePart::Subject, "L'objet est vide une fois rempli.".to_owned())]
        );
    }

    #[test]
    fn a_runaway_loop_is_refused_not_run_forever() {
        let body = "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}";
        assert_eq!(
            messages(TemplateKey::TicketReply, &source("S", body)),
            [(SourcePart::Text, "Ligne 1 : le modèle demande trop de calculs (une boucle trop longue ?).".to_owned())]
        );
        // Rendering stops too, whatever was saved.
        assert!(render(&source("S", body), &serde_json::json!({})).is_err());
    }

    #[test]
    fn every_problem_of_every_part_is_reported() {
        let mut broken = source("Facture {{ numero }}", "{{ client_name }}\n{{ montant");
        broken.html = Some("<p>{{ client_name }}</p>\n<p>{{ total }} {{ remise }}</p>".into());
        assert_eq!(
            messages(TemplateKey::InvoiceSent, &broken),
            [
                (SourcePart::Subject, "Ligne 1 : variable inconnue « numero ».".to_owned()),
                (SourcePart::Text, "Ligne 2 : balise {{ non fermée : il manque « }} ».".to_owned()),
                (SourcePart::Html, "Ligne 2 : variable inconnue « remise ».".to_owned()),
            ]
        );
    }

    #[test]
    fn html_may_not_carry_scripts_nor_switch_escaping_off() {
        let with = |html: &str| {
            let mut source = default_source(TemplateKey::TicketReply, Locale::Fr);
            source.html = Some(html.to_owned());
            messages(TemplateKey::TicketReply, &source).into_iter().map(|(_, m)| m).collect::<Vec<_>>()
        };
        assert_eq!(with("<p>\n<SCRIPT>alert(1)</script>"), ["Ligne 2 : « <script> » n'est pas permis dans un e-mail."]);
        assert_eq!(with("<img src=x onerror=alert(1)>"), ["Ligne 1 : « onerror= » n'est pas permis dans un e-mail."]);
        assert_eq!(
            with("<a href=\"JavaScript:alert(1)\">x</a>"),
            ["Ligne 1 : « javascript: » n'est pas permis dans un e-mail."]
        );
        assert_eq!(
            with("{% autoescape false %}{{ excerpt }}{% endautoescape %}"),
            ["Ligne 1 : « {% autoescape %} » n'est pas permis dans un e-mail."]
        );
        assert_eq!(with("{{ excerpt | safe }}"), ["Ligne 1 : filtre inconnu « safe »."]);
        // Ordinary email markup, words such as « once » or « mention », and <b>, <table>… pass.
        assert!(
            with(
                "<p style=\"color:#333\">Mention : {{ excerpt }} once</p>\n<table><tr><td>{{ name }}</td></tr></table>"
            )
            .is_empty()
        );
        assert!(with("<p><a href=\"{{ ticket_url }}\">Ouvrir le ticket</a></p>").is_empty());
    }

    #[test]
    fn messages_without_a_line_start_with_a_capital() {
        let problem = SourceProblem { part: SourcePart::Text, line: None, reason: Reason::UnknownVariable("x".into()) };
        assert_eq!(problem.message().fr, "Variable inconnue « x ».");
        assert_eq!(problem.message().en, "Unknown variable “x”.");
    }
}
