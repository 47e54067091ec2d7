//! Sentence boundaries, minding abbreviations, initials and quotations.

/// Titles and short forms that are followed by a name or a word, not a new sentence.
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    "Dr", "Mr", "Mrs", "Ms", "Mx", "Prof", "St", "Gen", "Adm", "Lt", "Col", "Capt", "Cmdr", "Cdr",
    "Sgt", "Maj", "Brig", "Gov", "Sen", "Rep", "Rev", "Hon", "Amb", "Pres", "Sec", "Supt", "Insp",
    "Jr", "Sr", "Inc", "Ltd", "Co", "Corp", "Bros", "vs", "cf", "approx", "ca", "Fig", "Vol",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mt",
    "Ft", "Dept", "Univ", "Mme", "Mlle", "Messrs", "Rt", "al",
];

/// Short forms that only abbreviate when a number follows ("No. 5", "p. 12").
#[rustfmt::skip]
const NUMBER_ABBREVIATIONS: &[&str] = &[
    "No", "Nos", "no", "p", "pp", "para", "Art", "art", "Ch", "ch",
];

/// Words that after a dotted abbreviation ("U.S.") show that a new sentence began.
#[rustfmt::skip]
const SENTENCE_STARTERS: &[&str] = &[
    "The", "This", "That", "These", "Those", "It", "Its", "In", "But", "However", "And", "He",
    "She", "They", "We", "I", "A", "An", "As", "At", "On", "For", "If", "When", "While", "Yet",
    "So", "There", "Such", "Both", "Many", "Some", "Most", "Now", "Still", "Meanwhile", "Moreover",
    "Furthermore", "Instead", "Indeed", "Thus", "Therefore", "Their", "Our",
];

const TERMINATORS: &[char] = &['.', '!', '?', '…', '。', '！', '？'];
const CLOSERS: &[char] = &['"', '”', '’', '\'', ')', ']', '»', '」', '』'];
const OPENERS: &[char] = &['"', '“', '‘', '\'', '(', '[', '«', '¿', '¡', '「', '『'];

/// Splits a paragraph into sentences. Never splits inside a quotation that
/// is still open, after an abbreviation, or after an initial ("J. Smith").
pub fn split_sentences(text: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth = 0i32;
    let mut straight_open = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if !TERMINATORS.contains(&c) {
            track_quote(c, &mut depth, &mut straight_open);
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < chars.len() && TERMINATORS.contains(&chars[j + 1].1) {
            j += 1;
        }
        while j + 1 < chars.len() && CLOSERS.contains(&chars[j + 1].1) {
            j += 1;
            track_quote(chars[j].1, &mut depth, &mut straight_open);
        }
        let end = chars.get(j + 1).map_or(text.len(), |&(p, _)| p);
        if depth == 0 && !straight_open && is_boundary(text, &chars, i, j) {
            push_trimmed(&mut out, &text[start..end]);
            start = end;
        }
        i = j + 1;
    }
    push_trimmed(&mut out, &text[start..]);
    out
}

fn track_quote(c: char, depth: &mut i32, straight_open: &mut bool) {
    match c {
        '“' | '«' | '「' | '『' => *depth += 1,
        '”' | '»' | '」' | '』' => *depth = (*depth - 1).max(0),
        '"' => *straight_open = !*straight_open,
        _ => {}
    }
}

fn push_trimmed<'a>(out: &mut Vec<&'a str>, s: &'a str) {
    let s = s.trim();
    if !s.is_empty() {
        out.push(s);
    }
}

/// Decides whether the terminator run `chars[i..=j]` ends a sentence.
fn is_boundary(text: &str, chars: &[(usize, char)], i: usize, j: usize) -> bool {
    let Some(&(_, after)) = chars.get(j + 1) else {
        return true;
    };
    if matches!(chars[i].1, '。' | '！' | '？') {
        return true;
    }
    if !after.is_whitespace() {
        return false;
    }
    let rest = text[chars[j + 1].0..].trim_start();
    let next_word = rest.split_whitespace().next().unwrap_or("");
    let first = next_word.chars().next().unwrap_or(' ');
    let opens =
        OPENERS.contains(&first) && next_word.chars().nth(1).is_some_and(|c| !c.is_lowercase());
    if !(first.is_uppercase() || first.is_ascii_digit() || opens) {
        return false;
    }
    if chars[i].1 != '.' || j > i && chars[i + 1].1 == '.' {
        return true;
    }
    let before = &text[..chars[i].0];
    let word = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_start_matches(OPENERS);
    !is_abbreviation(word, next_word)
}

fn is_abbreviation(word: &str, next_word: &str) -> bool {
    if ABBREVIATIONS.contains(&word) || matches!(word, "e.g" | "i.e" | "viz") {
        return true;
    }
    if NUMBER_ABBREVIATIONS.contains(&word) {
        return next_word.starts_with(|c: char| c.is_ascii_digit());
    }
    let mut letters = word.chars();
    if let (Some(c), None) = (letters.next(), letters.next()) {
        // An initial ("J. Smith"); a lone lowercase letter is usually a list marker.
        return c.is_uppercase();
    }
    if word.contains('.') && word.split('.').all(|part| part.chars().count() <= 2) {
        // "U.S.", "a.m.": part of the sentence unless a typical opener follows.
        let next = next_word.trim_matches(|c: char| !c.is_alphanumeric());
        return !SENTENCE_STARTERS.contains(&next);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_real_boundaries_only() {
        let table: &[(&str, &[&str])] = &[
            ("One here. Two there.", &["One here.", "Two there."]),
            (
                "Dr. Kim met Gen. Park in St. Louis. Then he left.",
                &["Dr. Kim met Gen. Park in St. Louis.", "Then he left."],
            ),
            (
                "The U.S. Navy sailed. It was late.",
                &["The U.S. Navy sailed.", "It was late."],
            ),
            (
                "It was led by the U.S. The allies agreed.",
                &["It was led by the U.S.", "The allies agreed."],
            ),
            (
                "Adm. Samuel Paparo spoke. J. Smith replied.",
                &["Adm. Samuel Paparo spoke.", "J. Smith replied."],
            ),
            (
                "See No. 5 and e.g. Japan. Next one.",
                &["See No. 5 and e.g. Japan.", "Next one."],
            ),
            (
                "He said, “We will win. They will lose.” Then he left.",
                &["He said, “We will win. They will lose.”", "Then he left."],
            ),
            (
                "She asked \"Why? Who knows.\" Nobody answered!",
                &["She asked \"Why? Who knows.\"", "Nobody answered!"],
            ),
            (
                "Growth was 3.5 percent. Prices rose.",
                &["Growth was 3.5 percent.", "Prices rose."],
            ),
            (
                "It rose in 2014. In 2016, it fell.",
                &["It rose in 2014.", "In 2016, it fell."],
            ),
            (
                "Wait... Then what? Nothing.",
                &["Wait...", "Then what?", "Nothing."],
            ),
            (
                "not a split. lowercase follows",
                &["not a split. lowercase follows"],
            ),
            (
                "日本は同意した。韓国も同意した。",
                &["日本は同意した。", "韓国も同意した。"],
            ),
        ];
        for (input, want) in table {
            assert_eq!(split_sentences(input), *want, "{input}");
        }
    }
}
