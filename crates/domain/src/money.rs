//! Amounts of money as people read them: `150 000 FCFA`, `1 234,50 €`, and in words for invoices
//! ("cent cinquante mille francs CFA").
//!
//! Amounts are integers in the currency's minor unit (XOF has none, EUR has cents), as everywhere
//! in NOURX. The written forms follow the web app (`apps/web/lib/format.ts`), so a PDF and a page
//! show the same string:
//!
//! - French groups thousands with U+202F NARROW NO-BREAK SPACE, the typographic rule and what
//!   `Intl.NumberFormat('fr-FR')` produces in current browsers; the amount and its currency are
//!   separated by U+00A0 NO-BREAK SPACE. Neither breaks a line, and the PDF font (Libertinus Serif)
//!   has both glyphs. `1 234 567,89 €`.
//! - English groups with commas: `1,234,567.89`.
//! - CFA francs are written `FCFA` after the amount in both languages (`150 000 FCFA`,
//!   `150,000 FCFA`), as they are locally. Other currencies follow `fr-FR` / `en-GB` Intl:
//!   `19,99 €`, `19,99 $US`, `€19.99`, `US$19.99`, and the ISO code for the rest (`19,99 GHS`,
//!   `GHS 19.99`). A negative amount starts with `-`.
//!
//! Amounts in words use the traditional French spelling (before the 1990 reform, still the usual
//! one on invoices): hyphens only between tens and units below one hundred ("vingt-deux",
//! "cent vingt-deux", "deux mille"), "et" for 21, 31 … 71 ("soixante et onze") but not 81 or 91
//! ("quatre-vingt-un"), "vingt" and "cent" plural when multiplied and last ("quatre-vingts",
//! "deux cents", but "deux cent un", "quatre-vingt mille"), also before the nouns million and
//! milliard ("deux cents millions"), "mille" invariable, and "de" after a round million
//! ("un million de francs CFA", "deux millions d'euros"). English is US-style without "and":
//! "one hundred fifty thousand CFA francs". Minor units are written in words too:
//! "douze euros et cinquante centimes".

use crate::Lang;

/// U+202F NARROW NO-BREAK SPACE, the French thousands separator.
pub const NNBSP: char = '\u{202F}';
/// U+00A0 NO-BREAK SPACE, between an amount and its currency.
pub const NBSP: char = '\u{A0}';

/// How many digits the currency's minor unit has (ISO 4217): 0 for the CFA francs, the Guinean
/// franc, the yen…; 3 for the dinars of Bahrain, Iraq, Jordan, Kuwait, Libya, Tunisia and the
/// Omani rial; 2 otherwise.
pub fn minor_unit_digits(currency: &str) -> u32 {
    match currency.trim().to_ascii_uppercase().as_str() {
        "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF" | "UGX" | "UYI" | "VND"
        | "VUV" | "XAF" | "XOF" | "XPF" => 0,
        "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
        _ => 2,
    }
}

