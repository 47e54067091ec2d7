//! Author names as bylines and metadata write them: split, inverted,
//! cleaned of roles and labels.

use super::meta::squash;

/// "Doe, Jane" → "Jane Doe" (Highwire and Dublin Core write names so).
pub fn invert_name(name: &str) -> String {
    let name = squash(name);
    match name.split_once(", ") {
        Some((last, first))
            if !last.contains(' ') && !first.contains(',') && first.split(' ').count() <= 3 =>
        {
            format!("{first} {last}")
        }
        _ => name,
    }
}

/// Splits a byline into names: "By A, B and C" → [A, B, C]. Profile
/// URLs, handles and labels are not names.
pub fn split_names(text: &str) -> Vec<String> {
    // "Doe, Jane; Roe, Richard": a list of inverted names.
    if text.contains(';') {
        let parts: Vec<&str> = text
            .split(';')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() > 1 && parts.iter().all(|p| p.matches(", ").count() == 1) {
            return parts
                .iter()
                .flat_map(|p| split_names(&invert_name(p)))
                .collect();
        }
    }
    let mut t = squash(text);
    let lower = t.to_lowercase();
    if let Some(prefix) = byline_prefix(&lower) {
        // The prefix is ASCII or a whole label: its length is the same in
        // the lowercased text for every prefix on the list.
        if let Some(rest) = t.get(prefix.len()..) {
            t = rest
                .trim_start_matches([':', '：', '=', '・', '/', ' '])
                .trim()
                .to_string();
        }
    }
    // A byline may carry the date or role after a separator.
    let t = t
        .split(['|', '•', '·', '\n'])
        .next()
        .unwrap_or("")
        .trim()
        .to_string();
    let mut parts: Vec<String> = Vec::new();
    for piece in t.split([',', ';', '&']) {
        for name in piece
            .split(" and ")
            .flat_map(|p| p.split(" und "))
            .flat_map(|p| p.split(" et "))
            .flat_map(|p| p.split(" y "))
            .flat_map(|p| p.split(" e "))
            .flat_map(|p| p.split(" и "))
            .flat_map(|p| p.split(['、', '，']))
        {
            let name = NAME_ENDS
                .iter()
                .filter_map(|e| name.find(e))
                .min()
                .map_or(name, |i| &name[..i]);
            let name = name.trim().trim_end_matches(['.', ':']).trim();
            if is_name(name) {
                parts.push(name_case(name));
            }
        }
    }
    parts
}

/// Labels that open a byline, lowercased, longest first where one starts
/// another.
#[rustfmt::skip]
const BYLINE_PREFIXES: &[&str] = &[
    "written by", "words by", "posted by", "reported by", "text by", "story by",
    "authors:", "author:", "by ", "von ", "par ", "por ", "di ", "door ", "av ", "af ",
    "texto:", "text:", "autor:", "autorin:", "autores:", "auteur :", "auteur:",
    "автор:", "автор ", "авторы:", "著者：", "著者:", "著者 ", "作者：", "作者:",
    "作者 ", "文・", "文／", "文/", "文：", "글 ", "글=", "글·",
];

/// The byline label `text` (lowercased) opens with.
pub fn byline_prefix(text: &str) -> Option<&'static str> {
    BYLINE_PREFIXES
        .iter()
        .find(|p| text.starts_with(*p) && text.len() > p.len())
        .copied()
}

/// Words that make a byline fragment a role, a label or a button rather
/// than a person ("Senior Fellow", "Updated", "Follow").
#[rustfmt::skip]
const NOT_NAME_WORDS: &[&str] = &[
    "fellow", "director", "editor", "editors", "professor", "correspondent", "reporter",
    "staff", "writer", "contributor", "contributors", "analyst", "researcher", "associate",
    "chair", "president", "manager", "minister", "ambassador", "senior", "chief", "deputy",
    "admin", "guest", "updated", "published", "posted", "share", "follow", "read", "more",
    "comments", "email", "print", "opinion", "analysis", "news", "photo", "image", "phd",
    "jr", "sr", "md", "mba", "esq", "ii", "iii", "team", "desk", "newsroom", "university",
    "institute", "view", "profile", "all", "posts", "min", "former", "is", "was", "who",
    "based", "press", "agency", "agencies", "reuters", "afp", "dpa", "efe", "ansa", "kyodo",
    "xinhua", "yonhap", "bloomberg", "wire", "redactie", "redaktion", "rédaction",
    "redacción", "redação", "redazione", "editorial",
];

/// Words after which a byline fragment stops being the name: "Jane Doe
/// in Berlin", "Jane Doe of the Institute".
const NAME_ENDS: &[&str] = &[" in ", " at ", " from ", " for ", " of ", " with ", " on "];

pub fn is_name(s: &str) -> bool {
    let words = s.split_whitespace().count();
    let lower = s.to_lowercase().replace('.', "");
    (1..=5).contains(&words)
        && !s.contains("://")
        && !s.starts_with('@')
        && !s.starts_with("www.")
        && s.chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() && !c.is_lowercase())
        && !s.chars().any(|c| c.is_ascii_digit())
        && !lower
            .split_whitespace()
            .any(|w| NOT_NAME_WORDS.contains(&w))
        && (words > 1 || !s.chars().all(|c| c.is_lowercase()))
}

/// "JANE DOE" → "Jane Doe"; names already in mixed case stay as written.
pub fn name_case(name: &str) -> String {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 4
        || letters.iter().any(|c| c.is_lowercase())
        || !letters.iter().all(char::is_ascii)
    {
        return name.to_string();
    }
    name.split(' ')
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |f| {
                f.to_string() + &chars.as_str().to_lowercase()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn dedupe(names: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in names {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&n)) {
            out.push(n);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_bylines_into_names() {
        let table: &[(&str, &[&str])] = &[
            ("By Ada Quill and Ben Moss", &["Ada Quill", "Ben Moss"]),
            (
                "Ada Quill, Ben Moss & Cy Rho",
                &["Ada Quill", "Ben Moss", "Cy Rho"],
            ),
            ("By Ada Quill | 3 March 2024", &["Ada Quill"]),
            ("https://example.org/authors/ada", &[]),
            ("@adaquill", &[]),
        ];
        for (input, want) in table {
            assert_eq!(split_names(input), *want, "{input}");
        }
        assert_eq!(invert_name("Quill, Ada"), "Ada Quill");
    }
}
