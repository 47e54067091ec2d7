//! Text-level helpers of the Markdown converter: footnote anchors, text
//! escaping and whitespace, and the folded form used to compare texts.

use super::dom::names;
use scraper::ElementRef;
use std::collections::HashMap;

/// Collects footnote anchors in the roots: links to an in-page id from a
/// superscript or an element marked as a note reference.
pub fn footnote_labels(roots: &[ElementRef]) -> HashMap<String, String> {
    let mut labels: HashMap<String, String> = HashMap::new();
    let mut reference_ids: Vec<String> = Vec::new();
    for root in roots {
        for a in root
            .descendent_elements()
            .filter(|e| e.value().name() == "a")
        {
            let Some(target) = a.value().attr("href").and_then(|h| h.strip_prefix('#')) else {
                continue;
            };
            let in_sup = a
                .ancestors()
                .take(2)
                .filter_map(ElementRef::wrap)
                .any(|p| p.value().name() == "sup");
            let marked = a.value().attr("role") == Some("doc-noteref")
                || names(&a).contains("footnote")
                || a.value().attr("rel") == Some("footnote");
            // A link back from a note (to its reference, or from inside a
            // note already found) is not a reference: references come first.
            let back = reference_ids.iter().any(|r| r == target)
                || a.ancestors()
                    .filter_map(ElementRef::wrap)
                    .any(|p| p.value().id().is_some_and(|id| labels.contains_key(id)))
                || a.value().id().is_some_and(|id| labels.contains_key(id));
            if target.is_empty() || !(in_sup || marked) || back || labels.contains_key(target) {
                continue;
            }
            let shown: String = a.text().collect::<String>();
            let shown = shown.trim().trim_matches(['[', ']', '(', ')']);
            let digits: String = target.chars().filter(char::is_ascii_digit).collect();
            let label = if !shown.is_empty() && shown.chars().all(|c| c.is_alphanumeric()) {
                shown.to_string()
            } else if !digits.is_empty() {
                digits
            } else {
                (labels.len() + 1).to_string()
            };
            if let Some(id) = a.value().id() {
                reference_ids.push(id.to_string());
            }
            labels.insert(target.to_string(), label);
        }
    }
    labels
}

/// A note's link back to its reference ("↩").
pub fn is_backlink(a: &ElementRef) -> bool {
    let href = a.value().attr("href").unwrap_or("");
    a.value().attr("role") == Some("doc-backlink")
        || names(a).contains("backref")
        || names(a).contains("footnote-back")
        || (href.starts_with('#') && {
            let t: String = a.text().collect();
            matches!(t.trim(), "↩" | "↩︎" | "^" | "↑" | "⤴")
        })
}

pub fn link_target(url: &str) -> String {
    if url.contains([' ', '(', ')', '<', '>']) {
        format!("<{}>", url.replace(' ', "%20").replace(['<', '>'], ""))
    } else {
        url.to_string()
    }
}

/// Appends HTML text with its whitespace collapsed and Markdown escaped.
pub fn push_text(out: &mut String, text: &str) {
    for c in text.chars() {
        let c = if c == '\u{a0}' { ' ' } else { c };
        if c.is_whitespace() {
            if !out.ends_with([' ', '\n']) {
                out.push(' ');
            }
            continue;
        }
        if matches!(
            c,
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}'
        ) {
            continue;
        }
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<') {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Trims a paragraph's inline text and the hard breaks at its edges.
pub fn finish_inline(s: &str) -> String {
    let collapsed: Vec<&str> = s.split(" \\\n").flat_map(|p| p.split("\\\n ")).collect();
    let joined = collapsed.join("\\\n");
    let mut t = joined.trim();
    loop {
        let before = t;
        t = t.trim_end_matches("\\\n").trim();
        t = t.trim_start_matches("\\\n").trim();
        if t == before {
            break;
        }
    }
    t.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A paragraph set wholly in bold or italics is a lede's styling, not
/// emphasis: the marks go.
pub fn unwrap_whole(text: &str) -> String {
    for mark in ["**", "*"] {
        if let Some(inner) = text.strip_prefix(mark).and_then(|t| t.strip_suffix(mark)) {
            if !inner.contains(mark) && !inner.is_empty() {
                return inner.to_string();
            }
        }
    }
    text.to_string()
}

/// Escapes what would otherwise start a heading, quote or list.
pub fn escape_block_start(text: &str) -> String {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && text[digits..].starts_with(['.', ')']) && text[digits + 1..].starts_with(' ') {
        return format!("{}\\{}", &text[..digits], &text[digits..]);
    }
    if text.starts_with(['#', '>'])
        || text.starts_with("- ")
        || text.starts_with("+ ")
        || text.starts_with("= ")
    {
        return format!("\\{text}");
    }
    text.to_string()
}

/// Lowercased text without Markdown marks or punctuation at the edges, to
/// compare a heading or paragraph with the headline.
pub fn fold(s: &str) -> String {
    let plain: String = s
        .chars()
        .filter(|c| !matches!(c, '*' | '\\' | '_' | '`'))
        .collect();
    plain
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| c.is_ascii_punctuation() || matches!(c, '“' | '”' | '‘' | '’'))
        .to_lowercase()
        .replace(['’', '‘'], "'")
}
