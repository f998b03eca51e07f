//! Prospects and the sales pipeline: where a lead came from, the stages it goes through (won and
//! lost need a reason), its weighted value, when it may become a client, and the CSV import of
//! prospects (read by header names, French or English; nothing half-imported).

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Message;
use crate::client::ClientSize;
use crate::email::Email;
use crate::spreadsheet::{Table, TableError, normalise, whole_francs};

/// Where a prospect came from.
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow), diesel(sql_type = diesel::sql_types::Text))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProspectSource {
    Website,
    Referral,
    TradeShow,
    SocialMedia,
    PhoneCall,
    Email,
    Other,
}

impl ProspectSource {
    pub const ALL: &'static [Self] = &[
        ProspectSource::Website,
        ProspectSource::Referral,
        ProspectSource::TradeShow,
        ProspectSource::SocialMedia,
        ProspectSource::PhoneCall,
        ProspectSource::Email,
        ProspectSource::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProspectSource::Website => "website",
            ProspectSource::Referral => "referral",
            ProspectSource::TradeShow => "trade_show",
            ProspectSource::SocialMedia => "social_media",
            ProspectSource::PhoneCall => "phone_call",
            ProspectSource::Email => "email",
            ProspectSource::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<ProspectSource> {
        ProspectSource::ALL.iter().copied().find(|source| source.as_str() == s)
    }

    /// The source as a spreadsheet writes it, in French or English, or its code.
    pub fn read(written: &str) -> Option<ProspectSource> {
        Some(match normalise(written).as_str() {
            "website" | "siteweb" | "site" | "web" | "formulaire" => ProspectSource::Website,
            "referral" | "recommandation" | "boucheaoreille" => ProspectSource::Referral,
            "tradeshow" | "salon" | "evenement" | "event" => ProspectSource::TradeShow,
            "socialmedia" | "reseauxsociaux" | "facebook" | "linkedin" | "instagram" => ProspectSource::SocialMedia,
            "phonecall" | "appel" | "telephone" | "call" => ProspectSource::PhoneCall,
            "email" | "mail" | "courriel" => ProspectSource::Email,
            "other" | "autre" => ProspectSource::Other,
            _ => return None,
        })
    }
}

crate::stored_as_text!(ProspectSource);

/// What a stage of the pipeline means: in progress, or an outcome.
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow), diesel(sql_type = diesel::sql_types::Text))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StageKind {
    Open,
    Won,
    Lost,
}

impl StageKind {
    pub const ALL: &'static [Self] = &[StageKind::Open, StageKind::Won, StageKind::Lost];

    pub fn as_str(self) -> &'static str {
        match self {
            StageKind::Open => "open",
            StageKind::Won => "won",
            StageKind::Lost => "lost",
        }
    }

    pub fn parse(s: &str) -> Option<StageKind> {
        StageKind::ALL.iter().copied().find(|kind| kind.as_str() == s)
    }
}

crate::stored_as_text!(StageKind);

/// Something that happened with a prospect.
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow), diesel(sql_type = diesel::sql_types::Text))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    Call,
    Meeting,
    Email,
    Note,
    /// Written by the API when the prospect moves to another stage.
    StageChange,
}

impl ActivityKind {
    pub const ALL: &'static [Self] = &[
        ActivityKind::Call,
        ActivityKind::Meeting,
        ActivityKind::Email,
        ActivityKind::Note,
        ActivityKind::StageChange,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActivityKind::Call => "call",
            ActivityKind::Meeting => "meeting",
            ActivityKind::Email => "email",
            ActivityKind::Note => "note",
            ActivityKind::StageChange => "stage_change",
        }
    }

    pub fn parse(s: &str) -> Option<ActivityKind> {
        ActivityKind::ALL.iter().copied().find(|kind| kind.as_str() == s)
    }

    /// Whether staff may write it (a stage change is the API's).
    pub fn written_by_people(self) -> bool {
        self != ActivityKind::StageChange
    }
}

crate::stored_as_text!(ActivityKind);

