//! Month names in the languages the build and the importer read.

/// English month names, January first: the build's own dates and the site's date formats.
pub const ENGLISH: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Month names and abbreviations, lowercase, in the languages publishers print dates in.
/// Russian names are in the genitive, as in "15 марта 2024".
#[rustfmt::skip]
pub const MONTHS: &[(&str, u32)] = &[
    // English
    ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6),
    ("july", 7), ("august", 8), ("september", 9), ("october", 10), ("november", 11),
    ("december", 12), ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7),
    ("aug", 8), ("sept", 9), ("sep", 9), ("oct", 10), ("nov", 11), ("dec", 12),
    // French
    ("janvier", 1), ("février", 2), ("fevrier", 2), ("mars", 3), ("avril", 4), ("mai", 5),
    ("juin", 6), ("juillet", 7), ("août", 8), ("aout", 8), ("septembre", 9), ("octobre", 10),
    ("novembre", 11), ("décembre", 12), ("decembre", 12),
    // German
    ("januar", 1), ("jänner", 1), ("februar", 2), ("märz", 3), ("maerz", 3), ("juni", 6),
    ("juli", 7), ("oktober", 10), ("dezember", 12),
    // Spanish
    ("enero", 1), ("febrero", 2), ("marzo", 3), ("abril", 4), ("mayo", 5), ("junio", 6),
    ("julio", 7), ("agosto", 8), ("septiembre", 9), ("setiembre", 9), ("octubre", 10),
    ("noviembre", 11), ("diciembre", 12),
    // Italian and Portuguese
    ("gennaio", 1), ("febbraio", 2), ("aprile", 4), ("maggio", 5), ("giugno", 6), ("luglio", 7),
    ("settembre", 9), ("ottobre", 10), ("dicembre", 12), ("janeiro", 1), ("fevereiro", 2),
    ("março", 3), ("maio", 5), ("junho", 6), ("julho", 7), ("setembro", 9), ("outubro", 10),
    ("novembro", 11), ("dezembro", 12),
    // Dutch
    ("januari", 1), ("februari", 2), ("maart", 3), ("mei", 5), ("augustus", 8),
    // Russian (genitive and nominative)
    ("января", 1), ("февраля", 2), ("марта", 3), ("апреля", 4), ("мая", 5), ("июня", 6),
    ("июля", 7), ("августа", 8), ("сентября", 9), ("октября", 10), ("ноября", 11),
    ("декабря", 12), ("январь", 1), ("февраль", 2), ("март", 3), ("апрель", 4), ("май", 5),
    ("июнь", 6), ("июль", 7), ("август", 8), ("сентябрь", 9), ("октябрь", 10), ("ноябрь", 11),
    ("декабрь", 12),
];

/// The number of a month named in any language of [`MONTHS`] ("März" → 3, "Sept." → 9).
pub fn month_number(name: &str) -> Option<u32> {
    let name = name.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(m, _)| *m == name).map(|&(_, n)| n)
}

/// The number of an English month name or its three-letter abbreviation: the forms an
/// editor types in front matter ("20 November 2024", "Nov 20, 2024").
pub fn english_month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    let w = if w == "sept" { "sep".to_string() } else { w };
    if w.len() < 3 {
        return None;
    }
    ENGLISH
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(&w)))
        .map(|i| i as u32 + 1)
}

/// True for a month or weekday name, in any language of [`MONTHS`] or in English.
pub fn is_calendar_word(word: &str) -> bool {
    const WEEKDAYS: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
    ];
    let w = word.to_lowercase();
    WEEKDAYS.contains(&w.as_str()) || month_number(&w).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_in_every_language() {
        for (name, n) in [
            ("März", 3),
            ("Sept.", 9),
            ("марта", 3),
            ("décembre", 12),
            ("mei", 5),
        ] {
            assert_eq!(month_number(name), Some(n), "{name}");
        }
        assert_eq!(english_month_number("Nov"), Some(11));
        assert_eq!(english_month_number("novembre"), None);
        assert!(is_calendar_word("Tuesday") && is_calendar_word("juin"));
        assert!(!is_calendar_word("harbour"));
    }
}
