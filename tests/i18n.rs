//! Multilingual sites: a bilingual fixture (English and Japanese) built with the binary, checked
//! page by page: no English interface on Japanese pages, Japanese dates and reading time,
//! `lang` and `hreflang`, per-language feeds, sitemap and search, the language switcher both
//! ways; and a right-to-left site.

mod common;

use std::collections::BTreeSet;

use common::interface::{contains_word, english_interface, english_shown, reader_text};
use common::{attrs, broken_links, select, texts, Fixture};

const BILINGUAL: &str = r#"
title = "Test Desk"
description = "A test archive"
base_url = "https://user.github.io/repo/"
paginate_by = 5

[[taxonomies]]
name = "tags"

[[taxonomies]]
name = "authors"

[[taxonomies]]
name = "series"
ordered = true

[languages.ja]
title = "テスト・デスク"
description = "テスト用のアーカイブ"
"#;

/// English and Japanese briefings: `alpha` in both languages, `gamma` in English only, `beta`
/// in Japanese only (the second part of a series), and an About page in each.
fn bilingual() -> Fixture {
    let f = Fixture::with_config(BILINGUAL);
    f.article(
        "briefings/alpha.md",
        "title = \"Alpha: a briefing\"\ndate = 2024-02-20\nupdated = 2024-03-01\nauthors = [\"Ana Ruiz\", \"Ben Ko\"]\ntags = [\"Japan\"]\nseries = [\"Axis\"]\n[source]\npublisher = \"Some Institute\"\ncategory = \"Commentaries\"",
        &format!(
            "## First part\n\n{}\n\n## Second part\n\nMore words here.",
            "Words of the briefing. ".repeat(200)
        ),
    );
    f.article(
        "briefings/gamma.md",
        "title = \"Gamma, in English only\"\ndate = 2023-05-02\ntags = [\"Japan\"]",
        "An English briefing with no translation.",
    );
    f.article(
        "ja/briefings/alpha.md",
        "title = \"アルファ――日本語版\"\ndate = 2024-02-20\nupdated = 2024-03-01\nauthors = [\"Ana Ruiz\", \"Ben Ko\"]\ntags = [\"日本\"]\nseries = [\"枢軸\"]\n[source]\noriginal_language = \"en\"\npublisher = \"ある研究所\"",
        &format!(
            "## 第一部\n\n{}\n\n## 第二部\n\nさらに本文が続く。",
            "日本語の本文がここに続きます。".repeat(120)
        ),
    );
    f.write(
        "content/ja/briefings/_index.md",
        "+++\ntitle = \"論考\"\n+++\n",
    );
    f.article(
        "ja/briefings/beta.md",
        "title = \"ベータ\"\ndate = 2024-04-05\nauthors = [\"Ben Ko\"]\ntags = [\"日本\"]\nseries = [\"枢軸\"]",
        "日本語だけの記事。",
    );
    f.write(
        "content/about.md",
        "+++\ntitle = \"About\"\n+++\n\nAbout the desk.\n",
    );
    f.write(
        "content/ja/about.md",
        "+++\ntitle = \"概要\"\n+++\n\nデスクについて。\n",
    );
    f.build(&[]);
    f
}

#[test]
fn japanese_pages_carry_no_english_interface_string() {
    let f = bilingual();
    let english = english_interface();
    assert!(english.len() > 100, "{} pieces", english.len());
    for must in [
        "Published",
        "min read",
        "Contents",
        "Search briefings",
        "Also available in",
    ] {
        assert!(english.contains(must), "{must} not in the list");
    }
    // The list is what English pages print: the English version of the briefing shows them.
    let en = reader_text(&f.read("briefings/alpha/index.html"));
    for shown in [
        "Published",
        "min read",
        "Contents",
        "Cite this briefing",
        "By",
    ] {
        assert!(contains_word(&en, shown), "English page lacks {shown}");
    }
    let ja_pages: Vec<String> = walk(&f.out().join("ja"));
    assert!(ja_pages.len() >= 15, "{ja_pages:?}");
    for page in &ja_pages {
        let html = std::fs::read_to_string(f.out().join("ja").join(page)).unwrap();
        // The only English on a Japanese page is the switcher's link to the English version,
        // written in English on purpose (lang="en"), and the authors' names.
        let found = english_shown(&html, &english, &["English", "Ana Ruiz", "Ben Ko"]);
        assert!(found.is_empty(), "ja/{page} shows English: {found:#?}");
    }
}

fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            let rel = entry.path().strip_prefix(dir).unwrap();
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    out.sort();
    out
}

#[test]
fn japanese_dates_reading_time_and_citations() {
    let f = bilingual();
    let doc = f.html("ja/briefings/alpha/index.html");
    let meta = texts(&doc, ".article-meta span");
    assert_eq!(meta[0], "公開 2024年2月20日");
    assert_eq!(meta[1], "更新 2024年3月1日");
    assert!(
        meta[2].starts_with('約') && meta[2].ends_with("分で読めます"),
        "{meta:?}"
    );
    let minutes: usize = meta[2]
        .trim_start_matches('約')
        .trim_end_matches("分で読めます")
        .parse()
        .unwrap();
    assert!(minutes >= 2, "{minutes}");
    assert_eq!(
        texts(&doc, ".byline"),
        ["筆者：Ana Ruiz、Ben Ko"],
        "the names are joined the Japanese way"
    );
    assert_eq!(texts(&doc, ".toc-title"), ["目次"]);
    assert_eq!(texts(&doc, ".cite-heading"), ["この記事を引用する"]);
    let apa = texts(&doc, "#cite-apa")[0].clone();
    assert!(apa.contains("2024年2月20日"), "{apa}");
    let chicago = texts(&doc, "#cite-chicago")[0].clone();
    assert!(chicago.contains("「アルファ――日本語版」"), "{chicago}");
    assert_eq!(texts(&doc, ".source-note .source-flag"), ["翻訳"]);
    assert!(texts(&doc, ".source-note")[0].contains("英語からの翻訳です。"));
    let series = texts(&doc, ".series-box-title")[0].clone();
    assert!(series.contains("全2回中の第1回"), "{series}");
    // The Japanese home and archive use the same forms.
    let home = f.html("ja/index.html");
    assert!(texts(&home, ".card-date").contains(&"2024年4月5日".to_string()));
    let archive = f.html("ja/archive/2024/index.html");
    assert_eq!(texts(&archive, ".archive-date"), ["4月5日", "2月20日"]);
    assert_eq!(
        texts(&archive, ".archive-month-title"),
        ["4月 1件", "2月 1件"]
    );
    // The English version keeps English forms.
    let en = f.html("briefings/alpha/index.html");
    assert_eq!(
        texts(&en, ".article-meta span")[0],
        "Published 20 February 2024"
    );
    assert_eq!(texts(&en, ".byline"), ["By Ana Ruiz and Ben Ko"]);
}