/// Why a prospect may not move to a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageMoveRefusal {
    /// Won or lost without saying why (400 on `reason`).
    ReasonRequired,
    /// Converted into a client: it stays won (409 `prospect_converted`).
    Converted,
}

impl StageMoveRefusal {
    pub fn message(self) -> Message {
        match self {
            StageMoveRefusal::ReasonRequired => {
                Message::new("Indiquez pourquoi l'affaire est gagnée ou perdue.", "Say why the deal was won or lost.")
            }
            StageMoveRefusal::Converted => Message::new(
                "Ce prospect est devenu client : il reste dans « Gagné ».",
                "This prospect became a client: it stays won.",
            ),
        }
    }
}

/// A move to a stage of `to` kind: the outcome reason to keep (`None` for an open stage), or why
/// it is refused.
pub fn stage_move(converted: bool, to: StageKind, reason: Option<&str>) -> Result<Option<String>, StageMoveRefusal> {
    if converted {
        return Err(StageMoveRefusal::Converted);
    }
    match to {
        StageKind::Open => Ok(None),
        StageKind::Won | StageKind::Lost => match reason.map(str::trim).filter(|r| !r.is_empty()) {
            Some(reason) => Ok(Some(reason.to_owned())),
            None => Err(StageMoveRefusal::ReasonRequired),
        },
    }
}

/// Why a prospect may not become a client now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConversionRefusal {
    AlreadyConverted,
    /// Lost: move it back to an open stage first.
    Lost,
    /// Without its contact's email, nobody can be invited to the portal.
    NoEmail,
    /// A client already bears its company's name (client names are unique).
    CompanyNameTaken,
}

impl ConversionRefusal {
    pub fn code(self) -> &'static str {
        match self {
            ConversionRefusal::AlreadyConverted => "prospect_converted",
            ConversionRefusal::Lost => "prospect_lost",
            ConversionRefusal::NoEmail => "prospect_without_email",
            ConversionRefusal::CompanyNameTaken => "client_name_taken",
        }
    }

    pub fn message(self) -> Message {
        match self {
            ConversionRefusal::AlreadyConverted => {
                Message::new("Ce prospect est déjà devenu client.", "This prospect is already a client.")
            }
            ConversionRefusal::Lost => Message::new(
                "Ce prospect est perdu : remettez-le dans une étape en cours avant de le convertir.",
                "This prospect is lost: move it back to an open stage before converting it.",
            ),
            ConversionRefusal::NoEmail => Message::new(
                "Ajoutez l'e-mail du contact : il sera invité sur le portail.",
                "Add the contact's email: they will be invited to the portal.",
            ),
            ConversionRefusal::CompanyNameTaken => Message::new(
                "Un client porte déjà le nom de cette entreprise : renommez le prospect, ou faites le devis depuis la fiche de ce client.",
                "A client already has this company's name: rename the prospect, or write the quote from that client's page.",
            ),
        }
    }
}

/// Whether a prospect in a stage of `kind` may become a client.
pub fn conversion_check(converted: bool, kind: StageKind, has_email: bool) -> Result<(), ConversionRefusal> {
    match (converted, kind, has_email) {
        (true, _, _) => Err(ConversionRefusal::AlreadyConverted),
        (_, StageKind::Lost, _) => Err(ConversionRefusal::Lost),
        (_, _, false) => Err(ConversionRefusal::NoEmail),
        _ => Ok(()),
    }
}

/// The value of a prospect weighted by its probability (percent), rounded to the franc.
pub fn weighted_value(value: i64, probability: i16) -> i64 {
    let probability = i128::from(probability.clamp(0, 100));
    let weighted = (i128::from(value) * probability + 50) / 100;
    i64::try_from(weighted).unwrap_or(i64::MAX)
}

/// The import's largest file: 2 MiB (some 10 000 rows).
pub const IMPORT_MAX_BYTES: usize = 2 * 1024 * 1024;
/// At most this many rows in one import.
pub const IMPORT_MAX_ROWS: usize = 5_000;
const ROW_ERRORS_SHOWN: usize = 50;

