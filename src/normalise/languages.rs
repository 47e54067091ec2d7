//! ISO 639-1 language codes and their English names, for translation notes.

const LANGUAGES: &[(&str, &str)] = &[
    ("ar", "Arabic"),
    ("bn", "Bengali"),
    ("cs", "Czech"),
    ("da", "Danish"),
    ("de", "German"),
    ("el", "Greek"),
    ("en", "English"),
    ("es", "Spanish"),
    ("fa", "Persian"),
    ("fi", "Finnish"),
    ("fr", "French"),
    ("he", "Hebrew"),
    ("hi", "Hindi"),
    ("hu", "Hungarian"),
    ("id", "Indonesian"),
    ("it", "Italian"),
    ("ja", "Japanese"),
    ("kk", "Kazakh"),
    ("km", "Khmer"),
    ("ko", "Korean"),
    ("mn", "Mongolian"),
    ("ms", "Malay"),
    ("my", "Burmese"),
    ("nl", "Dutch"),
    ("no", "Norwegian"),
    ("pl", "Polish"),
    ("pt", "Portuguese"),
    ("ro", "Romanian"),
    ("ru", "Russian"),
    ("sv", "Swedish"),
    ("th", "Thai"),
    ("tl", "Tagalog"),
    ("tr", "Turkish"),
    ("uk", "Ukrainian"),
    ("ur", "Urdu"),
    ("vi", "Vietnamese"),
    ("zh", "Chinese"),
];

/// Whether `code` looks like an ISO 639-1 code, optionally with a region (`pt-BR`).
pub fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let lang = parts.next().unwrap_or("");
    let region_ok =
        parts.all(|p| (2..=4).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    lang.len() == 2 && lang.chars().all(|c| c.is_ascii_alphabetic()) && region_ok
}

/// The `language_TERRITORY` form Open Graph wants (`en` → `en_US`), for common languages.
pub fn og_locale(code: &str) -> String {
    const LOCALES: &[(&str, &str)] = &[
        ("en", "en_US"),
        ("ja", "ja_JP"),
        ("ko", "ko_KR"),
        ("zh", "zh_CN"),
        ("fr", "fr_FR"),
        ("de", "de_DE"),
        ("es", "es_ES"),
        ("ru", "ru_RU"),
        ("uk", "uk_UA"),
        ("it", "it_IT"),
        ("pt", "pt_PT"),
        ("vi", "vi_VN"),
        ("id", "id_ID"),
        ("pl", "pl_PL"),
    ];
    if code.contains(['-', '_']) {
        return code.replace('-', "_");
    }
    LOCALES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or_else(|| code.to_string(), |(_, l)| (*l).to_string())
}

/// The English name of a language code, or the code itself when unknown.
pub fn language_name(code: &str) -> String {
    let lang = code.split('-').next().unwrap_or(code).to_ascii_lowercase();
    LANGUAGES
        .iter()
        .find(|(c, _)| *c == lang)
        .map_or_else(|| code.to_string(), |(_, name)| (*name).to_string())
}

/// Scripts written without spaces between words (Chinese, Japanese, Korean): counted by
/// character for reading time, indexed as bigrams for search.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'      // Hiragana, Katakana
        | '\u{31F0}'..='\u{31FF}'    // Katakana phonetic extensions
        | '\u{3400}'..='\u{4DBF}'    // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'    // CJK unified ideographs
        | '\u{AC00}'..='\u{D7AF}'    // Hangul syllables
        | '\u{F900}'..='\u{FAFF}'    // CJK compatibility ideographs
        | '\u{20000}'..='\u{2FFFF}') // CJK extensions B–F
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names() {
        assert!(is_language_code("ja"));
        assert!(is_language_code("pt-BR"));
        assert!(!is_language_code("Japanese"));
        assert!(!is_language_code("j"));
        assert_eq!(language_name("ja"), "Japanese");
        assert_eq!(language_name("pt-BR"), "Portuguese");
        assert_eq!(language_name("xx"), "xx");
    }
}
