//! Runs the importer on every fixture in tests/fixtures/import/dev/ and checks
//! each expectation the way shared/samples/check_import.py does.
//!
//! Besides the scorer's keys (checked by `common::scorer`), one key is understood here
//! only: `encoding` ("windows-1252", "utf-16le", "utf-16be": the fixture text is encoded
//! so before it goes through `decode_input`).

mod common;

use briefgen::import;
use common::scorer::check;

use std::path::{Path, PathBuf};
use toml::{Table, Value};

/// Share of the dev checks that must pass.
const MIN_PASS_RATE: f64 = 0.93;

/// Fixtures that held every expectation before the dev set grew; they must keep doing so.
const MUST_PASS: &[&str] = &[
    "author-blocks-no-by",
    "byline-after-title",
    "first-appeared-in",
    "french-spanish-ui-no-byline",
    "german-ui-slash-date",
    "headings-and-lists",
    "japanese-ui-cjk-date",
    "one-long-line",
    "only-teasers",
    "original-url",
    "originally-published-by",
    "read-more-footer",
    "repeated-title",
    "several-authors",
    "standfirst-only",
    "tags-line",
    "translation-korean",
    "utf-16be",
    "utf-16le",
    "windows-1252",
];

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/dev")
}

/// Bytes of the fixture as the page would have been saved.
fn encode(text: &str, encoding: Option<&str>) -> Vec<u8> {
    match encoding {
        None | Some("utf-8") => text.as_bytes().to_vec(),
        Some("windows-1252") => {
            let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
            assert!(
                !unmappable,
                "fixture text must be representable in Windows-1252"
            );
            bytes.into_owned()
        }
        Some(utf16) => {
            let little = utf16 == "utf-16le";
            let mut out = if little {
                vec![0xFF, 0xFE]
            } else {
                vec![0xFE, 0xFF]
            };
            for unit in text.encode_utf16() {
                out.extend(if little {
                    unit.to_le_bytes()
                } else {
                    unit.to_be_bytes()
                });
            }
            out
        }
    }
}