/// A column of the prospects file, recognised by any of its names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImportColumn {
    Company,
    ContactName,
    Email,
    Phone,
    Whatsapp,
    Source,
    EstimatedValue,
    Probability,
    ExpectedClose,
    Sector,
    City,
    Size,
    Tags,
    Notes,
}

impl ImportColumn {
    pub const ALL: [ImportColumn; 14] = [
        ImportColumn::Company,
        ImportColumn::ContactName,
        ImportColumn::Email,
        ImportColumn::Phone,
        ImportColumn::Whatsapp,
        ImportColumn::Source,
        ImportColumn::EstimatedValue,
        ImportColumn::Probability,
        ImportColumn::ExpectedClose,
        ImportColumn::Sector,
        ImportColumn::City,
        ImportColumn::Size,
        ImportColumn::Tags,
        ImportColumn::Notes,
    ];

    /// Its names, normalised (`normalise`): the first is the French one documented.
    pub fn names(self) -> &'static [&'static str] {
        match self {
            ImportColumn::Company => &["entreprise", "societe", "company", "raisonsociale", "nom"],
            ImportColumn::ContactName => &["contact", "nomducontact", "contactname", "interlocuteur"],
            ImportColumn::Email => &["email", "mail", "courriel", "adresseemail"],
            ImportColumn::Phone => &["telephone", "tel", "phone"],
            ImportColumn::Whatsapp => &["whatsapp"],
            ImportColumn::Source => &["source", "origine"],
            ImportColumn::EstimatedValue => &["valeur", "valeurestimee", "montant", "estimatedvalue", "value"],
            ImportColumn::Probability => &["probabilite", "probability"],
            ImportColumn::ExpectedClose => &["cloture", "datedecloture", "clotureprevue", "expectedclose", "closedate"],
            ImportColumn::Sector => &["secteur", "sector"],
            ImportColumn::City => &["ville", "city"],
            ImportColumn::Size => &["taille", "size"],
            ImportColumn::Tags => &["etiquettes", "tags"],
            ImportColumn::Notes => &["notes", "note", "commentaire"],
        }
    }

    /// The header to write in a file.
    pub fn header(self) -> &'static str {
        match self {
            ImportColumn::Company => "Entreprise",
            ImportColumn::ContactName => "Contact",
            ImportColumn::Email => "Email",
            ImportColumn::Phone => "Téléphone",
            ImportColumn::Whatsapp => "WhatsApp",
            ImportColumn::Source => "Source",
            ImportColumn::EstimatedValue => "Valeur",
            ImportColumn::Probability => "Probabilité",
            ImportColumn::ExpectedClose => "Clôture",
            ImportColumn::Sector => "Secteur",
            ImportColumn::City => "Ville",
            ImportColumn::Size => "Taille",
            ImportColumn::Tags => "Étiquettes",
            ImportColumn::Notes => "Notes",
        }
    }
}

/// A prospect read from a file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportedProspect {
    /// Its line in the file (the header is line 1).
    pub line: usize,
    pub company: String,
    pub contact_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub whatsapp: Option<String>,
    pub source: Option<ProspectSource>,
    pub estimated_value: i64,
    pub probability: Option<i16>,
    pub expected_close: Option<NaiveDate>,
    pub sector: Option<String>,
    pub city: Option<String>,
    pub size: Option<ClientSize>,
    pub tags: Vec<String>,
    pub notes: String,
}

/// Why a row is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    Missing(ImportColumn),
    Unreadable {
        column: ImportColumn,
        value: String,
    },
    /// The same email as an earlier row of the file.
    DuplicateInFile {
        first: usize,
    },
    /// The email of a prospect already in the pipeline (the API checks).
    AlreadyKnown,
}

