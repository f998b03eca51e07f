//! Reading spreadsheets people export (CSV from Excel, LibreOffice or a provider's back office):
//! their encoding, their separator, header names as written, and amounts in francs.

/// A header name or a value as compared: lower case, without accents, spaces or punctuation.
pub fn normalise(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' => Some('a'),
            'ç' => Some('c'),
            'è' | 'é' | 'ê' | 'ë' => Some('e'),
            'ì' | 'í' | 'î' | 'ï' => Some('i'),
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => Some('o'),
            'ù' | 'ú' | 'û' | 'ü' => Some('u'),
            'ÿ' => Some('y'),
            c if c.is_ascii_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// The file as text: UTF-8 (with or without its BOM), else Windows-1252 as a French Excel saves.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        // Latin-1 is Windows-1252 for every letter French uses except œ, Œ and the euro sign.
        Err(_) => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

/// The separator the header uses most: `;` (French spreadsheets), `,` or a tab.
pub fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    [b';', b',', b'\t'].into_iter().max_by_key(|d| header.bytes().filter(|b| b == d).count()).unwrap_or(b';')
}

/// Why an amount does not read as whole francs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrancsProblem {
    Unreadable,
    Negative,
}

/// Whole francs as people write them: spaces (also non-breaking) or dots group thousands; a
/// decimal part, after `,` or `.` and two digits, must be zero (XOF has no cents); a currency
/// written after the number is ignored.
pub fn whole_francs(value: &str) -> Result<i64, FrancsProblem> {
    let number = value.trim_end_matches(|c: char| c.is_alphabetic() || c.is_whitespace()).trim();
    let (negative, number) = match number.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, number),
    };
    let compact: String = number.chars().filter(|c| !c.is_whitespace() && *c != '\u{202f}').collect();
    let whole = match compact.rsplit_once([',', '.']) {
        Some((whole, decimals)) if decimals.len() == 2 => {
            if decimals != "00" {
                return Err(FrancsProblem::Unreadable);
            }
            whole.to_owned()
        }
        _ => compact,
    };
    // What is left may only group thousands with dots: 1.500.000.
    let groups: Vec<&str> = whole.split('.').collect();
    if groups.len() > 1 && groups.iter().skip(1).any(|g| g.len() != 3) {
        return Err(FrancsProblem::Unreadable);
    }
    let digits: String = groups.concat();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FrancsProblem::Unreadable);
    }
    let amount: i64 = digits.parse().map_err(|_| FrancsProblem::Unreadable)?;
    if negative && amount != 0 {
        return Err(FrancsProblem::Negative);
    }
    Ok(amount)
}

/// Why a spreadsheet could not be read as a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableError {
    Unreadable(String),
    /// More non-blank rows than the caller takes.
    TooManyRows,
}

/// A spreadsheet read by its header: where each known column is, and its non-blank rows.
pub struct Table<C> {
    positions: std::collections::HashMap<C, usize>,
    /// `(line in the file, row)`; the header is line 1.
    pub rows: Vec<(usize, csv::StringRecord)>,
}

impl<C: Copy + Eq + std::hash::Hash> Table<C> {
    /// Reads `bytes` (see [`decode`] and [`delimiter`]), recognising each of `columns` by any of
    /// its normalised `names`, with at most `max_rows` non-blank rows.
    pub fn read(
        bytes: &[u8],
        columns: &[C],
        names: impl Fn(C) -> &'static [&'static str],
        max_rows: usize,
    ) -> Result<Table<C>, TableError> {
        let text = decode(bytes);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter(&text))
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let unreadable = |error: csv::Error| TableError::Unreadable(error.to_string());
        let header = reader.headers().map_err(unreadable)?.clone();
        let positions = columns
            .iter()
            .filter_map(|column| {
                header
                    .iter()
                    .position(|name| names(*column).contains(&normalise(name).as_str()))
                    .map(|at| (*column, at))
            })
            .collect();
        let mut rows = Vec::new();
        for (index, record) in reader.records().enumerate() {
            let record = record.map_err(unreadable)?;
            if record.iter().all(str::is_empty) {
                continue;
            }
            if rows.len() >= max_rows {
                return Err(TableError::TooManyRows);
            }
            rows.push((index + 2, record));
        }
        Ok(Table { positions, rows })
    }

    pub fn has(&self, column: C) -> bool {
        self.positions.contains_key(&column)
    }

    /// The trimmed, non-empty cell of `row` in `column`.
    pub fn cell<'r>(&self, row: &'r csv::StringRecord, column: C) -> Option<&'r str> {
        self.positions.get(&column).and_then(|at| row.get(*at)).map(str::trim).filter(|v| !v.is_empty())
    }
}