#[test]
fn lang_hreflang_locale_and_json_ld() {
    let f = bilingual();
    let ja = f.html("ja/briefings/alpha/index.html");
    let en = f.html("briefings/alpha/index.html");
    assert_eq!(attrs(&ja, "html", "lang"), ["ja"]);
    assert_eq!(attrs(&ja, "html", "dir"), ["ltr"]);
    assert_eq!(attrs(&en, "html", "lang"), ["en"]);
    let alternates = |doc: &scraper::Html| {
        select(doc, "link[rel=alternate][hreflang]")
            .iter()
            .map(|e| {
                format!(
                    "{} {}",
                    e.value().attr("hreflang").unwrap(),
                    e.value().attr("href").unwrap()
                )
            })
            .collect::<Vec<_>>()
    };
    let pair = [
        "https://user.github.io/repo/briefings/alpha/",
        "https://user.github.io/repo/ja/briefings/alpha/",
    ];
    assert_eq!(
        alternates(&en),
        [format!("en {}", pair[0]), format!("ja {}", pair[1])]
    );
    assert_eq!(
        alternates(&ja),
        [format!("ja {}", pair[1]), format!("en {}", pair[0])]
    );
    assert_eq!(
        attrs(&ja, "meta[property='og:locale']", "content"),
        ["ja_JP"]
    );
    assert_eq!(
        attrs(&ja, "meta[property='og:locale:alternate']", "content"),
        ["en_US"]
    );
    let json_ld = select(&ja, "script[type='application/ld+json']")[0]
        .text()
        .collect::<String>();
    let value: serde_json::Value = serde_json::from_str(&json_ld).unwrap();
    assert_eq!(value["inLanguage"], "ja");
    // Listing pages have counterparts too: the two homes point at each other.
    assert_eq!(
        alternates(&f.html("ja/index.html")),
        [
            "ja https://user.github.io/repo/ja/",
            "en https://user.github.io/repo/"
        ]
    );
    // A page with no translation has no hreflang alternates.
    assert!(alternates(&f.html("briefings/gamma/index.html")).is_empty());
}

