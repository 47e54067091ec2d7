//! The article's lines as Markdown blocks: paragraphs, headings and lists.

use super::text::{ends_sentence, word_count};
use crate::text::sentences::split_sentences;
use regex::Regex;
use std::sync::LazyLock;

/// A paragraph longer than this is split at sentence boundaries.
pub const MAX_PARAGRAPH_WORDS: usize = 120;
/// When splitting, a paragraph is closed once it reaches this many words.
const TARGET_PARAGRAPH_WORDS: usize = 80;
/// Longest line still taken for a heading.
const MAX_HEADING_WORDS: usize = 12;

static LIST_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?P<bullet>[-*+•▪◦●■►‣–])|(?P<num>\d{1,3})[.)])\s+(?P<text>\S.*)$")
        .expect("list pattern")
});
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:sources?|notes?|data|chart|figure|fig\.|table|graph|map|photo|image|credit|caption)\b[^:]{0,20}:").expect("caption pattern")
});
static MD_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*$").expect("heading pattern")
});

/// What a body line is, for Markdown.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Running text.
    Paragraph(String),
    /// A section heading, without its marker.
    Heading(String),
    /// A list item: its number for ordered lists.
    Item(Option<u32>, String),
}

/// True for a list item ("- a", "• a", "1. a", "2) a").
pub fn is_list_item(line: &str) -> bool {
    LIST_ITEM.is_match(line.trim())
}

/// True for a line with the shape of a heading: short, capitalised, no
/// closing punctuation (a question is allowed).
pub fn looks_like_heading(line: &str) -> bool {
    let t = line.trim();
    if MD_HEADING.is_match(t) {
        return true;
    }
    let words = word_count(t);
    (1..=MAX_HEADING_WORDS).contains(&words)
        && !is_list_item(t)
        && !CAPTION.is_match(t)
        && t.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || is_caseless(c))
        && !t.ends_with(['.', ',', ';', ':', '!', '…', '"', '”', '。'])
}

/// Letters of scripts without case (Han, kana, Hangul), where a capital cannot mark a heading.
fn is_caseless(c: char) -> bool {
    c.is_alphabetic() && !c.is_lowercase() && !c.is_uppercase()
}

/// True for a line of running text rather than a label or heading.
pub fn is_prose(line: &str) -> bool {
    let words = super::text::shape_words(line);
    words >= 40
        || (words >= 12 && ends_sentence(line))
        || (words >= 6 && ends_sentence(line) && !looks_like_heading(line))
}

/// Classifies body lines. A heading-shaped line counts as a heading only
/// when text follows it; otherwise it stays a paragraph.
///
/// The article's own paragraphs are kept as they are; only a body that
/// arrived as one or two long lines, or a line far longer than any real
/// paragraph, is split.
pub fn blocks(lines: &[String]) -> Vec<Block> {
    let prose_lines = lines.iter().filter(|l| is_prose(l)).count();
    let limit = if prose_lines <= 2 {
        MAX_PARAGRAPH_WORDS
    } else {
        2 * MAX_PARAGRAPH_WORDS
    };
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if let Some(c) = LIST_ITEM.captures(t) {
            let number = c.name("num").and_then(|n| n.as_str().parse().ok());
            out.push(Block::Item(number, c["text"].trim().to_string()));
        } else if let Some(c) = MD_HEADING.captures(t) {
            out.push(Block::Heading(c["text"].to_string()));
        } else if looks_like_heading(t)
            && lines
                .get(i + 1)
                .is_some_and(|n| !looks_like_heading(n) || is_list_item(n))
        {
            out.push(Block::Heading(t.to_string()));
        } else {
            let parts = if word_count(t) > limit {
                split_long(t)
            } else {
                vec![t.to_string()]
            };
            out.extend(parts.into_iter().map(Block::Paragraph));
        }
    }
    out
}

