//! What readers of a policy archive expect: series, author profiles, the date archive, related
//! briefings, citations and metadata — asserted on built fixture output.

mod common;

use common::{attrs, broken_links, select, texts, Fixture};

const CONFIG: &str = r#"
title = "Reader Desk"
description = "Reader features"
base_url = "https://user.github.io/repo/"
language = "en"
paginate_by = 5

[[taxonomies]]
name = "tags"
[[taxonomies]]
name = "authors"
[[taxonomies]]
name = "topics"
[[taxonomies]]
name = "regions"
[[taxonomies]]
name = "series"
ordered = true
"#;

fn archive() -> Fixture {
    let f = Fixture::with_config(CONFIG);
    let part = |n: u32, date: &str| {
        format!(
            "title = \"Axis part {n}\"\ndate = {date}\nauthors = [\"Mina Park\"]\ntags = [\"Russia\", \"North Korea\"]\ntopics = [\"Arms transfers\"]\nregions = [\"Northeast Asia\"]\nseries = [\"Moscow–Pyongyang axis\"]"
        )
    };
    f.article("briefings/axis-1.md", &part(1, "2023-09-14"), "First part.");
    f.article(
        "briefings/axis-2.md",
        &part(2, "2024-06-20"),
        "Second part.",
    );
    f.article("briefings/axis-3.md", &part(3, "2024-11-20"), "Third part.");
    f.article(
        "briefings/quad.md",
        "title = \"The Quad at sea\"\ndate = 2024-03-01\nauthors = [\"Tomás Ibarra\", \"Mina Park\"]\ntags = [\"Quad\"]\ntopics = [\"Maritime security\"]\nregions = [\"Indo-Pacific\"]\npdf = \"files/quad.pdf\"",
        "Maritime text.",
    );
    f.article(
        "briefings/sanctions.md",
        "title = \"Sanctions after the panel\"\ndate = 2024-04-02\nauthors = [\"Ana Ruiz\"]\ntags = [\"North Korea\", \"Sanctions\"]\ntopics = [\"Arms transfers\"]\nregions = [\"Northeast Asia\"]\n[source]\npublisher = \"Tokyo Forum\"\nurl = \"https://example.jp/x\"\noriginal_language = \"ja\"",
        "Translated text.",
    );
    f.article(
        "briefings/sanctions-ja.md",
        "title = \"パネル後の制裁\"\ndate = 2024-04-01\nauthors = [\"Ana Ruiz\"]\nlanguage = \"ja\"\ntags = [\"North Korea\"]",
        "日本語の本文。",
    );
    // Link the pair from the translation's side only: it must show on both.
    let t = std::fs::read_to_string(f.root().join("content/briefings/sanctions.md")).unwrap();
    f.write(
        "content/briefings/sanctions.md",
        &t.replacen(
            "date = 2024-04-02",
            "date = 2024-04-02\ntranslation_of = \"sanctions-ja\"",
            1,
        ),
    );
    f.write(
        "content/authors/mina-park.md",
        "+++\ntitle = \"Mina Park\"\naffiliation = \"Senior Fellow, Reader Desk\"\nlinks = [{ title = \"Profile\", url = \"https://example.org/mina\" }]\n+++\nMina Park writes about **Russia** and Korea.\n",
    );
    f.write("content/authors/lee-unpublished.md", "+++\ntitle = \"Lee Unpublished\"\naffiliation = \"Visiting Fellow\"\n+++\nNo briefings yet.\n");
    f
}

#[test]
fn series_parts_are_ordered_and_linked() {
    let f = archive();
    f.build(&[]);
    let series = f.html("series/moscow-pyongyang-axis/index.html");
    assert_eq!(
        texts(&series, ".term-list > li > a"),
        ["Axis part 1", "Axis part 2", "Axis part 3"],
        "oldest first"
    );
    let part2 = f.read("briefings/axis-2/index.html");
    assert!(part2.contains("Part 2 of 3"), "series position shown");
    let doc = f.html("briefings/axis-2/index.html");
    let links = attrs(&doc, "a", "href");
    assert!(
        links.contains(&"../../briefings/axis-1/".to_string()),
        "previous part linked"
    );
    assert!(
        links.contains(&"../../briefings/axis-3/".to_string()),
        "next part linked"
    );
    assert!(
        links.contains(&"../../series/moscow-pyongyang-axis/".to_string()),
        "series page linked"
    );
}