#[test]
fn the_language_switcher_links_both_ways() {
    let f = bilingual();
    let switcher = |rel: &str| {
        let doc = f.html(rel);
        let links = attrs(&doc, ".language-switcher a", "href");
        let current = texts(&doc, ".language-switcher [aria-current]");
        (links, current)
    };
    // A translation exists: each version links to the other.
    assert_eq!(
        switcher("briefings/alpha/index.html"),
        (
            vec!["../../ja/briefings/alpha/".to_string()],
            vec!["English".to_string()]
        )
    );
    assert_eq!(
        switcher("ja/briefings/alpha/index.html"),
        (
            vec!["../../../briefings/alpha/".to_string()],
            vec!["日本語".to_string()]
        )
    );
    // No translation: the other language's home.
    assert_eq!(switcher("briefings/gamma/index.html").0, ["../../ja/"]);
    assert_eq!(switcher("ja/briefings/beta/index.html").0, ["../../../"]);
    // Pages every language has: the same page in the other language.
    assert_eq!(switcher("index.html").0, ["./ja/"]);
    assert_eq!(switcher("ja/tags/index.html").0, ["../../tags/"]);
    assert_eq!(switcher("ja/archive/index.html").0, ["../../archive/"]);
    assert_eq!(switcher("search/index.html").0, ["../ja/search/"]);
    // Standalone pages at the same path in both languages are translations, both ways.
    assert_eq!(switcher("about/index.html").0, ["../ja/about/"]);
    assert_eq!(switcher("ja/about/index.html").0, ["../../about/"]);
    let hreflang = |rel: &str| {
        let doc = f.html(rel);
        let link = "link[rel=alternate][hreflang]";
        let (langs, hrefs) = (attrs(&doc, link, "hreflang"), attrs(&doc, link, "href"));
        langs.into_iter().zip(hrefs).collect::<Vec<_>>()
    };
    let (en, ja) = (
        (
            "en".to_string(),
            "https://user.github.io/repo/about/".to_string(),
        ),
        (
            "ja".to_string(),
            "https://user.github.io/repo/ja/about/".to_string(),
        ),
    );
    assert_eq!(hreflang("about/index.html"), [en.clone(), ja.clone()]);
    assert_eq!(hreflang("ja/about/index.html"), [ja, en]);
    let doc = f.html("ja/briefings/alpha/index.html");
    assert_eq!(attrs(&doc, ".language-switcher a", "lang"), ["en"]);
    assert_eq!(
        attrs(&doc, ".language-switcher a", "title"),
        ["このページを英語で読む"]
    );
    assert_eq!(attrs(&doc, ".language-switcher", "aria-label"), ["言語"]);
    let broken = broken_links(&f.out(), "/repo/");
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn each_language_has_its_own_listings_taxonomies_and_navigation() {
    let f = bilingual();
    let home = f.html("ja/index.html");
    assert_eq!(texts(&home, "h1"), ["最新の記事"]);
    assert_eq!(
        texts(&home, ".card-title"),
        ["ベータ", "アルファ――日本語版"],
        "only Japanese briefings"
    );
    assert_eq!(texts(&home, ".site-title"), ["テスト・デスク"]);
    let nav = texts(&home, ".site-nav a");
    assert_eq!(
        nav,
        ["記事一覧", "アーカイブ", "タグ", "筆者", "連載", "概要"]
    );
    assert_eq!(
        attrs(&home, ".site-nav a", "href")[..2],
        ["../ja/".to_string(), "../ja/archive/".to_string()]
    );
    let en_home = f.html("index.html");
    assert_eq!(
        texts(&en_home, ".card-title"),
        ["Alpha: a briefing", "Gamma, in English only"]
    );
    assert_eq!(
        texts(&en_home, ".site-nav a"),
        ["Briefings", "Archive", "Tags", "Authors", "Series", "About"]
    );
    // Taxonomies per language, with the language's terms.
    assert!(f.exists("ja/tags/ri-ben/index.html"));
    assert!(!f.exists("ja/tags/japan/index.html"));
    assert!(f.exists("tags/japan/index.html"));
    let term = f.html("ja/tags/ri-ben/index.html");
    assert_eq!(texts(&term, "h1"), ["タグ：日本"]);
    assert_eq!(texts(&term, ".term-meta")[0], "2件 · Atomフィード（日本）");
    // Term pages list compactly (the default `[output] term_listing`).
    let series = f.html("ja/series/shu-zhou/index.html");
    assert_eq!(
        texts(&series, ".term-list > li > a"),
        ["アルファ――日本語版", "ベータ"]
    );
    // The English author page lists English briefings only.
    let ben = f.html("authors/ben-ko/index.html");
    assert_eq!(texts(&ben, ".term-list > li > a"), ["Alpha: a briefing"]);
    let ben_ja = f.html("ja/authors/ben-ko/index.html");
    assert_eq!(texts(&ben_ja, ".term-list > li > a").len(), 2);
    // Standalone pages stay in their language's navigation.
    assert_eq!(
        attrs(&f.html("ja/about/index.html"), "html", "lang"),
        ["ja"]
    );
}

#[test]
fn feeds_and_sitemap_per_language() {
    let f = bilingual();
    let feed = f.read("ja/atom.xml");
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let root = doc.root_element();
    assert_eq!(
        root.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
        Some("ja")
    );
    let ids: Vec<&str> = root
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .map(|e| {
            e.children()
                .find(|c| c.has_tag_name("id"))
                .unwrap()
                .text()
                .unwrap()
        })
        .collect();
    assert_eq!(
        ids,
        [
            "https://user.github.io/repo/ja/briefings/beta/",
            "https://user.github.io/repo/ja/briefings/alpha/"
        ]
    );
    let title = root
        .children()
        .find(|c| c.has_tag_name("title"))
        .unwrap()
        .text();
    assert_eq!(title, Some("テスト・デスク"));
    let self_link = root
        .children()
        .find(|c| c.has_tag_name("link") && c.attribute("rel") == Some("self"))
        .unwrap();
    assert_eq!(
        self_link.attribute("href"),
        Some("https://user.github.io/repo/ja/atom.xml")
    );
    let en_feed = f.read("atom.xml");
    assert!(!en_feed.contains("/ja/"), "{en_feed}");
    assert!(f
        .read("ja/tags/ri-ben/atom.xml")
        .contains("ja/briefings/alpha/"));
    // One sitemap for every language, each translated page with its alternates.
    let sitemap = f.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let xhtml = "http://www.w3.org/1999/xhtml";
    let urls: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("url"))
        .collect();
    let loc = |u: &roxmltree::Node| {
        u.children()
            .find(|c| c.has_tag_name("loc"))
            .unwrap()
            .text()
            .unwrap()
            .to_string()
    };
    let locs: Vec<String> = urls.iter().map(loc).collect();
    let unique: BTreeSet<&String> = locs.iter().collect();
    assert_eq!(unique.len(), locs.len(), "each URL once");
    for must in [
        "https://user.github.io/repo/ja/",
        "https://user.github.io/repo/ja/briefings/beta/",
        "https://user.github.io/repo/ja/about/",
        "https://user.github.io/repo/briefings/gamma/",
    ] {
        assert!(locs.iter().any(|l| l == must), "{must} missing");
    }
    let alternates_of = |target: &str| {
        let url = urls.iter().find(|u| loc(u) == target).unwrap();
        url.children()
            .filter(|c| c.has_tag_name((xhtml, "link")))
            .map(|l| {
                format!(
                    "{} {}",
                    l.attribute("hreflang").unwrap(),
                    l.attribute("href").unwrap()
                )
            })
            .collect::<Vec<_>>()
    };
    let pair = [
        "en https://user.github.io/repo/briefings/alpha/",
        "ja https://user.github.io/repo/ja/briefings/alpha/",
    ];
    assert_eq!(
        alternates_of("https://user.github.io/repo/briefings/alpha/"),
        pair
    );
    assert_eq!(
        alternates_of("https://user.github.io/repo/ja/briefings/alpha/"),
        [pair[1], pair[0]]
    );
    assert!(alternates_of("https://user.github.io/repo/briefings/gamma/").is_empty());
    // Standalone pages in both languages are alternates too.
    assert_eq!(
        alternates_of("https://user.github.io/repo/ja/about/"),
        [
            "ja https://user.github.io/repo/ja/about/",
            "en https://user.github.io/repo/about/"
        ]
    );
    // Every loc is a page the build wrote.
    for l in &locs {
        let rel = l.strip_prefix("https://user.github.io/repo/").unwrap();
        assert!(f.exists(&format!("{rel}index.html")), "{l}");
    }
}