/// Renders blocks as Markdown, one blank line between blocks; the items of
/// one list stay together.
pub fn render(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut previous_item = false;
    for block in blocks {
        let is_item = matches!(block, Block::Item(..));
        if !out.is_empty() {
            out.push_str(if is_item && previous_item {
                "\n"
            } else {
                "\n\n"
            });
        }
        match block {
            Block::Paragraph(text) => out.push_str(&escape_block_start(text)),
            Block::Heading(text) => {
                out.push_str("## ");
                out.push_str(&escape_inline(text));
            }
            Block::Item(Some(n), text) => out.push_str(&format!("{n}. {}", escape_inline(text))),
            Block::Item(None, text) => out.push_str(&format!("- {}", escape_inline(text))),
        }
        previous_item = is_item;
    }
    out
}

/// Splits a paragraph longer than [`MAX_PARAGRAPH_WORDS`] into paragraphs at
/// sentence boundaries; shorter paragraphs are returned whole.
pub fn split_long(text: &str) -> Vec<String> {
    if word_count(text) <= MAX_PARAGRAPH_WORDS {
        return vec![text.to_string()];
    }
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut words = 0;
    for sentence in split_sentences(text) {
        let n = word_count(sentence);
        if !current.is_empty()
            && (words + n > MAX_PARAGRAPH_WORDS || words >= TARGET_PARAGRAPH_WORDS)
        {
            out.push(current.join(" "));
            current.clear();
            words = 0;
        }
        current.push(sentence);
        words += n;
    }
    if !current.is_empty() {
        out.push(current.join(" "));
    }
    out
}

/// Keeps text that happens to start like Markdown syntax ("2024. The year…",
/// "# 1 priority", "> quote") from being read as such.
fn escape_block_start(text: &str) -> String {
    static ORDERED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\d+)([.)])(\s)").expect("ordered pattern"));
    let text = escape_inline(text);
    if ORDERED.is_match(&text) {
        return ORDERED.replace(&text, "$1\\$2$3").into_owned();
    }
    // Only what CommonMark would read as a block marker: "+12 seats" and "#tag" are text.
    static MARKER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[-+*](?:\s|$)|#{1,6}(?:\s|$)|>|=+\s*$|(?:\*\s*){3,}$|(?:-\s*){3,}$)")
            .expect("block marker pattern")
    });
    if MARKER.is_match(&text) {
        return format!("\\{text}");
    }
    text
}

/// Raw HTML in pasted text is text, not markup.
fn escape_inline(text: &str) -> String {
    static TAG: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"<([A-Za-z/!])").expect("tag pattern"));
    TAG.replace_all(text, "\\<$1").into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn renders_headings_and_lists() {
        let body = lines(&[
            "The first paragraph explains the stakes for the region in plain words.",
            "Key recommendations",
            "• Expand trilateral drills",
            "• Fund coast guards",
            "1. First point",
            "2) Second point",
            "## Already a heading",
            "2024. That was the year it changed.",
            "Source: Treasury data, 2024",
            "The last paragraph ends the piece.",
        ]);
        let md = render(&blocks(&body));
        assert_eq!(
            md,
            "The first paragraph explains the stakes for the region in plain words.\n\n## Key recommendations\n\n- Expand trilateral drills\n- Fund coast guards\n1. First point\n2. Second point\n\n## Already a heading\n\n2024\\. That was the year it changed.\n\nSource: Treasury data, 2024\n\nThe last paragraph ends the piece."
        );
    }

    #[test]
    fn splits_long_paragraphs_at_sentences() {
        let sentence = "Dr. Kim told the U.S. delegation that the talks would resume soon after the holiday period ended. ";
        let text = sentence.repeat(12);
        let parts = split_long(text.trim());
        assert!(parts.len() >= 2, "{parts:?}");
        for p in &parts {
            assert!(word_count(p) <= MAX_PARAGRAPH_WORDS, "{p}");
            assert!(p.starts_with("Dr. Kim") && p.ends_with("ended."), "{p}");
        }
        assert_eq!(parts.join(" "), text.trim());
    }
}
