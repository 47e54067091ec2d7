//! The `import` command end to end: files written, skipped inputs, exit
//! codes, --force, and the front matter the build reads.

use briefgen::import;

use import::command::{run, ImportArgs};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/dev")
        .join(name)
}

fn args(files: &[PathBuf], out: &Path) -> ImportArgs {
    ImportArgs {
        files: files.to_vec(),
        out: out.to_path_buf(),
        json: false,
        date: None,
        tags: Vec::new(),
        publisher: None,
        force: false,
        images: false,
        explain: false,
    }
}

/// Splits a content file into its parsed front matter and its body.
fn front_matter(content: &str) -> (toml::Table, String) {
    let rest = content
        .strip_prefix("+++\n")
        .expect("front matter opens with +++");
    let (front, body) = rest
        .split_once("+++\n")
        .expect("front matter closes with +++");
    (
        toml::from_str(front).expect("front matter is valid TOML"),
        body.to_string(),
    )
}

#[test]
fn writes_one_file_per_article_and_skips_the_rest() {
    let out = tempfile::tempdir().unwrap();
    let files = [
        fixture("byline-after-title.txt"),
        fixture("only-teasers.txt"),
        fixture("tags-line.txt"),
    ];
    let code = run(&args(&files, out.path()), Vec::new());
    assert_eq!(code, 1, "a skipped input makes the exit code 1");
    let mut written: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "russias-shadow-fleet-tests-the-baltic.md",
            "seouls-quiet-bet-on-maritime-drones.md"
        ]
    );

    let content =
        std::fs::read_to_string(out.path().join("seouls-quiet-bet-on-maritime-drones.md")).unwrap();
    let (front, body) = front_matter(&content);
    assert_eq!(
        front["title"].as_str(),
        Some("Seoul’s Quiet Bet on Maritime Drones")
    );
    assert_eq!(
        front["date"]
            .as_datetime()
            .map(|d| d.to_string())
            .as_deref(),
        Some("2024-03-03")
    );
    assert_eq!(
        front["authors"].as_array().unwrap()[0].as_str(),
        Some("Hana Kim")
    );
    assert!(front["author_bio"]
        .as_str()
        .unwrap()
        .starts_with("Hana Kim is a senior fellow"));
    let tags: Vec<&str> = front["tags"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t.as_str())
        .collect();
    assert!(
        tags.contains(&"South Korea") && tags.contains(&"Maritime Security"),
        "{tags:?}"
    );
    assert_eq!(front["source"]["category"].as_str(), Some("Analysis"));
    assert!(
        front["source"].get("url").is_none(),
        "unknown source fields are left out"
    );
    let keys: Vec<&String> = front.keys().collect();
    assert!(keys.iter().all(|k| [
        "title",
        "date",
        "authors",
        "author_bio",
        "tags",
        "summary",
        "review",
        "source"
    ]
    .contains(&k.as_str())));
    assert!(body.starts_with("\nSouth Korea’s navy has spent the past year"));
}

#[test]
fn never_overwrites_without_force_and_reimports_identically() {
    let out = tempfile::tempdir().unwrap();
    let files = [fixture("repeated-title.txt")];
    assert_eq!(run(&args(&files, out.path()), Vec::new()), 0);
    let target = out
        .path()
        .join("indias-neighbourhood-first-policy-meets-its-limits.md");
    let first = std::fs::read(&target).unwrap();

    std::fs::write(&target, "edited by hand").unwrap();
    assert_eq!(
        run(&args(&files, out.path()), Vec::new()),
        1,
        "an existing file is a failure"
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "edited by hand");

    let mut forced = args(&files, out.path());
    forced.force = true;
    assert_eq!(run(&forced, Vec::new()), 0);
    assert_eq!(
        std::fs::read(&target).unwrap(),
        first,
        "the same text gives the same bytes"
    );
}

#[test]
fn options_fill_what_the_text_does_not_say() {
    let out = tempfile::tempdir().unwrap();
    let mut a = args(&[fixture("standfirst-only.txt")], out.path());
    a.date = Some(import::parse_date_arg("2024-11-20").unwrap());
    a.publisher = Some("Steppe Review".into());
    a.tags = vec!["Central Asia".into(), "Hybrid Warfare".into()];
    let extra = vec![import::VocabEntry {
        name: "Hybrid Warfare".into(),
        aliases: vec!["grey-zone".into()],
    }];
    assert_eq!(run(&a, extra), 0);
    let file = std::fs::read_dir(out.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let (front, _) = front_matter(&std::fs::read_to_string(file).unwrap());
    assert_eq!(
        front["date"]
            .as_datetime()
            .map(|d| d.to_string())
            .as_deref(),
        Some("2024-11-20")
    );
    assert_eq!(front["source"]["publisher"].as_str(), Some("Steppe Review"));
    let tags: Vec<&str> = front["tags"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t.as_str())
        .collect();
    assert_eq!(tags[..2], ["Central Asia", "Hybrid Warfare"]);
    let review: Vec<&str> = front["review"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t.as_str())
        .collect();
    assert!(
        review.contains(&"title") && !review.contains(&"date"),
        "{review:?}"
    );
    assert!(front["summary"]
        .as_str()
        .unwrap()
        .starts_with("Mongolia’s “third neighbour” policy"));
}

#[test]
fn json_records_have_exactly_the_agreed_keys() {
    let text = std::fs::read_to_string(fixture("translation-korean.txt")).unwrap();
    let rec = import::import_text(&text, &import::ImportOptions::default()).unwrap();
    let json = serde_json::to_value(&rec).unwrap();
    let mut keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "author_bio",
            "authors",
            "body",
            "date",
            "review",
            "source",
            "summary",
            "tags",
            "title"
        ]
    );
    let mut source: Vec<&String> = json["source"].as_object().unwrap().keys().collect();
    source.sort();
    assert_eq!(
        source,
        ["category", "original_language", "publisher", "url"]
    );
    assert_eq!(json["date"], "2023-10-02");
    assert!(json["summary"].is_null() && json["source"]["url"].is_null());
}

#[test]
fn front_matter_strings_are_escaped() {
    let rec = import::ImportRecord {
        title: "Quotes \"inside\", a back\\slash and\na newline".into(),
        date: None,
        authors: vec![],
        author_bio: None,
        summary: Some("Tab\there".into()),
        tags: vec!["north-korea".into(), "dprk".into()],
        source: import::ImportSource::default(),
        review: vec!["date".into()],
        body: "Body.".into(),
    };
    let md = import::to_markdown(&rec, &import::Vocabulary::shipped());
    let (front, body) = front_matter(&md);
    assert_eq!(front["title"].as_str(), Some(rec.title.as_str()));
    assert_eq!(front["summary"].as_str(), Some("Tab\there"));
    assert_eq!(
        front["tags"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|t| t.as_str())
            .collect::<Vec<_>>(),
        ["North Korea", "DPRK"]
    );
    assert!(front.get("date").is_none() && front.get("source").is_none());
    assert_eq!(body, "\nBody.\n");
    assert_eq!(
        import::file_name(&rec),
        "quotes-inside-a-back-slash-and-a-newline.md"
    );
}