impl RowProblem {
    pub fn message(&self) -> Message {
        match self {
            RowProblem::Missing(column) => Message::owned(
                format!("La colonne « {} » est vide.", column.header()),
                format!("The \"{}\" column is empty.", column.header()),
            ),
            RowProblem::Unreadable { column, value } => Message::owned(
                format!("« {value} » n'est pas une valeur valide pour « {} ».", column.header()),
                format!("\"{value}\" is not a valid value for \"{}\".", column.header()),
            ),
            RowProblem::DuplicateInFile { first } => {
                Message::owned(format!("Même e-mail qu'à la ligne {first}."), format!("Same email as line {first}."))
            }
            RowProblem::AlreadyKnown => {
                Message::new("Un prospect avec cet e-mail existe déjà.", "A prospect with this email already exists.")
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: usize,
    pub problem: RowProblem,
}

/// Why a file is refused as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    TooLarge,
    Unreadable(String),
    MissingColumns(Vec<ImportColumn>),
    Empty,
    TooManyRows,
    /// Rows that cannot be imported: the first ones, and how many in all.
    Rows {
        errors: Vec<RowError>,
        total: usize,
    },
}

impl ImportError {
    pub fn message(&self) -> Message {
        match self {
            ImportError::TooLarge => {
                Message::new("Fichier trop volumineux (2 Mo au plus).", "File too large (2 MB at most).")
            }
            ImportError::Unreadable(why) => {
                Message::owned(format!("Fichier illisible : {why}."), format!("Unreadable file: {why}."))
            }
            ImportError::MissingColumns(columns) => {
                let names: Vec<&str> = columns.iter().map(|c| c.header()).collect();
                Message::owned(
                    format!("Colonnes manquantes : {}.", names.join(", ")),
                    format!("Missing columns: {}.", names.join(", ")),
                )
            }
            ImportError::Empty => Message::new("Le fichier ne contient aucun prospect.", "The file holds no prospect."),
            ImportError::TooManyRows => {
                Message::new("Au plus 5 000 prospects par import.", "At most 5,000 prospects per import.")
            }
            ImportError::Rows { total, .. } => Message::owned(
                format!("{total} ligne(s) refusée(s) : rien n'a été importé."),
                format!("{total} row(s) refused: nothing was imported."),
            ),
        }
    }
}

/// Refuses the file with `errors` (the first ones kept), or passes it.
pub fn refuse_rows(mut errors: Vec<RowError>) -> Result<(), ImportError> {
    if errors.is_empty() {
        return Ok(());
    }
    errors.sort_by_key(|e| e.line);
    let total = errors.len();
    errors.truncate(ROW_ERRORS_SHOWN);
    Err(ImportError::Rows { errors, total })
}

fn date(value: &str) -> Option<NaiveDate> {
    ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d/%m/%y"].iter().find_map(|f| NaiveDate::parse_from_str(value, f).ok())
}

fn size(value: &str) -> Option<ClientSize> {
    Some(match normalise(value).as_str() {
        "solo" | "independant" | "freelance" | "1" => ClientSize::Solo,
        "small" | "petite" | "pme" | "tpe" => ClientSize::Small,
        "medium" | "moyenne" | "eti" => ClientSize::Medium,
        "large" | "grande" | "grandeentreprise" => ClientSize::Large,
        _ => return None,
    })
}

fn read_row<'a>(line: usize, cell: impl Fn(ImportColumn) -> Option<&'a str>) -> Result<ImportedProspect, RowProblem> {
    use ImportColumn as C;
    let unreadable = |column: C, value: &str| RowProblem::Unreadable { column, value: value.to_owned() };
    let company = cell(C::Company).ok_or(RowProblem::Missing(C::Company))?;
    let email = cell(C::Email)
        .map(|value| Email::parse(value).map(Email::into_inner).map_err(|_| unreadable(C::Email, value)))
        .transpose()?;
    let source = cell(C::Source)
        .map(|value| ProspectSource::read(value).ok_or_else(|| unreadable(C::Source, value)))
        .transpose()?;
    let estimated_value = cell(C::EstimatedValue)
        .map(|value| whole_francs(value).map_err(|_| unreadable(C::EstimatedValue, value)))
        .transpose()?
        .unwrap_or(0);
    let probability = cell(C::Probability)
        .map(|value| {
            let number = value.trim_end_matches('%').trim();
            number
                .parse::<i16>()
                .ok()
                .filter(|p| (0..=100).contains(p))
                .ok_or_else(|| unreadable(C::Probability, value))
        })
        .transpose()?;
    let expected_close = cell(C::ExpectedClose)
        .map(|value| date(value).ok_or_else(|| unreadable(C::ExpectedClose, value)))
        .transpose()?;
    let size = cell(C::Size).map(|value| size(value).ok_or_else(|| unreadable(C::Size, value))).transpose()?;
    let tags = cell(C::Tags)
        .map(|value| value.split([',', '|', ';']).map(|t| t.trim().to_lowercase()).filter(|t| !t.is_empty()).collect())
        .unwrap_or_default();
    let text = |column: C| cell(column).map(str::to_owned);
    Ok(ImportedProspect {
        line,
        company: company.to_owned(),
        contact_name: cell(C::ContactName).unwrap_or_default().to_owned(),
        email,
        phone: text(C::Phone),
        whatsapp: text(C::Whatsapp),
        source,
        estimated_value,
        probability,
        expected_close,
        sector: text(C::Sector),
        city: text(C::City),
        size,
        tags,
        notes: cell(C::Notes).unwrap_or_default().to_owned(),
    })
}

/// Reads a prospects file: every row is checked; any refused row refuses the file, listing the
/// first ones.
pub fn read_prospects(bytes: &[u8]) -> Result<Vec<ImportedProspect>, ImportError> {
    if bytes.len() > IMPORT_MAX_BYTES {
        return Err(ImportError::TooLarge);
    }
    let table =
        Table::read(bytes, &ImportColumn::ALL, ImportColumn::names, IMPORT_MAX_ROWS).map_err(|error| match error {
            TableError::Unreadable(why) => ImportError::Unreadable(why),
            TableError::TooManyRows => ImportError::TooManyRows,
        })?;
    if !table.has(ImportColumn::Company) {
        return Err(ImportError::MissingColumns(vec![ImportColumn::Company]));
    }
    let (mut rows, mut errors) = (Vec::new(), Vec::new());
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (line, record) in &table.rows {
        let line = *line;
        match read_row(line, |column| table.cell(record, column)) {
            Ok(row) => match row.email.as_ref().and_then(|email| seen.get(email)) {
                Some(first) => errors.push(RowError { line, problem: RowProblem::DuplicateInFile { first: *first } }),
                None => {
                    if let Some(email) = &row.email {
                        seen.insert(email.clone(), line);
                    }
                    rows.push(row);
                }
            },
            Err(problem) => errors.push(RowError { line, problem }),
        }
    }
    refuse_rows(errors)?;
    if rows.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn won_and_lost_need_a_reason_and_a_converted_prospect_stays_won() {
        assert_eq!(stage_move(false, StageKind::Open, Some("x")), Ok(None));
        assert_eq!(stage_move(false, StageKind::Won, Some("  Budget validé ")), Ok(Some("Budget validé".into())));
        assert_eq!(stage_move(false, StageKind::Lost, Some("  ")), Err(StageMoveRefusal::ReasonRequired));
        assert_eq!(stage_move(false, StageKind::Won, None), Err(StageMoveRefusal::ReasonRequired));
        assert_eq!(stage_move(true, StageKind::Open, None), Err(StageMoveRefusal::Converted));
    }

    #[test]
    fn only_a_prospect_not_lost_with_an_email_converts_once() {
        assert_eq!(conversion_check(false, StageKind::Open, true), Ok(()));
        assert_eq!(conversion_check(false, StageKind::Won, true), Ok(()));
        assert_eq!(conversion_check(false, StageKind::Lost, true), Err(ConversionRefusal::Lost));
        assert_eq!(conversion_check(false, StageKind::Open, false), Err(ConversionRefusal::NoEmail));
        assert_eq!(conversion_check(true, StageKind::Won, true), Err(ConversionRefusal::AlreadyConverted));
    }

    #[test]
    fn weighted_values_round_to_the_franc() {
        assert_eq!(weighted_value(1_500_000, 25), 375_000);
        assert_eq!(weighted_value(333, 50), 167);
        assert_eq!(weighted_value(1_000, 120), 1_000, "a probability is at most 100 %");
        assert_eq!(weighted_value(i64::MAX, 100), i64::MAX, "no overflow");
    }

    #[test]
    fn sources_read_in_french_or_english() {
        assert_eq!(ProspectSource::read("Réseaux sociaux"), Some(ProspectSource::SocialMedia));
        assert_eq!(ProspectSource::read("Site web"), Some(ProspectSource::Website));
        assert_eq!(ProspectSource::read("trade_show"), Some(ProspectSource::TradeShow));
        assert_eq!(ProspectSource::read("pigeon"), None);
        for source in ProspectSource::ALL {
            assert_eq!(ProspectSource::read(source.as_str()), Some(*source));
        }
    }

    #[test]
    fn a_french_excel_file_reads_in_windows_1252_with_semicolons() {
        let file = "Société;Contact;E-mail;Source;Valeur;Probabilité;Clôture;Ville;Taille;Étiquettes\n\
                    Café Ivoire;Aya Kouassi;AYA@cafe.ci;Salon;1 500 000 FCFA;40 %;31/01/2027;Abidjan;PME;café, export\n";
        let latin1: Vec<u8> = file.chars().map(|c| u8::try_from(u32::from(c)).expect("latin-1")).collect();
        let rows = read_prospects(&latin1).expect("a valid file");
        assert_eq!(rows.len(), 1);
        let row = &rows[0];
        assert_eq!((row.line, row.company.as_str(), row.contact_name.as_str()), (2, "Café Ivoire", "Aya Kouassi"));
        assert_eq!(row.email.as_deref(), Some("aya@cafe.ci"));
        assert_eq!(row.source, Some(ProspectSource::TradeShow));
        assert_eq!((row.estimated_value, row.probability), (1_500_000, Some(40)));
        assert_eq!(row.expected_close, NaiveDate::from_ymd_opt(2027, 1, 31));
        assert_eq!(row.size, Some(ClientSize::Small));
        assert_eq!(row.tags, ["café", "export"]);
    }

    #[test]
    fn any_bad_row_refuses_the_file_naming_each_line() {
        let file = "company,email,value,probability\nA,a@x.ci,100,10\n,b@x.ci,1,1\nC,not-an-email,1,1\nD,A@X.CI,1,1\nE,e@x.ci,12.5,1\nF,f@x.ci,1,150\n";
        let Err(ImportError::Rows { errors, total }) = read_prospects(file.as_bytes()) else { panic!("refused") };
        assert_eq!(total, 5);
        let lines: Vec<(usize, &RowProblem)> = errors.iter().map(|e| (e.line, &e.problem)).collect();
        assert_eq!(lines[0], (3, &RowProblem::Missing(ImportColumn::Company)));
        assert_eq!(lines[1].0, 4);
        assert_eq!(lines[2], (5, &RowProblem::DuplicateInFile { first: 2 }));
        assert!(matches!(lines[3], (6, RowProblem::Unreadable { column: ImportColumn::EstimatedValue, .. })));
        assert!(matches!(lines[4], (7, RowProblem::Unreadable { column: ImportColumn::Probability, .. })));
    }

    #[test]
    fn files_without_the_company_column_or_rows_or_too_large_are_refused() {
        assert_eq!(read_prospects(b"email\na@x.ci\n"), Err(ImportError::MissingColumns(vec![ImportColumn::Company])));
        assert_eq!(read_prospects(b"Entreprise;Email\n;;\n"), Err(ImportError::Empty));
        assert_eq!(read_prospects(&vec![b'a'; IMPORT_MAX_BYTES + 1]), Err(ImportError::TooLarge));
    }
}
