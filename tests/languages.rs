//! Languages beyond the bilingual example: a right-to-left site with its own translation file
//! (and `check` listing what it leaves in English), a foreign briefing on a one-language site,
//! the errors of a language folder that disagrees with its files, figures, charts, callouts and
//! PDF boxes in the page's language, a 404 page per language, and standalone pages paired by
//! `translation_of`.

mod common;

use common::files::{pdf, png};
use common::interface::{english_interface, english_shown};
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

/// A briefing with every kind of body furniture: two figures (one a chart), callouts of four
/// kinds, a data table and a report PDF.
fn furnished(f: &Fixture, dir: &str, front: &str, csv_header: &str, x: &str, words: &str) {
    f.write_bytes(&format!("content/{dir}/map.png"), &png(300, 150));
    f.write_bytes(&format!("content/{dir}/report.pdf"), &pdf(3));
    f.write(
        &format!("content/{dir}/spending.csv"),
        &format!("{csv_header}\n2021,1.0,2.6\n2022,1.1,2.7\n2023,1.3,2.8\n"),
    );
    let prefix = dir.strip_suffix("briefings/brief").unwrap_or("");
    f.write(
        &format!("content/{dir}/index.md"),
        &format!(
            "+++\n{front}\npdf = \"/{prefix}briefings/brief/report.pdf\"\n+++\n\n\
             > [!KEY-POINTS]\n> {words}\n\n\
             {words} @fig:map, @fig:spending.\n\n\
             {{{{ figure(src=\"map.png\", alt=\"{words}\", caption=\"{words}\", source=\"{words}\", id=\"map\") }}}}\n\n\
             {{{{ chart(data=\"spending.csv\", kind=\"bar\", x=\"{x}\", title=\"{words}\", unit=\"%\", id=\"spending\", source=\"{words}\") }}}}\n\n\
             {{{{ chart(data=\"spending.csv\", kind=\"line\", x=\"{x}\", title=\"{words}\") }}}}\n\n\
             > [!RECOMMENDATIONS]\n> 1. {words}\n\n> [!NOTE]\n> {words}\n\n> [!SUMMARY]\n> {words}\n"
        ),
    );
}

#[test]
fn figures_charts_callouts_and_the_pdf_box_speak_the_page_language() {
    let f = Fixture::with_config(&format!(
        "{BILINGUAL}\n[labels]\nshow_data = \"Reveal the numbers\"\n"
    ));
    furnished(
        &f,
        "briefings/brief",
        "title = \"Brief\"\ndate = 2024-05-01",
        "year,Japan,Korea",
        "year",
        "Words",
    );
    f.write(
        "content/ja/briefings/_index.md",
        "+++\ntitle = \"論考\"\n+++\n",
    );
    furnished(
        &f,
        "ja/briefings/brief",
        "title = \"概要\"\ndate = 2024-05-01",
        "年,日本,韓国",
        "年",
        "本文",
    );
    f.build(&[]);
    let ja_html = f.read("ja/briefings/brief/index.html");
    let ja = scraper::Html::parse_document(&ja_html);
    assert_eq!(
        texts(&ja, ".figure-label"),
        ["図1", "図2", "図3"],
        "numbered in Japanese"
    );
    assert_eq!(texts(&ja, "a.figure-ref"), ["図1", "図2"]);
    assert_eq!(texts(&ja, ".figure-source-label")[0], "出典：");
    assert_eq!(texts(&ja, ".chart-data summary")[0], "データを表示");
    assert_eq!(
        texts(&ja, ".callout-title"),
        ["要点", "提言", "注記", "要約"]
    );
    assert_eq!(texts(&ja, ".pdf-meta"), ["PDF、1 KB、3ページ"]);
    let desc = texts(&ja, "svg.chart-wide desc")[0].clone();
    assert!(
        desc.starts_with("年ごとの日本、韓国を示す棒グラフ"),
        "{desc}"
    );
    // No English interface string on it (the list holds every label: "Figure", "Source",
    // "Show data", "Download the data", "Key points", "Recommendations", "pages" …).
    let english = english_interface();
    for label in [
        "Show data",
        "Key points",
        "Recommendations",
        "Figure",
        "Source",
    ] {
        assert!(english.contains(label), "{label} not in the list");
    }
    let found = english_shown(&ja_html, &english, &["English"]);
    assert!(
        found.is_empty(),
        "the Japanese brief shows English: {found:#?}"
    );
    // The English version shows the English labels, and site.toml's [labels] override its
    // language only.
    let en = f.html("briefings/brief/index.html");
    assert_eq!(texts(&en, ".figure-label")[0], "Figure 1.");
    assert_eq!(texts(&en, ".chart-data summary")[0], "Reveal the numbers");
    assert_eq!(texts(&en, ".callout-title")[0], "Key points");
    assert_eq!(texts(&en, ".pdf-meta"), ["PDF, 1 KB, 3 pages"]);
    assert_eq!(
        attrs(&en, ".chart-data .table-wrap", "aria-label")[0],
        "Figure 2 data"
    );
    assert_eq!(
        attrs(&ja, ".chart-data .table-wrap", "aria-label")[0],
        "図2のデータ"
    );
}

