//! Translation notes ("originally written in Japanese … a translation") and
//! the language names they mention.

use crate::text::lang::{language_code, LANGUAGE_NAMES};
use crate::text::sentences::split_sentences;
use regex::Regex;
use std::sync::LazyLock;

static NOTE: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"(?i)\b(?:this|the)\s+(?:\w+\s+)?(?:article|commentary|piece|text|essay|op-ed|interview|post|report|column|analysis|paper|version)\b.*\b(?:translat\w*|originally\s+(?:written|published)\s+in)\b",
        r"(?i)^[\[(]?\s*(?:translated|translation|traduit|traduction|übersetzt|übersetzung|traducido|traducción)\b",
        r"(?i)\b(?:is|was)\s+(?:an?\s+)?(?:\w+\s+)?translation\b",
        r"(?i)\boriginally\s+(?:written|published|appeared)\s+in\s+\p{Lu}\p{L}+",
        r"(?i)\btranslated\s+(?:from|by|into)\b",
        // Kept last: CJK notes need no language name to be recognised.
        r"翻訳|번역|翻译",
    ]
    .iter()
    .map(|p| Regex::new(p).expect("translation pattern"))
    .collect()
});

static CLICK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:please\s+)?(?:click|tap)\s+here\b|^cliquez\s+ici\b|^hier\s+klicken\b|^haga\s+clic\b|^haz\s+clic\b")
        .expect("click pattern")
});

/// What a translation note told us, and the text left once it is removed.
#[derive(Debug, PartialEq)]
pub struct TranslationNote {
    /// ISO 639-1 code of the original language, when named.
    pub language: Option<&'static str>,
    /// The note's own sentences (and link text).
    pub note: String,
    /// The line without the note and its link text; empty when nothing else was there.
    pub rest: String,
}

/// Finds a translation note in a line. Only sentences about the text
/// itself count, so an article that discusses translations keeps them.
pub fn find_note(line: &str) -> Option<TranslationNote> {
    let sentences = split_sentences(line);
    let is_note: Vec<bool> = sentences
        .iter()
        .map(|s| {
            let language_named = s
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| language_code(w).is_some());
            let about_translation = language_named || s.to_lowercase().contains("translat");
            (NOTE[..NOTE.len() - 1].iter().any(|re| re.is_match(s)) && about_translation)
                || NOTE[NOTE.len() - 1].is_match(s)
        })
        .collect();
    if !is_note.contains(&true) {
        return None;
    }
    let mut language = None;
    let mut rest = Vec::new();
    let mut removed = Vec::new();
    for (sentence, note) in sentences.iter().zip(&is_note) {
        if *note || CLICK.is_match(sentence) {
            // Link text ("Click here …") goes with the note: the link itself
            // did not survive the copy.
            language = language.or_else(|| original_language(sentence));
            removed.push(*sentence);
        } else {
            rest.push(*sentence);
        }
    }
    Some(TranslationNote {
        language,
        note: removed.join(" "),
        rest: rest.join(" "),
    })
}

/// The first language named in a note that is not the translation's own
/// (English) — "translated from Japanese into English" is Japanese.
fn original_language(sentence: &str) -> Option<&'static str> {
    let mut english = None;
    for word in sentence.split(|c: char| !c.is_alphanumeric()) {
        match language_code(word) {
            Some("en") => english = Some("en"),
            Some(code) if word.chars().next().is_some_and(|c| !c.is_lowercase()) => {
                return Some(code)
            }
            _ => {}
        }
    }
    for (name, code) in LANGUAGE_NAMES.iter().filter(|(n, _)| !n.is_ascii()) {
        if sentence.contains(name) {
            return Some(code);
        }
    }
    english.filter(|_| sentence.to_lowercase().contains("originally"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_language_names() {
        let table = [
            ("Japanese", Some("ja")),
            ("japanese", Some("ja")),
            ("Korean", Some("ko")),
            ("Mandarin", Some("zh")),
            ("German", Some("de")),
            ("Deutsch", Some("de")),
            ("français", Some("fr")),
            ("Farsi", Some("fa")),
            ("日本語", Some("ja")),
            ("Klingon", None),
            ("Foreign", None),
        ];
        for (name, want) in table {
            assert_eq!(language_code(name), want, "{name}");
        }
    }

    #[test]
    fn finds_notes() {
        let text = "This commentary was originally written in Japanese. The article below is a translation. Click here to see the original Japanese version of the text.";
        let note = find_note(text).unwrap();
        assert_eq!(
            note,
            TranslationNote {
                language: Some("ja"),
                note: text.into(),
                rest: String::new()
            }
        );
        let note = find_note("Translated from the Korean by Min Park.").unwrap();
        assert_eq!(note.language, Some("ko"));
        let note = find_note("This is an English translation of an essay first published in French. The war goes on.").unwrap();
        assert_eq!(note.language, Some("fr"));
        assert_eq!(note.rest, "The war goes on.");
        assert!(find_note("The treaty text was published in Foreign Affairs last year.").is_none());
        assert!(find_note("This article was originally published in El País.").is_none());
        assert!(find_note("Officials in Tokyo spoke Japanese and English at the talks.").is_none());
    }
}