#[test]
fn fixtures_meet_their_expectations() {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(fixture_dir())
        .expect("fixture folder exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.to_string_lossy().ends_with(".expected.toml"))
        .collect();
    paths.sort();
    assert!(
        paths.len() >= 133,
        "expected at least 133 dev fixtures, found {}",
        paths.len()
    );
    let mut failures = Vec::new();
    let (mut passed, mut failed) = (0, 0);
    for exp_path in &paths {
        let name = exp_path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace(".expected.toml", "");
        let exp: Table = toml::from_str(&std::fs::read_to_string(exp_path).unwrap())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let text = std::fs::read_to_string(exp_path.with_file_name(format!("{name}.txt"))).unwrap();
        let bytes = encode(&text, exp.get("encoding").and_then(Value::as_str));
        let decoded = match import::decode_input(&bytes) {
            Ok(d) => d,
            Err(e) => {
                failures.push(format!("{name}: decode: {e}"));
                failed += 1;
                continue;
            }
        };
        if decoded != text {
            failures.push(format!(
                "{name}: encoding: decoded text differs from the original"
            ));
        }
        let result = import::import_text(&decoded, &import::ImportOptions::default());
        if exp.get("not_an_article").and_then(Value::as_bool) == Some(true) {
            match result {
                Err(import::ImportError::NotAnArticle(_)) => passed += 1,
                Ok(rec) if rec.body.trim().is_empty() => passed += 1,
                other => {
                    failures.push(format!("{name}: not_an_article: got {other:?}"));
                    failed += 1;
                }
            }
            continue;
        }
        let rec = match result {
            Ok(rec) => rec,
            Err(e) => {
                failures.push(format!("{name}: no record: {e}"));
                failed += 1;
                continue;
            }
        };
        let misses = check(&rec, &exp);
        let mut keys: Vec<&str> = misses.iter().map(|(k, _)| k.as_str()).collect();
        keys.dedup();
        failed += keys.len();
        passed += exp.len() + 1 - keys.len().min(exp.len() + 1);
        failures.extend(misses.into_iter().map(|(k, m)| format!("{name}: {k}: {m}")));
    }
    println!("import fixtures: {passed} checks passed, {failed} failed");
    println!("{}", failures.join("\n"));
    // The dev part is what the importer is tuned on, and it is not perfect: the floor
    // records the level reached, so any change that loses ground fails here.
    let rate = passed as f64 / (passed + failed) as f64;
    assert!(
        rate >= MIN_PASS_RATE,
        "dev fixtures: {passed} passed, {failed} failed ({:.1}% < {:.1}%); misses:\n{}",
        100.0 * rate,
        100.0 * MIN_PASS_RATE,
        failures.join("\n")
    );
    for name in MUST_PASS {
        assert!(
            !failures.iter().any(|f| f.starts_with(&format!("{name}:"))),
            "{name} must meet every expectation:\n{}",
            failures.join("\n")
        );
    }
}

#[test]
fn explain_gives_every_line_a_role_and_evidence() {
    let text = std::fs::read_to_string(fixture_dir().join("byline-after-title.txt")).unwrap();
    let (rec, lines) =
        import::import_explained(&text, &import::ImportOptions::default()).expect("imports");
    let role = |needle: &str| {
        lines
            .iter()
            .find(|l| l.text.starts_with(needle))
            .map(|l| l.role)
            .unwrap_or_else(|| panic!("no line {needle:?}"))
    };
    assert_eq!(role("Seoul’s Quiet Bet"), "title");
    assert_eq!(role("By Hana Kim"), "byline");
    assert_eq!(role("Published 3 March"), "date");
    assert_eq!(role("South Korea’s navy has spent"), "body");
    assert_eq!(role("Related Articles"), "after the article");
    assert_eq!(role("Skip to main content"), "before the article");
    assert!(lines.iter().all(|l| !l.evidence.is_empty()));
    assert_eq!(rec.title, "Seoul’s Quiet Bet on Maritime Drones");
}

#[test]
fn prose_dropped_inside_the_body_is_flagged() {
    let para = |n: usize| {
        format!("Paragraph {n} of the article explains one more step of the argument in plain words, as articles do, and ends here.")
    };
    let text = format!(
        "A Headline for the Test\nBy Jane Doe\n3 March 2024\n\n{}\n\n{}\n\nWe found that readers who click here to support us rarely read the full report.\n\n{}\n\n{}\n",
        para(1),
        para(2),
        para(3),
        para(4)
    );
    let (rec, lines) =
        import::import_explained(&text, &import::ImportOptions::default()).expect("imports");
    let dropped = lines
        .iter()
        .find(|l| l.text.starts_with("We found that readers"))
        .expect("line is explained");
    assert_eq!(dropped.role, "dropped prose");
    assert!(rec.review.contains(&"body".to_string()), "{:?}", rec.review);
    assert!(rec.body.contains("Paragraph 4"));
}

#[test]
fn a_long_cjk_headline_is_a_headline_not_a_paragraph() {
    // UAX #29 counts each ideograph as a word: a 45-character headline must still be one.
    let headline =
        "東南アジア各国の送電網を国境を越えてつなぐ計画、閣僚会合で新たに三区間の建設開始に合意";
    let text = format!(
        "ログイン\n国際\n{headline}\n2024年6月3日 17時05分\n\n東南アジアの国々が送電網をつなぎ、余った電力を互いに融通する計画が前に進んでいる。先週開かれた閣僚会合では、新たに三つの区間で建設を始めることで合意した。\n\n水力発電の多い国は雨季に電力が余り、火力に頼る国は燃料費の高さに悩んでいる。送電網がつながれば、双方にとって利点があると期待されている。\n"
    );
    let rec = import::import_text(&text, &import::ImportOptions::default()).expect("imports");
    assert_eq!(rec.title, headline);
    assert!(rec.body.starts_with("東南アジアの国々が"), "{}", rec.body);
}
