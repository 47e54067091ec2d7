//! Languages beyond the bilingual example: a right-to-left site with its own translation file
//! (and `check` listing what it leaves in English), a foreign briefing on a one-language site,
//! and the errors of a language folder that disagrees with its files.

mod common;

use common::{attrs, texts, Fixture};

const BILINGUAL: &str = r#"
title = "Test Desk"
description = "A test archive"
base_url = "https://user.github.io/repo/"

[languages.ja]
title = "テスト・デスク"
"#;

#[test]
fn a_right_to_left_page_is_marked_rtl() {
    let f = Fixture::with_config(
        "title = \"مكتب\"\nbase_url = \"https://user.github.io/repo/\"\nlanguage = \"ar\"\n",
    );
    f.write(
        "i18n/ar.toml",
        "[language]\nname = \"العربية\"\n\n[strings]\npublished = \"نُشر\"\nbriefing_count = { zero = \"لا تقارير\", one = \"تقرير واحد\", two = \"تقريران\", few = \"{n} تقارير\", many = \"{n} تقريرًا\", other = \"{n} تقرير\" }\n",
    );
    f.article(
        "briefings/a.md",
        "title = \"تقرير\"\ndate = 2024-02-20\ntags = [\"x\"]",
        "نص التقرير.",
    );
    f.article(
        "briefings/b.md",
        "title = \"An English briefing\"\ndate = 2024-02-21\nlanguage = \"en\"",
        "English text.",
    );
    f.build(&[]);
    for page in ["index.html", "briefings/a/index.html", "tags/index.html"] {
        let doc = f.html(page);
        assert_eq!(attrs(&doc, "html", "lang"), ["ar"], "{page}");
        assert_eq!(attrs(&doc, "html", "dir"), ["rtl"], "{page}");
    }
    let doc = f.html("briefings/a/index.html");
    assert!(texts(&doc, ".article-meta span")[0].starts_with("نُشر "));
    assert_eq!(
        texts(&f.html("tags/x/index.html"), ".term-meta")[0],
        "تقرير واحد · Atom feed for x"
    );
    // A briefing in a left-to-right language on the same site reads left to right.
    let en = f.html("briefings/b/index.html");
    assert_eq!(attrs(&en, "html", "dir"), ["ltr"]);
    assert_eq!(attrs(&en, "html", "lang"), ["en"]);
    // `check` lists what the Arabic file leaves in English.
    let out = f.run(&["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let missing: Vec<&serde_json::Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "i18n-missing")
        .collect();
    assert_eq!(missing.len(), 1, "{report:#}");
    let message = missing[0]["message"].as_str().unwrap();
    assert!(message.contains("`ar`"), "{message}");
    let keys: Vec<&str> = message.rsplit_once(": ").unwrap().1.split(", ").collect();
    assert!(
        keys.contains(&"min_read") && keys.contains(&"archive"),
        "{message}"
    );
    assert!(!keys.contains(&"published") && !keys.contains(&"briefing_count"));
    assert_eq!(missing[0]["severity"], "warning");
    assert!(missing[0]["file"]
        .as_str()
        .unwrap()
        .ends_with("i18n/ar.toml"));
}

#[test]
fn a_monolingual_site_shows_a_foreign_briefing_in_its_own_language() {
    let f = Fixture::new();
    f.article(
        "briefings/en.md",
        "title = \"English\"\ndate = 2024-01-01\ntags = [\"Japan\"]",
        "Words.",
    );
    f.article(
        "briefings/ja.md",
        "title = \"日本語の記事\"\ndate = 2024-02-20\nlanguage = \"ja\"\ntranslation_of = \"en\"\ntags = [\"Japan\"]",
        "日本語の本文。",
    );
    f.build(&[]);
    let ja = f.html("briefings/ja/index.html");
    assert_eq!(attrs(&ja, "html", "lang"), ["ja"]);
    assert_eq!(texts(&ja, ".article-meta span")[0], "公開 2024年2月20日");
    // Published with the site's other briefings, listed in the site's language.
    let home = f.html("index.html");
    assert_eq!(attrs(&home, "html", "lang"), ["en"]);
    assert!(texts(&home, ".card-date").contains(&"20 February 2024".to_string()));
    assert!(!f.exists("ja/index.html"));
    assert_eq!(
        attrs(&ja, ".translations a", "href"),
        ["../../briefings/en/"]
    );
    assert_eq!(texts(&ja, ".translations a"), ["英語"]);
}

#[test]
fn language_folders_and_front_matter_must_agree() {
    let f = Fixture::with_config(BILINGUAL);
    f.article(
        "ja/briefings/x.md",
        "title = \"X\"\ndate = 2024-01-01\nlanguage = \"en\"",
        "Text.",
    );
    f.write("content/ja/_index.md", "+++\ntitle = \"ホーム\"\n+++\n");
    let stderr = f.build_fails();
    assert!(
        stderr.contains("content/ja/, the folder of another language"),
        "{stderr}"
    );
    assert!(
        stderr.contains("a language's home page takes no `_index.md`"),
        "{stderr}"
    );
    assert!(stderr.contains("ja/briefings/x.md:4"), "{stderr}");
}
