//! Runs the HTML importer on every page in tests/fixtures/import-html/dev/
//! and checks each expectation the way shared/samples/check_import.py does;
//! then checks that the body keeps the page's structure.

mod common;

use briefgen::import::html::{read_input, HtmlInput, Web};
use briefgen::import::{ImportOptions, ImportRecord};
use common::scorer;
use std::path::{Path, PathBuf};
use toml::{Table, Value};

fn dev_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import-html/dev")
}

fn import(path: &Path) -> Result<ImportRecord, String> {
    read_input(
        &HtmlInput::File(path.to_path_buf()),
        &ImportOptions::default(),
        &Web::default(),
    )
    .map(|page| page.record)
    .map_err(|e| format!("{e:?}"))
}

/// Every expectation the record misses, as "key: message".
fn misses(rec: &ImportRecord, exp: &Table) -> Vec<String> {
    scorer::check(rec, exp)
        .into_iter()
        .map(|(key, msg)| format!("{key}: {msg}"))
        .collect()
}

#[test]
fn dev_pages_meet_their_expectations() {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dev_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    assert!(
        pages.len() >= 30,
        "at least 30 dev pages, found {}",
        pages.len()
    );
    let mut failures = Vec::new();
    for page in &pages {
        let name = page.file_stem().unwrap().to_string_lossy().to_string();
        let exp: Table =
            toml::from_str(&std::fs::read_to_string(page.with_extension("expected.toml")).unwrap())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        let result = import(page);
        if exp.get("not_an_article").and_then(Value::as_bool) == Some(true) {
            if let Ok(rec) = result {
                failures.push(format!("{name}: not an article, but got {:?}", rec.title));
            }
            continue;
        }
        match result {
            Ok(rec) => failures.extend(
                misses(&rec, &exp)
                    .into_iter()
                    .map(|m| format!("{name}: {m}")),
            ),
            Err(e) => failures.push(format!("{name}: no record: {e}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} misses:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_body_keeps_the_page_structure() {
    let table: &[(&str, &[&str])] = &[
        ("wordpress-baltic-cables.html", &[
            "## Why repair is the bottleneck",
            "- Finland and Estonia share four data links",
            "> A cable you can fix in two days is a nuisance",
            "[more to](https://northerncurrents.example/research/more-to/)",
            "Only *a* handful",
        ]),
        ("newsletter-eu-ai-procurement.html", &[
            "| Buyer | Clause adopted | Year |\n| --- | --- | --- |\n| Amsterdam | Audit rights | 2020 |",
            "[^1]: A longer version of this argument",
        ]),
        ("news-jsonld-arctic-search.html", &[
            "1. Long-range helicopters are concentrated",
            "![A harbour at dusk](https://www.harbourledger.example/images/arctic-search-1200.jpg)\n*Cranes at an outer harbour terminal.*",
        ]),
        ("thinktank-drupal-sahel-grain.html", &["[^1]", "[^1]: Author's interviews"]),
        ("journal-highwire-lithium-deal.html", &["[^1]: Holm, K. (2019)", "[^2]: Ortega"]),
    ];
    for (name, wanted) in table {
        let rec = import(&dev_dir().join(name)).unwrap();
        for want in *wanted {
            assert!(
                rec.body.contains(want),
                "{name}: body lacks {want:?}\n{}",
                rec.body
            );
        }
    }
}

#[test]
fn explain_names_the_source_of_each_field() {
    let page = read_input(
        &HtmlInput::File(dev_dir().join("wordpress-baltic-cables.html")),
        &ImportOptions::default(),
        &Web::default(),
    )
    .unwrap();
    let explain = page.explain.join("\n");
    for want in [
        "title: Undersea Cables Are the Baltic's Weakest Link [JSON-LD headline]",
        "authors: Maren Holt [JSON-LD author]",
        "date: 2024-11-14 [JSON-LD datePublished]",
        "publisher: Northern Currents [JSON-LD publisher]",
        "source.url: https://northerncurrents.example/2024/11/baltic-cables/ [canonical link]",
        "body: <div class=\"entry-content\">",
    ] {
        assert!(explain.contains(want), "{want:?} in\n{explain}");
    }
}

#[test]
fn conflicting_dates_and_titles_go_to_review() {
    for (name, field) in [
        ("news-dates-disagree.html", "date"),
        ("ghost-seo-title-differs.html", "title"),
    ] {
        let rec = import(&dev_dir().join(name)).unwrap();
        assert!(
            rec.review.iter().any(|r| r == field),
            "{name}: {:?}",
            rec.review
        );
    }
}

#[test]
fn deeply_nested_pages_import_or_are_refused_without_overflow() {
    let para = "<p>The harbour authority said that dredging, delayed twice by storms, would resume in spring, and that its cost had risen by a fifth since the plan was drawn up.</p>";
    let page = |depth: usize| {
        format!(
            "<html><body>{}{}{}</body></html>",
            "<div><section>".repeat(depth / 2),
            para.repeat(12),
            "</section></div>".repeat(depth / 2)
        )
    };
    let dir = tempfile::tempdir().unwrap();
    let shallow = dir.path().join("shallow.html");
    std::fs::write(&shallow, page(300)).unwrap();
    let rec = import(&shallow).expect("a page 300 levels deep imports");
    assert!(
        rec.body.starts_with("The harbour authority said"),
        "{}",
        rec.body
    );
    let deep = dir.path().join("deep.html");
    std::fs::write(&deep, page(4000)).unwrap();
    let err = import(&deep).expect_err("a page 4000 levels deep is refused");
    assert!(err.contains("levels deep"), "{err}");
}