/// A whole number with the language's grouping: `1 234 567` (U+202F) or `1,234,567`.
pub fn format_integer(value: u64, lang: Lang) -> String {
    let separator = match lang {
        Lang::Fr => NNBSP,
        Lang::En => ',',
    };
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

/// An amount given in the currency's minor unit, as people read it:
/// `format_amount(150_000, "XOF", Lang::Fr)` → `150 000 FCFA`,
/// `format_amount(123_450, "EUR", Lang::Fr)` → `1 234,50 €`,
/// `format_amount(150_000, "XOF", Lang::En)` → `150,000 FCFA`. See the module documentation.
pub fn format_amount(minor: i64, currency: &str, lang: Lang) -> String {
    let code = currency.trim().to_ascii_uppercase();
    let digits = minor_unit_digits(&code);
    let scale = 10u64.pow(digits);
    let magnitude = minor.unsigned_abs();
    let mut number = format_integer(magnitude / scale, lang);
    if digits > 0 {
        number.push(match lang {
            Lang::Fr => ',',
            Lang::En => '.',
        });
        number.push_str(&format!("{:0width$}", magnitude % scale, width = digits as usize));
    }
    let sign = if minor < 0 { "-" } else { "" };
    match (lang, code.as_str()) {
        (_, "XOF" | "XAF") => format!("{sign}{number}{NBSP}FCFA"),
        (Lang::Fr, _) => {
            let symbol = match code.as_str() {
                "EUR" => "€",
                "USD" => "$US",
                "GBP" => "£GB",
                "CAD" => "$CA",
                other => other,
            };
            format!("{sign}{number}{NBSP}{symbol}")
        }
        (Lang::En, "EUR") => format!("{sign}€{number}"),
        (Lang::En, "USD") => format!("{sign}US${number}"),
        (Lang::En, "GBP") => format!("{sign}£{number}"),
        (Lang::En, other) => format!("{sign}{other}{NBSP}{number}"),
    }
}

/// An amount in words, for "Arrêtée la présente facture à la somme de …":
/// `amount_in_words(150_000, "XOF", Lang::Fr)` → "cent cinquante mille francs CFA",
/// `amount_in_words(150_000, "XOF", Lang::En)` → "one hundred fifty thousand CFA francs",
/// `amount_in_words(1_250, "EUR", Lang::Fr)` → "douze euros et cinquante centimes".
/// Covers the whole `i64` range; spelling rules in the module documentation.
pub fn amount_in_words(minor: i64, currency: &str, lang: Lang) -> String {
    let code = currency.trim().to_ascii_uppercase();
    let digits = minor_unit_digits(&code);
    let scale = 10u64.pow(digits);
    let magnitude = minor.unsigned_abs();
    let (major, fraction) = (magnitude / scale, magnitude % scale);
    let names = CurrencyNames::of(&code, digits, lang);

    let major_part = match lang {
        Lang::Fr => {
            let unit = if major >= 2 { &names.plural } else { &names.singular };
            // "un million de francs", "deux milliards d'euros": a round million is a noun.
            let de = if major >= 1_000_000 && major.is_multiple_of(1_000_000) {
                if starts_with_vowel(unit) { "d'" } else { "de " }
            } else {
                ""
            };
            format!("{} {de}{unit}", french_cardinal(major))
        }
        Lang::En => {
            let unit = if major == 1 { &names.singular } else { &names.plural };
            format!("{} {unit}", english_cardinal(major))
        }
    };
    let fraction_part = (fraction > 0).then(|| match lang {
        Lang::Fr => {
            let unit = if fraction >= 2 { &names.minor_plural } else { &names.minor_singular };
            format!("{} {unit}", french_cardinal(fraction))
        }
        Lang::En => {
            let unit = if fraction == 1 { &names.minor_singular } else { &names.minor_plural };
            format!("{} {unit}", english_cardinal(fraction))
        }
    });
    let words = match fraction_part {
        None => major_part,
        Some(fraction_part) if major == 0 => fraction_part,
        Some(fraction_part) => match lang {
            Lang::Fr => format!("{major_part} et {fraction_part}"),
            Lang::En => format!("{major_part} and {fraction_part}"),
        },
    };
    if minor < 0 {
        match lang {
            Lang::Fr => format!("moins {words}"),
            Lang::En => format!("minus {words}"),
        }
    } else {
        words
    }
}

/// The names of a currency and of its minor unit, singular and plural.
struct CurrencyNames {
    singular: String,
    plural: String,
    minor_singular: String,
    minor_plural: String,
}

impl CurrencyNames {
    fn of(code: &str, digits: u32, lang: Lang) -> CurrencyNames {
        let names = |singular: &str, plural: &str, minor_singular: &str, minor_plural: &str| CurrencyNames {
            singular: singular.to_owned(),
            plural: plural.to_owned(),
            minor_singular: minor_singular.to_owned(),
            minor_plural: minor_plural.to_owned(),
        };
        // Unknown currencies: the ISO code, and hundredths or thousandths for the minor unit.
        let (fraction_singular, fraction_plural) = match (lang, digits) {
            (Lang::Fr, 3) => ("millième", "millièmes"),
            (Lang::Fr, _) => ("centième", "centièmes"),
            (Lang::En, 3) => ("thousandth", "thousandths"),
            (Lang::En, _) => ("hundredth", "hundredths"),
        };
        match (lang, code) {
            (Lang::Fr, "XOF" | "XAF") => names("franc CFA", "francs CFA", "", ""),
            (Lang::En, "XOF" | "XAF") => names("CFA franc", "CFA francs", "", ""),
            (Lang::Fr, "EUR") => names("euro", "euros", "centime", "centimes"),
            (Lang::En, "EUR") => names("euro", "euros", "cent", "cents"),
            (Lang::Fr, "USD") => names("dollar américain", "dollars américains", "cent", "cents"),
            (Lang::En, "USD") => names("US dollar", "US dollars", "cent", "cents"),
            (_, other) => names(other, other, fraction_singular, fraction_plural),
        }
    }
}

fn starts_with_vowel(word: &str) -> bool {
    word.chars().next().is_some_and(|c| "aeiouyéèêàâîôûAEIOUY".contains(c))
}

const FRENCH_UNITS: [&str; 17] = [
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "treize",
    "quatorze", "quinze", "seize",
];
const FRENCH_TENS: [&str; 5] = ["vingt", "trente", "quarante", "cinquante", "soixante"];

/// 0–99. `last` is false before "mille", where "quatre-vingt" stays singular.
fn french_below_100(n: u64, last: bool) -> String {
    match n {
        0..=16 => FRENCH_UNITS[n as usize].to_owned(),
        17..=19 => format!("dix-{}", FRENCH_UNITS[(n - 10) as usize]),
        20..=69 => {
            let tens = FRENCH_TENS[(n / 10 - 2) as usize];
            match n % 10 {
                0 => tens.to_owned(),
                1 => format!("{tens} et un"),
                unit => format!("{tens}-{}", FRENCH_UNITS[unit as usize]),
            }
        }
        71 => "soixante et onze".to_owned(),
        70..=79 => format!("soixante-{}", french_below_100(n - 60, last)),
        80 if last => "quatre-vingts".to_owned(),
        80 => "quatre-vingt".to_owned(),
        _ => format!("quatre-vingt-{}", french_below_100(n - 80, last)),
    }
}

/// 1–999. `last` is false before "mille" (where "cents" and "quatre-vingts" lose their s).
fn french_below_1000(n: u64, last: bool) -> String {
    let (hundreds, rest) = (n / 100, n % 100);
    let mut words = match hundreds {
        0 => String::new(),
        1 => "cent".to_owned(),
        _ if rest == 0 && last => format!("{} cents", FRENCH_UNITS[hundreds as usize]),
        _ => format!("{} cent", FRENCH_UNITS[hundreds as usize]),
    };
    if rest > 0 {
        if !words.is_empty() {
            words.push(' ');
        }
        words.push_str(&french_below_100(rest, last));
    }
    words
}

/// A whole number in French words, traditional spelling (see the module documentation).
pub fn french_cardinal(n: u64) -> String {
    if n == 0 {
        return "zéro".to_owned();
    }
    // Long scale, as French counts: a billion is a million millions.
    const SCALES: [(u64, &str); 5] = [
        (1_000_000_000_000_000_000, "trillion"),
        (1_000_000_000_000_000, "billiard"),
        (1_000_000_000_000, "billion"),
        (1_000_000_000, "milliard"),
        (1_000_000, "million"),
    ];
    let mut parts = Vec::new();
    let mut rest = n;
    for (size, name) in SCALES {
        let count = rest / size;
        rest %= size;
        if count > 0 {
            let plural = if count > 1 { "s" } else { "" };
            parts.push(format!("{} {name}{plural}", french_below_1000(count, true)));
        }
    }
    let thousands = rest / 1000;
    rest %= 1000;
    match thousands {
        0 => {}
        1 => parts.push("mille".to_owned()),
        _ => parts.push(format!("{} mille", french_below_1000(thousands, false))),
    }
    if rest > 0 {
        parts.push(french_below_1000(rest, true));
    }
    parts.join(" ")
}

const ENGLISH_UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const ENGLISH_TENS: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

fn english_below_1000(n: u64) -> String {
    let (hundreds, rest) = (n / 100, n % 100);
    let mut words = if hundreds > 0 { format!("{} hundred", ENGLISH_UNITS[hundreds as usize]) } else { String::new() };
    if rest > 0 {
        if !words.is_empty() {
            words.push(' ');
        }
        if rest < 20 {
            words.push_str(ENGLISH_UNITS[rest as usize]);
        } else {
            words.push_str(ENGLISH_TENS[(rest / 10 - 2) as usize]);
            if rest % 10 > 0 {
                words.push('-');
                words.push_str(ENGLISH_UNITS[(rest % 10) as usize]);
            }
        }
    }
    words
}

/// A whole number in English words (short scale, no "and"): "one hundred fifty thousand".
pub fn english_cardinal(n: u64) -> String {
    if n == 0 {
        return "zero".to_owned();
    }
    const SCALES: [(u64, &str); 6] = [
        (1_000_000_000_000_000_000, "quintillion"),
        (1_000_000_000_000_000, "quadrillion"),
        (1_000_000_000_000, "trillion"),
        (1_000_000_000, "billion"),
        (1_000_000, "million"),
        (1_000, "thousand"),
    ];
    let mut parts = Vec::new();
    let mut rest = n;
    for (size, name) in SCALES {
        let count = rest / size;
        rest %= size;
        if count > 0 {
            parts.push(format!("{} {name}", english_below_1000(count)));
        }
    }
    if rest > 0 {
        parts.push(english_below_1000(rest));
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The strings with ordinary spaces, to compare with readable literals.
    fn plain(s: &str) -> String {
        s.replace([NNBSP, NBSP], " ")
    }

    #[test]
    fn minor_units_follow_iso_4217() {
        for code in ["XOF", "XAF", "xof", " GNF ", "JPY", "KRW", "RWF"] {
            assert_eq!(minor_unit_digits(code), 0, "{code}");
        }
        for code in ["EUR", "USD", "GBP", "GHS", "NGN", "MAD", "", "???"] {
            assert_eq!(minor_unit_digits(code), 2, "{code}");
        }
        assert_eq!(minor_unit_digits("TND"), 3);
        assert_eq!(minor_unit_digits("KWD"), 3);
    }

    #[test]
    fn cfa_francs_in_french_use_narrow_no_break_spaces_and_fcfa() {
        assert_eq!(format_amount(150_000, "XOF", Lang::Fr), "150\u{202F}000\u{A0}FCFA");
        assert_eq!(format_amount(1_250_000, "XAF", Lang::Fr), "1\u{202F}250\u{202F}000\u{A0}FCFA");
        assert_eq!(format_amount(0, "XOF", Lang::Fr), "0\u{A0}FCFA");
        assert_eq!(format_amount(999, "xof", Lang::Fr), "999\u{A0}FCFA");
        assert_eq!(format_amount(1_000, "XOF", Lang::Fr), "1\u{202F}000\u{A0}FCFA");
        assert_eq!(format_amount(-5_000, "XOF", Lang::Fr), "-5\u{202F}000\u{A0}FCFA");
    }

    #[test]
    fn amounts_read_as_written_once_spaces_are_normalised() {
        let table: &[(i64, &str, Lang, &str)] = &[
            (150_000, "XOF", Lang::Fr, "150 000 FCFA"),
            (177_000, "XOF", Lang::Fr, "177 000 FCFA"),
            (999_999_999_999, "XOF", Lang::Fr, "999 999 999 999 FCFA"),
            (150_000, "XOF", Lang::En, "150,000 FCFA"),
            (1_234_567, "XAF", Lang::En, "1,234,567 FCFA"),
            (123_450, "EUR", Lang::Fr, "1 234,50 €"),
            (1_999, "EUR", Lang::Fr, "19,99 €"),
            (5, "EUR", Lang::Fr, "0,05 €"),
            (123_456_789, "EUR", Lang::Fr, "1 234 567,89 €"),
            (123_450, "EUR", Lang::En, "€1,234.50"),
            (-123_450, "EUR", Lang::En, "-€1,234.50"),
            (1_999, "USD", Lang::Fr, "19,99 $US"),
            (1_999, "USD", Lang::En, "US$19.99"),
            (1_999, "GBP", Lang::En, "£19.99"),
            (1_999, "GHS", Lang::Fr, "19,99 GHS"),
            (1_999, "GHS", Lang::En, "GHS 19.99"),
            (1_500_000, "GNF", Lang::Fr, "1 500 000 GNF"),
            (1_234_567, "TND", Lang::Fr, "1 234,567 TND"),
        ];
        for &(minor, currency, lang, expected) in table {
            assert_eq!(plain(&format_amount(minor, currency, lang)), expected, "{minor} {currency} {lang:?}");
        }
    }

    #[test]
    fn extreme_amounts_do_not_overflow() {
        assert_eq!(plain(&format_amount(i64::MIN, "XOF", Lang::En)), "-9,223,372,036,854,775,808 FCFA");
        assert_eq!(plain(&format_amount(i64::MAX, "EUR", Lang::Fr)), "92 233 720 368 547 758,07 €");
        assert!(amount_in_words(i64::MIN, "XOF", Lang::Fr).starts_with("moins neuf trillions"));
        assert!(amount_in_words(i64::MAX, "EUR", Lang::En).starts_with("ninety-two quadrillion"));
    }

    #[test]
    fn integers_are_grouped_by_three() {
        assert_eq!(format_integer(0, Lang::Fr), "0");
        assert_eq!(format_integer(999, Lang::Fr), "999");
        assert_eq!(format_integer(1_000, Lang::En), "1,000");
        assert_eq!(format_integer(100_000, Lang::En), "100,000");
        assert_eq!(format_integer(1_234_567, Lang::Fr), "1\u{202F}234\u{202F}567");
    }

    #[test]
    fn french_numbers_follow_the_traditional_spelling() {
        let table: &[(u64, &str)] = &[
            (0, "zéro"),
            (1, "un"),
            (10, "dix"),
            (11, "onze"),
            (16, "seize"),
            (17, "dix-sept"),
            (19, "dix-neuf"),
            (20, "vingt"),
            (21, "vingt et un"),
            (22, "vingt-deux"),
            (30, "trente"),
            (31, "trente et un"),
            (45, "quarante-cinq"),
            (51, "cinquante et un"),
            (61, "soixante et un"),
            (69, "soixante-neuf"),
            (70, "soixante-dix"),
            (71, "soixante et onze"),
            (72, "soixante-douze"),
            (77, "soixante-dix-sept"),
            (79, "soixante-dix-neuf"),
            (80, "quatre-vingts"),
            (81, "quatre-vingt-un"),
            (88, "quatre-vingt-huit"),
            (90, "quatre-vingt-dix"),
            (91, "quatre-vingt-onze"),
            (97, "quatre-vingt-dix-sept"),
            (99, "quatre-vingt-dix-neuf"),
            (100, "cent"),
            (101, "cent un"),
            (111, "cent onze"),
            (171, "cent soixante et onze"),
            (180, "cent quatre-vingts"),
            (200, "deux cents"),
            (201, "deux cent un"),
            (280, "deux cent quatre-vingts"),
            (300, "trois cents"),
            (999, "neuf cent quatre-vingt-dix-neuf"),
            (1_000, "mille"),
            (1_001, "mille un"),
            (1_100, "mille cent"),
            (1_200, "mille deux cents"),
            (2_000, "deux mille"),
            (21_000, "vingt et un mille"),
            (80_000, "quatre-vingt mille"),
            (80_080, "quatre-vingt mille quatre-vingts"),
            (100_000, "cent mille"),
            (150_000, "cent cinquante mille"),
            (200_000, "deux cent mille"),
            (201_000, "deux cent un mille"),
            (1_000_000, "un million"),
            (1_000_001, "un million un"),
            (2_000_000, "deux millions"),
            (80_000_000, "quatre-vingts millions"),
            (200_000_000, "deux cents millions"),
            (1_234_567, "un million deux cent trente-quatre mille cinq cent soixante-sept"),
            (1_000_000_000, "un milliard"),
            (3_000_000_000, "trois milliards"),
            (
                999_999_999_999,
                "neuf cent quatre-vingt-dix-neuf milliards neuf cent quatre-vingt-dix-neuf millions \
                 neuf cent quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf",
            ),
            (1_000_000_000_000, "un billion"),
        ];
        for &(n, expected) in table {
            assert_eq!(french_cardinal(n), expected, "{n}");
        }
    }

    #[test]
    fn english_numbers() {
        let table: &[(u64, &str)] = &[
            (0, "zero"),
            (1, "one"),
            (13, "thirteen"),
            (20, "twenty"),
            (21, "twenty-one"),
            (99, "ninety-nine"),
            (100, "one hundred"),
            (105, "one hundred five"),
            (1_000, "one thousand"),
            (150_000, "one hundred fifty thousand"),
            (1_000_001, "one million one"),
            (1_234_567, "one million two hundred thirty-four thousand five hundred sixty-seven"),
            (2_000_000_000, "two billion"),
            (
                999_999_999_999,
                "nine hundred ninety-nine billion nine hundred ninety-nine million \
                 nine hundred ninety-nine thousand nine hundred ninety-nine",
            ),
        ];
        for &(n, expected) in table {
            assert_eq!(english_cardinal(n), expected, "{n}");
        }
    }

    #[test]
    fn amounts_in_words() {
        let table: &[(i64, &str, Lang, &str)] = &[
            (150_000, "XOF", Lang::Fr, "cent cinquante mille francs CFA"),
            (150_000, "XOF", Lang::En, "one hundred fifty thousand CFA francs"),
            (0, "XOF", Lang::Fr, "zéro franc CFA"),
            (0, "XOF", Lang::En, "zero CFA francs"),
            (1, "XOF", Lang::Fr, "un franc CFA"),
            (1, "XAF", Lang::En, "one CFA franc"),
            (2, "XOF", Lang::Fr, "deux francs CFA"),
            (1_000_000, "XOF", Lang::Fr, "un million de francs CFA"),
            (2_000_000, "XOF", Lang::Fr, "deux millions de francs CFA"),
            (3_000_000_000, "XOF", Lang::Fr, "trois milliards de francs CFA"),
            (2_500_000, "XOF", Lang::Fr, "deux millions cinq cent mille francs CFA"),
            (1_770_000, "XOF", Lang::Fr, "un million sept cent soixante-dix mille francs CFA"),
            (1_250, "EUR", Lang::Fr, "douze euros et cinquante centimes"),
            (1_250, "EUR", Lang::En, "twelve euros and fifty cents"),
            (101, "EUR", Lang::Fr, "un euro et un centime"),
            (101, "EUR", Lang::En, "one euro and one cent"),
            (50, "EUR", Lang::Fr, "cinquante centimes"),
            (200_000_000, "EUR", Lang::Fr, "deux millions d'euros"),
            (123_456, "EUR", Lang::Fr, "mille deux cent trente-quatre euros et cinquante-six centimes"),
            (100, "USD", Lang::Fr, "un dollar américain"),
            (250, "USD", Lang::En, "two US dollars and fifty cents"),
            (1_999, "GHS", Lang::Fr, "dix-neuf GHS et quatre-vingt-dix-neuf centièmes"),
            (1_001, "TND", Lang::En, "one TND and one thousandth"),
            (-5_000, "XOF", Lang::Fr, "moins cinq mille francs CFA"),
            (-5_000, "XOF", Lang::En, "minus five thousand CFA francs"),
        ];
        for &(minor, currency, lang, expected) in table {
            assert_eq!(amount_in_words(minor, currency, lang), expected, "{minor} {currency} {lang:?}");
        }
    }

    #[test]
    fn every_number_up_to_a_thousand_billion_is_spelled_without_stray_spaces() {
        // A sample across the range: no double spaces, no leading or trailing space, no "un mille".
        let mut n: u64 = 1;
        while n <= 999_999_999_999 {
            let words = french_cardinal(n);
            assert!(!words.contains("  ") && words.trim() == words, "{n}: {words:?}");
            assert!(!words.starts_with("un mille") && !words.contains("on un mille"), "{n}: {words:?}");
            assert!(!words.contains("cents mille") && !words.contains("vingts mille"), "{n}: {words:?}");
            let english = english_cardinal(n);
            assert!(!english.contains("  ") && english.trim() == english, "{n}: {english:?}");
            n = n * 7 + 3;
        }
    }
}