#[test]
fn author_pages_show_profiles_and_list_briefings() {
    let f = archive();
    f.build(&[]);
    let page = f.read("authors/mina-park/index.html");
    assert!(page.contains("Senior Fellow, Reader Desk"));
    assert!(
        page.contains("<strong>Russia</strong>"),
        "bio rendered from Markdown"
    );
    assert!(page.contains("https://example.org/mina"));
    let doc = f.html("authors/mina-park/index.html");
    assert_eq!(texts(&doc, "h1"), ["Mina Park"]);
    assert_eq!(texts(&doc, ".term-list > li > a").len(), 4);
    // A profile without briefings still has its page; the profile file has no page of its own.
    assert!(f
        .read("authors/lee-unpublished/index.html")
        .contains("Visiting Fellow"));
    // Bylines link to the author page.
    let article = f.html("briefings/quad/index.html");
    assert!(attrs(&article, "a", "href").contains(&"../../authors/mina-park/".to_string()));
}

#[test]
fn date_archive_has_years_and_months() {
    let f = archive();
    f.build(&[]);
    let index = f.html("archive/index.html");
    let years: Vec<String> = attrs(&index, "a", "href")
        .into_iter()
        .filter(|h| h.contains("archive/20"))
        .collect();
    assert!(
        years.iter().any(|h| h.ends_with("archive/2024/")),
        "{years:?}"
    );
    assert!(
        years.iter().any(|h| h.ends_with("archive/2023/")),
        "{years:?}"
    );
    let y2024 = f.read("archive/2024/index.html");
    for month in ["November", "June", "April", "March"] {
        assert!(y2024.contains(month), "{month} missing");
    }
    assert!(y2024.contains("Axis part 3") && y2024.contains("The Quad at sea"));
    assert!(
        !y2024.contains("Axis part 1"),
        "2023 briefing in the 2024 page"
    );
    assert!(
        broken_links(&f.out(), "/repo/").is_empty(),
        "{:#?}",
        broken_links(&f.out(), "/repo/")
    );
}

#[test]
fn related_briefings_rank_shared_terms_deterministically() {
    let f = archive();
    f.build(&[]);
    let page = f.html("briefings/axis-3/index.html");
    let related: Vec<String> = attrs(&page, "a", "href")
        .into_iter()
        .filter(|h| h.starts_with("../../briefings/") && !h.contains("axis-3"))
        .collect();
    assert!(
        related.contains(&"../../briefings/axis-2/".to_string()),
        "{related:?}"
    );
    assert!(
        related.contains(&"../../briefings/sanctions/".to_string()),
        "{related:?}"
    );
    // Same input, same output.
    let first = f.read("briefings/axis-3/index.html");
    f.build(&[]);
    assert_eq!(first, f.read("briefings/axis-3/index.html"));
}