#[test]
fn each_language_has_a_404_page_and_the_root_one_speaks_both() {
    let f = Fixture::with_config(BILINGUAL);
    f.article(
        "briefings/a.md",
        "title = \"A\"\ndate = 2024-01-01",
        "Text.",
    );
    f.article(
        "ja/briefings/b.md",
        "title = \"B\"\ndate = 2024-01-02",
        "本文。",
    );
    f.build(&[]);
    let ja = f.html("ja/404.html");
    assert_eq!(attrs(&ja, "html", "lang"), ["ja"]);
    assert_eq!(texts(&ja, "h1"), ["ページが見つかりません"]);
    assert_eq!(
        attrs(&ja, ".not-found-links a", "href")[0],
        "/repo/ja/",
        "served at any depth: links from the base path"
    );
    assert!(
        select_count(&ja, ".not-found-other") == 0,
        "monolingual in Japanese"
    );
    let english = english_interface();
    let found = english_shown(&f.read("ja/404.html"), &english, &["English"]);
    assert!(found.is_empty(), "{found:#?}");
    // GitHub Pages serves only the root 404.html, for every address: it also says it in
    // Japanese, with a link to the Japanese home, readable without a script.
    let root = f.html("404.html");
    assert_eq!(attrs(&root, "html", "lang"), ["en"]);
    assert_eq!(texts(&root, "h1"), ["Page not found"]);
    assert_eq!(attrs(&root, ".not-found-other", "lang"), ["ja"]);
    assert_eq!(
        texts(&root, ".not-found-other h2"),
        ["ページが見つかりません"]
    );
    assert_eq!(attrs(&root, ".not-found-other a", "href"), ["/repo/ja/"]);
    assert_eq!(attrs(&root, ".not-found-other a", "hreflang"), ["ja"]);
    // Neither is in the sitemap.
    assert!(!f.read("sitemap.xml").contains("404"));
}

fn select_count(doc: &scraper::Html, css: &str) -> usize {
    common::select(doc, css).len()
}

#[test]
fn standalone_pages_named_by_translation_of_are_linked_both_ways() {
    let f = Fixture::with_config(BILINGUAL);
    f.article(
        "briefings/a.md",
        "title = \"A\"\ndate = 2024-01-01",
        "Text.",
    );
    f.write(
        "content/methodology.md",
        "+++\ntitle = \"Methodology\"\n+++\n\nHow we work.\n",
    );
    f.write(
        "content/ja/houhou.md",
        "+++\ntitle = \"方法\"\ntranslation_of = \"methodology\"\n+++\n\n方法について。\n",
    );
    f.write(
        "content/ja/only-ja.md",
        "+++\ntitle = \"日本語のみ\"\n+++\n\n日本語だけ。\n",
    );
    f.build(&[]);
    let switch = |rel: &str| attrs(&f.html(rel), ".language-switcher a", "href");
    assert_eq!(switch("methodology/index.html"), ["../ja/houhou/"]);
    assert_eq!(switch("ja/houhou/index.html"), ["../../methodology/"]);
    // A page without a translation links to the other language's home.
    assert_eq!(switch("ja/only-ja/index.html"), ["../../"]);
    let hreflang = |rel: &str| attrs(&f.html(rel), "link[rel=alternate][hreflang]", "hreflang");
    assert_eq!(hreflang("methodology/index.html"), ["en", "ja"]);
    assert_eq!(hreflang("ja/houhou/index.html"), ["ja", "en"]);
    assert!(hreflang("ja/only-ja/index.html").is_empty());
}

#[test]
fn the_right_to_left_fixture_site_is_rtl_throughout_with_arabic_labels() {
    // tests/fixtures/rtl-site is also what the browser gates check mirrored (BENCHMARKS.md).
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rtl-site");
    let f = Fixture::with_config(&std::fs::read_to_string(source.join("site.toml")).unwrap());
    for file in common::walkdir(&source) {
        let rel = file
            .strip_prefix(&source)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        f.write_bytes(&rel, &std::fs::read(&file).unwrap());
    }
    f.build(&[]);
    for page in [
        "index.html",
        "briefings/water/index.html",
        "404.html",
        "tags/index.html",
    ] {
        let doc = f.html(page);
        assert_eq!(attrs(&doc, "html", "dir"), ["rtl"], "{page}");
        assert_eq!(attrs(&doc, "html", "lang"), ["ar"], "{page}");
    }
    let doc = f.html("briefings/water/index.html");
    assert_eq!(texts(&doc, ".callout-title")[0], "النقاط الرئيسية");
    assert_eq!(texts(&doc, ".figure-label"), ["الشكل 1.", "الشكل 2."]);
    assert_eq!(texts(&doc, ".chart-data summary"), ["عرض البيانات"]);
}
