//! Languages and scripts: ISO 639-1 codes and their names, and the script a text is
//! written in.

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

/// Language names as written in English (and in the language itself) → ISO 639-1.
#[rustfmt::skip]
pub const LANGUAGE_NAMES: &[(&str, &str)] = &[
    ("english", "en"), ("japanese", "ja"), ("chinese", "zh"), ("mandarin", "zh"),
    ("cantonese", "zh"), ("korean", "ko"), ("russian", "ru"), ("french", "fr"), ("german", "de"),
    ("spanish", "es"), ("portuguese", "pt"), ("italian", "it"), ("dutch", "nl"), ("arabic", "ar"),
    ("persian", "fa"), ("farsi", "fa"), ("turkish", "tr"), ("hindi", "hi"), ("urdu", "ur"),
    ("bengali", "bn"), ("bangla", "bn"), ("indonesian", "id"), ("bahasa", "id"), ("malay", "ms"),
    ("vietnamese", "vi"), ("thai", "th"), ("tagalog", "tl"), ("filipino", "tl"), ("polish", "pl"),
    ("ukrainian", "uk"), ("czech", "cs"), ("slovak", "sk"), ("hungarian", "hu"),
    ("romanian", "ro"), ("bulgarian", "bg"), ("serbian", "sr"), ("croatian", "hr"),
    ("greek", "el"), ("hebrew", "he"), ("swedish", "sv"), ("norwegian", "no"), ("danish", "da"),
    ("finnish", "fi"), ("estonian", "et"), ("latvian", "lv"), ("lithuanian", "lt"),
    ("georgian", "ka"), ("armenian", "hy"), ("kazakh", "kk"), ("mongolian", "mn"),
    ("burmese", "my"), ("khmer", "km"), ("lao", "lo"), ("nepali", "ne"), ("sinhala", "si"),
    ("tamil", "ta"), ("swahili", "sw"), ("pashto", "ps"), ("uzbek", "uz"), ("belarusian", "be"),
    // Names in the language itself, as publishers' language switchers show them.
    ("français", "fr"), ("deutsch", "de"), ("español", "es"), ("português", "pt"),
    ("italiano", "it"), ("русский", "ru"), ("日本語", "ja"), ("中文", "zh"), ("한국어", "ko"),
];

/// Maps a language name ("Japanese", "japanese", "Deutsch") to its ISO 639-1 code.
pub fn language_code(name: &str) -> Option<&'static str> {
    let name = name.trim().to_lowercase();
    LANGUAGE_NAMES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(_, code)| code)
}

/// The writing system a stretch of text is in, as far as page reading needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    /// Latin letters (English, French, German, …).
    Latin,
    /// Cyrillic letters (Russian, Ukrainian, …).
    Cyrillic,
    /// Chinese characters, alone or with kana: Chinese and Japanese.
    Han,
    /// Hiragana or katakana: Japanese.
    Kana,
    /// Hangul: Korean.
    Hangul,
    /// Any other letters (Arabic, Greek, Thai, …).
    Other,
}

/// The script of one letter; `None` for digits, punctuation and spaces.
pub fn script_of(c: char) -> Option<Script> {
    if !c.is_alphabetic() {
        return None;
    }
    Some(match c {
        'a'..='z' | 'A'..='Z' | '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' => Script::Latin,
        '\u{400}'..='\u{52f}' => Script::Cyrillic,
        '\u{3040}'..='\u{30ff}' | '\u{31f0}'..='\u{31ff}' | '\u{ff66}'..='\u{ff9f}' => Script::Kana,
        '\u{ac00}'..='\u{d7af}' | '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}' => {
            Script::Hangul
        }
        c if is_cjk(c) => Script::Han,
        _ => Script::Other,
    })
}

/// The script most letters of `text` are in; `None` when it has no letters.
pub fn dominant_script(text: &str) -> Option<Script> {
    let mut counts: Vec<(Script, usize)> = Vec::new();
    for s in text.chars().filter_map(script_of) {
        match counts.iter_mut().find(|(k, _)| *k == s) {
            Some((_, n)) => *n += 1,
            None => counts.push((s, 1)),
        }
    }
    // Japanese mixes kana into Han text: any kana makes it Japanese.
    let kana = counts.iter().any(|(s, n)| *s == Script::Kana && *n > 0);
    let best = counts.into_iter().max_by_key(|&(_, n)| n).map(|(s, _)| s);
    match best {
        Some(Script::Han) if kana => Some(Script::Kana),
        other => other,
    }
}

/// True for scripts written without spaces between words.
pub fn is_unspaced(script: Script) -> bool {
    matches!(script, Script::Han | Script::Kana)
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
