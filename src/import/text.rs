//! Small text helpers of the importer's stages; slugs and word counts are the crate's
//! (see [`crate::text`]).

use crate::text::slug::slugify;

/// Cleans pasted text: unifies line endings and invisible characters that
/// browsers leave behind, so later stages can compare lines reliably.
pub fn normalise(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len());
    for line in text.split('\n') {
        let mut clean = String::with_capacity(line.len());
        let mut last_space = false;
        for c in line.chars() {
            // Zero-width and soft-hyphen characters come from web layout, not the author.
            if matches!(
                c,
                '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}'
            ) {
                continue;
            }
            let c = if c.is_whitespace() { ' ' } else { c };
            if c == ' ' {
                if !last_space {
                    clean.push(' ');
                }
                last_space = true;
            } else {
                clean.push(c);
                last_space = false;
            }
        }
        out.push_str(clean.trim());
        out.push('\n');
    }
    out
}

pub use crate::text::words::word_count;

/// Words as a reader would count them, for judging a line's shape (headline, paragraph):
/// UAX #29 counts every ideograph of Chinese or Japanese as a word, so there a word is
/// taken as two characters, and a 40-character headline is not a paragraph.
pub fn shape_words(text: &str) -> usize {
    match crate::text::lang::dominant_script(text) {
        Some(script) if crate::text::lang::is_unspaced(script) => word_count(text).div_ceil(2),
        _ => word_count(text),
    }
}

/// Collapses whitespace so that two copies of a line compare equal.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lowercased, apostrophe-normalised form used for matching furniture phrases.
pub fn fold(s: &str) -> String {
    squash(s).to_lowercase().replace(['’', '‘', '`'], "'")
}

/// True when the line trails off, as teasers and truncated standfirsts do.
pub fn ends_with_ellipsis(s: &str) -> bool {
    let t = s.trim_end_matches([' ', ']', ')', '"', '”', '’', '»']);
    t.ends_with("...") || t.ends_with('…')
}

/// True when the line ends like a finished sentence.
pub fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches([' ', '"', '”', '’', '\'', ')', ']', '»', '」', '』']);
    t.ends_with(['.', '!', '?', '。', '！', '？', '…'])
}

/// Removes a trailing ellipsis and its leading space.
pub fn strip_ellipsis(s: &str) -> &str {
    let t = s.trim_end();
    let t = t
        .strip_suffix("...")
        .or_else(|| t.strip_suffix('…'))
        .unwrap_or(t);
    t.trim_end()
}

/// Upper-cases the first character.
pub fn capitalise_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The build's slug, no longer than `max` bytes, cut at a word (hyphen) boundary.
pub fn slugify_limited(s: &str, max: usize) -> String {
    let slug = slugify(s);
    if slug.len() <= max {
        return slug;
    }
    let cut = &slug[..max];
    match cut.rfind('-') {
        Some(i) if i > 0 => cut[..i].to_string(),
        _ => cut.trim_end_matches('-').to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        let table = [
            (
                "What the Russia-DPRK Relationship Reflects",
                "what-the-russia-dprk-relationship-reflects",
            ),
            (
                "  Japan’s “new” défense   posture! ",
                "japans-new-defense-posture",
            ),
            ("The West's dilemma", "the-wests-dilemma"),
            ("北朝鮮", "bei-zhao-xian"),
            ("---", ""),
        ];
        for (input, want) in table {
            assert_eq!(slugify(input), want, "{input}");
        }
        let long = "word ".repeat(40);
        let s = slugify_limited(&long, 80);
        assert!(s.len() <= 80 && s.ends_with("word"), "{s}");
    }

    #[test]
    fn normalises_whitespace() {
        assert_eq!(normalise("a\u{a0}\u{a0}b\r\n\tc\u{200b}d "), "a b\ncd\n");
    }

    #[test]
    fn ellipsis_and_sentence_ends() {
        assert!(ends_with_ellipsis("positioning in..."));
        assert!(ends_with_ellipsis("said on…"));
        assert!(!ends_with_ellipsis("done."));
        assert!(ends_sentence("He said “yes.”"));
        assert!(!ends_sentence("A Headline"));
    }
}