#[test]
fn search_is_limited_to_the_page_language() {
    let f = bilingual();
    let manifest = |rel: &str| {
        let text = f.read(rel);
        let json = text
            .split_once('(')
            .and_then(|(_, rest)| rest.rsplit_once(')'))
            .map(|(inside, _)| inside.to_string())
            .unwrap();
        serde_json::from_str::<serde_json::Value>(&json).unwrap()
    };
    assert_eq!(manifest("search/index.js")["docs"], 2);
    assert_eq!(manifest("ja/search/index.js")["docs"], 2);
    assert_eq!(manifest("ja/search/index.js")["language"], "ja");
    assert!(f.exists("ja/search/search.js"));
    let page = f.html("ja/search/index.html");
    assert_eq!(
        attrs(&page, "script[src]", "src")
            .into_iter()
            .filter(|s| s.contains("search.js"))
            .collect::<Vec<_>>(),
        ["../../ja/search/search.js"]
    );
    assert_eq!(
        attrs(&page, "form.search-form", "action"),
        ["../../ja/search/"]
    );
    let strings = select(&page, "script[data-search-strings]")[0]
        .text()
        .collect::<String>();
    let strings: serde_json::Value = serde_json::from_str(&strings).unwrap();
    assert_eq!(strings["loading"], "検索インデックスを読み込んでいます…");
    // Japanese has no plural forms: one string.
    assert_eq!(
        strings["found"],
        "{what}{n}件の記事が見つかりました{shown}。"
    );
    let en = f.html("search/index.html");
    let strings = select(&en, "script[data-search-strings]")[0]
        .text()
        .collect::<String>();
    let strings: serde_json::Value = serde_json::from_str(&strings).unwrap();
    assert_eq!(strings["found"]["one"], "{n} briefing found{what}{shown}.");
}
