//! What the English interface prints, and a check that a page in another language shows none
//! of it (tests/i18n.rs and tests/languages.rs).

use std::collections::BTreeSet;

/// The literal pieces of every English interface string (from the built-in English file: the
/// text around its placeholders) that contain a word: what the English theme prints. Strings
/// the Japanese file keeps as they are (`APA`, `BibTeX`) are names, not English.
pub fn english_interface() -> BTreeSet<String> {
    let read = |name: &str| -> toml::Table {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/i18n/builtin")
            .join(name);
        toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    };
    let (en, ja) = (read("en.toml"), read("ja.toml"));
    let mut pieces = Vec::new();
    let mut add = |s: &str| {
        // Cut at every `{placeholder}`: what is left is printed as written.
        let mut literal = String::new();
        let mut depth = 0;
        for c in s.chars() {
            match c {
                '{' => {
                    depth += 1;
                    literal.push('\u{0}');
                }
                '}' => depth -= 1,
                c if depth == 0 => literal.push(c),
                _ => {}
            }
        }
        for piece in literal.split('\u{0}') {
            let piece = piece
                .trim()
                .trim_matches([':', '.', ',', '(', ')', '“', '”'])
                .trim();
            if piece.chars().filter(char::is_ascii_alphabetic).count() >= 2 {
                pieces.push(piece.to_string());
            }
        }
    };
    let ja_strings = ja["strings"].as_table().unwrap();
    // Words the Japanese file writes as they are (PDF, CSV, APA, BibTeX, Atom) are names.
    let ja_text: String = ja_strings.values().map(|v| format!("{v} ")).collect();
    for (key, value) in en["strings"].as_table().unwrap() {
        if ja_strings.get(key) == Some(value) {
            continue;
        }
        match value {
            toml::Value::String(s) => add(s),
            toml::Value::Table(forms) => forms.values().for_each(|f| add(f.as_str().unwrap())),
            _ => unreachable!(),
        }
    }
    for list in ["months", "months_short"] {
        for m in en["date"][list].as_array().unwrap() {
            add(m.as_str().unwrap());
        }
    }
    pieces
        .into_iter()
        .filter(|p| !contains_word(&ja_text, p))
        .collect()
}

/// Everything a reader meets on a page: its text and the attributes read aloud or shown
/// (title, aria-label, alt, placeholder, meta descriptions). Left out: scripts, the BibTeX
/// entry (a machine format whose `and` and `month` are syntax) and addresses.
pub fn reader_text(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let mut out = String::new();
    for node in doc.root_element().descendants() {
        if let Some(text) = node.value().as_text() {
            let machine = node.ancestors().any(|a| {
                a.value().as_element().is_some_and(|e| {
                    e.name() == "script"
                        || e.name() == "style"
                        || e.attr("class").is_some_and(|c| c.contains("cite-bibtex"))
                })
            });
            if !machine {
                let words: Vec<&str> = text
                    .split(' ')
                    .filter(|w| !w.starts_with("https://"))
                    .collect();
                out.push_str(&words.join(" "));
                out.push('\n');
            }
        }
        if let Some(e) = node.value().as_element() {
            for attr in ["title", "aria-label", "alt", "placeholder"] {
                if let Some(v) = e.attr(attr) {
                    out.push_str(v);
                    out.push('\n');
                }
            }
            if e.name() == "meta" && e.attr("name").is_some_and(|n| n == "description") {
                out.push_str(e.attr("content").unwrap_or(""));
                out.push('\n');
            }
        }
    }
    out
}

pub fn contains_word(text: &str, piece: &str) -> bool {
    let mut from = 0;
    while let Some(at) = text[from..].find(piece) {
        let start = from + at;
        let end = start + piece.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_ascii_alphanumeric());
        if boundary(before) && boundary(after) {
            return true;
        }
        from = end;
    }
    false
}

/// The English interface strings `html` shows a reader, each with the line it is on; `allowed`
/// (names, the switcher's link to English) is removed from the text first.
pub fn english_shown(html: &str, english: &BTreeSet<String>, allowed: &[&str]) -> Vec<String> {
    let mut text = reader_text(html);
    for a in allowed {
        text = text.replace(a, "");
    }
    english
        .iter()
        .filter(|p| contains_word(&text, p))
        .map(|p| {
            let line = text.lines().find(|l| contains_word(l, p)).unwrap_or("");
            format!("{p:?} in {line:?}")
        })
        .collect()
}
