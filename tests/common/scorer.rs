//! The shared scorer's checks (shared/samples/check_import.py), for the importers' fixture
//! tests: every expectation key the scorer reads, plus `body_contains` (strings the Markdown
//! body must contain, e.g. headings and list items).

use briefgen::import::ImportRecord;
use toml::{Table, Value};

pub fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The scorer's slug: lowercase, non-alphanumerics as separators.
pub fn scorer_slug(s: &str) -> String {
    let spaced: String = s
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join("-")
}

pub fn strings(exp: &Table, key: &str) -> Vec<String> {
    exp.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

pub fn string(exp: &Table, key: &str) -> Option<String> {
    exp.get(key).and_then(Value::as_str).map(str::to_string)
}

pub fn opt(s: &Option<String>) -> String {
    norm(s.as_deref().unwrap_or(""))
}

/// Every expectation the record misses, as (key, message).
pub fn check(rec: &ImportRecord, exp: &Table) -> Vec<(String, String)> {
    let mut misses = Vec::new();
    let mut miss = |key: &str, msg: String| misses.push((key.to_string(), msg));
    let flat = norm(&rec.body);
    let title = norm(&rec.title);
    if let Some(t) = string(exp, "title") {
        if title != norm(&t) {
            miss("title", format!("got {:?}", rec.title));
        }
    }
    if exp.get("title_in_text").and_then(Value::as_bool) == Some(false)
        && !rec.review.iter().any(|r| r == "title")
    {
        miss(
            "title_in_text",
            format!("no headline in the text, but review={:?}", rec.review),
        );
    }
    if title.is_empty() {
        miss("title", "empty title".into());
    }
    for name in strings(exp, "review_includes") {
        if !rec.review.contains(&name) {
            miss(
                "review_includes",
                format!("{name:?} not in review={:?}", rec.review),
            );
        }
    }
    if let Some(s) = string(exp, "summary_starts") {
        if !opt(&rec.summary).starts_with(&norm(&s)) {
            miss("summary_starts", format!("got {:?}", rec.summary));
        }
    }
    if exp.contains_key("authors") {
        let want: Vec<String> = strings(exp, "authors").iter().map(|a| norm(a)).collect();
        let got: Vec<String> = rec.authors.iter().map(|a| norm(a)).collect();
        if got != want {
            miss("authors", format!("got {:?}", rec.authors));
        }
    }
    if let Some(s) = string(exp, "author_bio_starts") {
        if !opt(&rec.author_bio).starts_with(&norm(&s)) {
            miss("author_bio_starts", format!("got {:?}", rec.author_bio));
        }
    }
    let src = &rec.source;
    for (key, got) in [
        ("publisher", &src.publisher),
        ("category", &src.category),
        ("original_language", &src.original_language),
        ("source_url", &src.url),
    ] {
        if let Some(want) = string(exp, key) {
            if opt(got) != norm(&want) {
                miss(key, format!("got {got:?}"));
            }
        }
    }
    if let Some(want) = string(exp, "date") {
        let got: String = rec.date.as_deref().unwrap_or("").chars().take(10).collect();
        if got != want {
            miss("date", format!("got {:?}", rec.date));
        }
    }
    let starts: Vec<String> = ["first_body_words", "first_body_words_alt"]
        .iter()
        .filter_map(|k| string(exp, k))
        .map(|s| norm(&s))
        .collect();
    if !starts.is_empty() && !starts.iter().any(|s| flat.starts_with(s.as_str())) {
        miss(
            "first_body_words",
            format!(
                "body starts {:?}",
                flat.chars().take(80).collect::<String>()
            ),
        );
    }
    if let Some(s) = string(exp, "last_body_words") {
        if !flat.ends_with(&norm(&s)) {
            let tail: String = flat
                .chars()
                .rev()
                .take(80)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            miss("last_body_words", format!("body ends {tail:?}"));
        }
    }
    if let Some(min) = exp.get("min_paragraphs").and_then(Value::as_integer) {
        let blocks = rec
            .body
            .split("\n\n")
            .filter(|b| !b.trim().is_empty())
            .count();
        if (blocks as i64) < min {
            miss("min_paragraphs", format!("{blocks} < {min}"));
        }
    }
    for tag in strings(exp, "tags_include") {
        if !rec.tags.contains(&tag) {
            miss("tags_include", format!("{tag:?} not in {:?}", rec.tags));
        }
    }
    for name in strings(exp, "not_authors") {
        if rec
            .authors
            .iter()
            .any(|a| norm(a).to_lowercase().contains(&norm(&name).to_lowercase()))
        {
            miss(
                "not_authors",
                format!("{name:?} taken for an author: {:?}", rec.authors),
            );
        }
    }
    for name in strings(exp, "tags") {
        if !rec.tags.contains(&scorer_slug(&name)) {
            miss(
                "tags",
                format!("{:?} not in {:?}", scorer_slug(&name), rec.tags),
            );
        }
    }
    for junk in strings(exp, "must_not_contain") {
        if flat.contains(&norm(&junk)) {
            miss("must_not_contain", format!("body contains {junk:?}"));
        }
    }
    if exp.get("title_not_in_body").and_then(Value::as_bool) == Some(true)
        && !title.is_empty()
        && flat.contains(&title)
    {
        miss("title_not_in_body", "title repeated in body".into());
    }
    for wanted in strings(exp, "body_contains") {
        if !rec.body.contains(&wanted) {
            miss("body_contains", format!("body lacks {wanted:?}"));
        }
    }
    misses
}