#[test]
fn citations_metadata_and_json_ld() {
    let f = archive();
    f.build(&[]);
    let doc = f.html("briefings/quad/index.html");
    let html = f.read("briefings/quad/index.html");
    assert!(html.contains("Ibarra, T., &amp; Park, M. (2024, March 1). The Quad at sea. Reader Desk. https://user.github.io/repo/briefings/quad/"), "APA");
    assert!(html.contains("Ibarra, Tomás, and Mina Park. \u{201c}The Quad at sea.\u{201d} Reader Desk, March 1, 2024."), "Chicago");
    assert!(html.contains("@misc{ibarra2024quad"), "BibTeX");
    let meta = |name: &str| attrs(&doc, &format!("meta[name='{name}']"), "content");
    let prop = |name: &str| attrs(&doc, &format!("meta[property='{name}']"), "content");
    assert_eq!(meta("citation_title"), ["The Quad at sea"]);
    assert_eq!(meta("citation_author"), ["Tomás Ibarra", "Mina Park"]);
    assert_eq!(meta("citation_publication_date"), ["2024/03/01"]);
    assert_eq!(
        meta("citation_pdf_url"),
        ["https://user.github.io/repo/files/quad.pdf"]
    );
    assert_eq!(
        prop("og:url"),
        ["https://user.github.io/repo/briefings/quad/"]
    );
    assert_eq!(prop("og:type"), ["article"]);
    assert_eq!(
        attrs(&doc, "link[rel=canonical]", "href"),
        ["https://user.github.io/repo/briefings/quad/"]
    );
    assert!(!meta("twitter:card").is_empty());

    let scripts = select(&doc, "script[type='application/ld+json']");
    assert_eq!(scripts.len(), 1);
    let ld: serde_json::Value =
        serde_json::from_str(&scripts[0].text().collect::<String>()).expect("JSON-LD parses");
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["headline"], "The Quad at sea");
    assert_eq!(ld["author"][1]["name"], "Mina Park");
    assert_eq!(
        ld["author"][1]["affiliation"]["name"],
        "Senior Fellow, Reader Desk"
    );
    assert_eq!(ld["publisher"]["name"], "Reader Desk");
    assert_eq!(ld["inLanguage"], "en");
    assert!(ld["datePublished"]
        .as_str()
        .unwrap()
        .starts_with("2024-03-01"));

    let series = f.html("briefings/axis-1/index.html");
    let ld: serde_json::Value = serde_json::from_str(
        &select(&series, "script[type='application/ld+json']")[0]
            .text()
            .collect::<String>(),
    )
    .unwrap();
    assert_eq!(ld["isPartOf"]["name"], "Moscow–Pyongyang axis");
}

#[test]
fn translations_link_both_ways_with_hreflang() {
    let f = archive();
    f.build(&[]);
    let en = f.html("briefings/sanctions/index.html");
    let ja = f.html("briefings/sanctions-ja/index.html");
    let hreflangs = |doc: &scraper::Html| {
        select(doc, "link[rel=alternate][hreflang]")
            .iter()
            .map(|e| {
                (
                    e.value().attr("hreflang").unwrap().to_string(),
                    e.value().attr("href").unwrap().to_string(),
                )
            })
            .collect::<Vec<_>>()
    };
    let en_links = hreflangs(&en);
    assert!(
        en_links.contains(&(
            "ja".into(),
            "https://user.github.io/repo/briefings/sanctions-ja/".into()
        )),
        "{en_links:?}"
    );
    let ja_links = hreflangs(&ja);
    assert!(
        ja_links.contains(&(
            "en".into(),
            "https://user.github.io/repo/briefings/sanctions/".into()
        )),
        "{ja_links:?}"
    );
    let ld: serde_json::Value = serde_json::from_str(
        &select(&en, "script[type='application/ld+json']")[0]
            .text()
            .collect::<String>(),
    )
    .unwrap();
    assert_eq!(ld["translationOfWork"]["inLanguage"], "ja");
    assert_eq!(ld["translationOfWork"]["url"], "https://example.jp/x");
    let ld_ja: serde_json::Value = serde_json::from_str(
        &select(&ja, "script[type='application/ld+json']")[0]
            .text()
            .collect::<String>(),
    )
    .unwrap();
    assert_eq!(ld_ja["inLanguage"], "ja");
}

#[test]
fn hostile_strings_stay_inert_in_json_ld_and_citations() {
    let f = Fixture::with_config(CONFIG);
    f.article(
        "briefings/x.md",
        "title = \"</script><script>alert(1)</script>\"\ndate = 2024-01-01\nauthors = [\"<b>Evil</b> Person\"]",
        "x",
    );
    f.build(&[]);
    let html = f.read("briefings/x/index.html");
    assert!(!html.contains("<script>alert(1)"), "raw script in output");
    let doc = f.html("briefings/x/index.html");
    let ld: serde_json::Value = serde_json::from_str(
        &select(&doc, "script[type='application/ld+json']")[0]
            .text()
            .collect::<String>(),
    )
    .unwrap();
    assert_eq!(ld["headline"], "</script><script>alert(1)</script>");
}
