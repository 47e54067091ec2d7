//! Warnings an editor wants before publishing, beyond those every build prints
//! ([`crate::build::editorial_warnings`]): drafts, future dates, missing summaries, empty
//! taxonomy entries and briefings that appear twice.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde_json::Value;

use super::Texts;
use crate::config::{find_key_line, find_value};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{DocKind, Document};
use crate::site::Site;

/// The check-only editorial warnings of every document in `site` (drafts included).
pub fn warnings(site: &Site, texts: &Texts) -> Vec<Diagnostic> {
    let now = chrono::Utc::now().fixed_offset();
    let mut taxonomies: Vec<&str> = vec!["tags", "authors"];
    taxonomies.extend(site.config.taxonomies.iter().map(|t| t.name.as_str()));
    taxonomies.sort_unstable();
    taxonomies.dedup();

    let mut out = Vec::new();
    for doc in site.documents() {
        let text = texts.get(&doc.file).map_or("", String::as_str);
        let at_key = |d: Diagnostic, key: &str| match find_key_line(text, key) {
            Some((l, c)) => d.at(text, l, c),
            None => d,
        };
        let at_value = |d: Diagnostic, key: &str| match find_value(text, key) {
            Some((l, c)) => d.at(text, l, c),
            None => d,
        };
        if doc.draft {
            out.push(at_key(
                Diagnostic::warning(Code::Draft, "draft: `build` leaves it out of the site")
                    .in_file(&doc.file)
                    .with_hint(
                        "remove `draft = true` when it is ready; `briefgen serve --drafts` previews it",
                    ),
                "draft",
            ));
        }
        for (key, date) in [("date", doc.date), ("updated", doc.updated)] {
            if let Some(date) = date.filter(|d| *d > now) {
                out.push(at_value(future(doc, key, date), key));
            }
        }
        if doc.kind == DocKind::Article && doc.summary_text().trim().is_empty() {
            out.push(
                Diagnostic::warning(
                    Code::NoSummary,
                    "briefing has no summary: no `summary` in the front matter and no opening paragraph, so listings and feeds show none",
                )
                .in_file(&doc.file)
                .with_hint("add `summary = \"…\"` (one or two sentences) to the front matter"),
            );
        }
        out.extend(empty_terms(doc, text, &taxonomies));
    }
    out.extend(duplicates(site, texts));
    out
}

fn future(doc: &Document, key: &str, date: DateTime<FixedOffset>) -> Diagnostic {
    Diagnostic::warning(
        Code::FutureDate,
        format!(
            "`{key}` {} is in the future; the next build publishes it anyway{}",
            date.format("%Y-%m-%d"),
            if key == "date" {
                ", at the top of every listing"
            } else {
                ""
            }
        ),
    )
    .in_file(&doc.file)
    .with_hint(
        "check the year; briefgen does not schedule posts, so hold it back with `draft = true`",
    )
}

/// Blank entries in a taxonomy list, such as `tags = ["Japan", ""]`, which the build drops
/// silently.
fn empty_terms(doc: &Document, text: &str, taxonomies: &[&str]) -> Vec<Diagnostic> {
    let Ok(split) = crate::frontmatter::split(text) else {
        return Vec::new();
    };
    let Ok(table) = crate::frontmatter::parse(&split) else {
        return Vec::new();
    };
    let front_end = text.len() - split.body.len();
    let blank = |v: &Value| v.as_str().is_some_and(|s| s.trim().is_empty());
    let mut out = Vec::new();
    for &name in taxonomies {
        let has_blank = match table.get(name) {
            Some(Value::Array(items)) => items.iter().any(blank),
            Some(v) => blank(v),
            None => false,
        };
        if !has_blank {
            continue;
        }
        let d = Diagnostic::warning(
            Code::EmptyTerm,
            format!("`{name}` has an empty entry; the build drops it"),
        )
        .in_file(&doc.file)
        .with_hint(format!(
            "remove the empty string from `{name}`, or fill in the missing name"
        ));
        out.push(match blank_position(&text[..front_end], name) {
            Some((l, c)) => d.at(text, l, c),
            None => d,
        });
    }
    out
}

/// Where the first blank string of `key`'s value is (the value may span lines), else the value.
fn blank_position(front: &str, key: &str) -> Option<(usize, usize)> {
    let (line, _) = find_key_line(front, key)?;
    let blank = regex::Regex::new(r#""\s*"|'\s*'"#).expect("valid regex");
    let next_key = regex::Regex::new(r"^\s*(\[|[A-Za-z_][\w-]*\s*[=:])").expect("valid regex");
    for (i, l) in front.lines().enumerate().skip(line - 1) {
        if i >= line && next_key.is_match(l) {
            break;
        }
        let from = if i == line - 1 {
            l.find(['=', ':']).map_or(0, |p| p + 1)
        } else {
            0
        };
        if let Some(m) = blank.find(&l[from..]) {
            return Some((i + 1, l[..from + m.start()].chars().count() + 1));
        }
    }
    find_value(front, key)
}

/// Two briefings with the same title and date are usually one briefing imported twice.
fn duplicates(site: &Site, texts: &Texts) -> Vec<Diagnostic> {
    let mut seen: HashMap<(String, Option<NaiveDate>), &Document> = HashMap::new();
    let mut articles: Vec<&Document> = site.articles.iter().collect();
    articles.sort_by(|a, b| a.rel.cmp(&b.rel));
    let mut out = Vec::new();
    for a in articles {
        let title = a.title.split_whitespace().collect::<Vec<_>>().join(" ");
        let key = (title.to_lowercase(), a.date.map(|d| d.date_naive()));
        match seen.get(&key) {
            None => {
                seen.insert(key, a);
            }
            Some(first) => {
                let text = texts.get(&a.file).map_or("", String::as_str);
                let d = Diagnostic::warning(
                    Code::Duplicate,
                    format!(
                        "same title and date as {}: \"{}\"{}",
                        first.file.display(),
                        a.title,
                        a.date
                            .map(|d| format!(", {}", d.format("%Y-%m-%d")))
                            .unwrap_or_default()
                    ),
                )
                .in_file(&a.file)
                .with_hint("delete one copy, or give them different titles if both belong");
                out.push(match find_value(text, "title") {
                    Some((l, c)) => d.at(text, l, c),
                    None => d,
                });
            }
        }
    }
    out
}
