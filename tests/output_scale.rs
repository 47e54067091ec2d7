//! What keeps a large archive's output publishable: the sitemap split under an index past its
//! URL limit, summaries in term feeds, and the output's size in the build's summary.

mod common;

use std::collections::BTreeSet;

use common::Fixture;

const ATOM: &str = "http://www.w3.org/2005/Atom";
const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// Nine dated briefings with tags and authors: 9 articles, 1 home, 1 section, archive and years,
/// taxonomy lists and terms, about 25 URLs.
fn archive(extra_config: &str) -> Fixture {
    let f = Fixture::with_config(&format!("{}\n{extra_config}\n", common::SITE_TOML));
    for i in 1..=9 {
        f.article(
            &format!("briefings/brief-{i}.md"),
            &format!(
                "title = \"Brief {i}\"\ndate = 202{}-0{i}-10\nsummary = \"Summary of brief {i}.\"\nauthors = [\"Ana Ruiz\"]\ntags = [\"Sanctions\", \"Tag {}\"]",
                i % 3,
                i % 4
            ),
            &format!("Opening of brief {i}.\n\n## Background\n\nThe whole body of brief {i}."),
        );
    }
    f
}

fn locs(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).expect("sitemap parses");
    doc.descendants()
        .filter(|n| n.has_tag_name((SITEMAP, "loc")))
        .map(|n| n.text().unwrap().to_string())
        .collect()
}

#[test]
fn sitemap_becomes_an_index_of_parts_past_max_urls() {
    let whole = archive("");
    whole.build(&[]);
    let all = locs(&whole.read("sitemap.xml"));
    assert!(all.len() > 20, "{}", all.len());
    assert!(!whole.exists("sitemap-1.xml"), "one file holds them all");

    let split = archive("[sitemap]\nmax_urls = 8");
    split.build(&[]);
    let index_text = split.read("sitemap.xml");
    let index = roxmltree::Document::parse(&index_text).unwrap();
    assert!(index.root_element().has_tag_name((SITEMAP, "sitemapindex")));
    let parts = locs(&index_text);
    assert_eq!(parts.len(), all.len().div_ceil(8));
    let mut listed = Vec::new();
    for (k, part) in parts.iter().enumerate() {
        let file = format!("sitemap-{}.xml", k + 1);
        assert_eq!(part, &format!("https://user.github.io/repo/{file}"));
        let text = split.read(&file);
        let doc = roxmltree::Document::parse(&text).unwrap();
        assert!(doc.root_element().has_tag_name((SITEMAP, "urlset")));
        let urls = locs(&text);
        assert!(
            !urls.is_empty() && urls.len() <= 8,
            "{file}: {}",
            urls.len()
        );
        listed.extend(urls);
    }
    assert!(!split.exists(&format!("sitemap-{}.xml", parts.len() + 1)));
    // Every URL once, the same URLs as the single file.
    assert_eq!(listed.len(), all.len());
    assert_eq!(
        listed.iter().collect::<BTreeSet<_>>(),
        all.iter().collect::<BTreeSet<_>>()
    );
    // The part holding the articles carries their latest date.
    let dated: Vec<_> = index
        .descendants()
        .filter(|n| n.has_tag_name((SITEMAP, "lastmod")))
        .map(|n| n.text().unwrap())
        .collect();
    assert!(dated.contains(&"2022-08-10"), "{dated:?}");
    assert!(split
        .read("robots.txt")
        .contains("Sitemap: https://user.github.io/repo/sitemap.xml"));
}

#[test]
fn sitemap_max_urls_out_of_range_is_a_config_error() {
    for bad in ["0", "50001"] {
        let f = archive(&format!("[sitemap]\nmax_urls = {bad}"));
        let stderr = f.build_fails();
        assert!(stderr.contains("max_urls"), "{stderr}");
        assert!(stderr.contains("between 1 and 50000"), "{stderr}");
        assert!(stderr.contains("site.toml"), "{stderr}");
    }
}

/// Entry titles of a feed, and how many entries carry a `<content>` and a `<summary>`.
fn entries(xml: &str) -> (Vec<String>, usize, usize) {
    let doc = roxmltree::Document::parse(xml).expect("feed parses");
    let entries: Vec<_> = doc
        .root_element()
        .children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .collect();
    let child = |e: &roxmltree::Node, name| e.children().any(|c| c.has_tag_name((ATOM, name)));
    let titles = entries
        .iter()
        .map(|e| {
            e.children()
                .find(|c| c.has_tag_name((ATOM, "title")))
                .unwrap()
                .text()
                .unwrap()
                .to_string()
        })
        .collect();
    let content = entries.iter().filter(|e| child(e, "content")).count();
    let summary = entries.iter().filter(|e| child(e, "summary")).count();
    (titles, content, summary)
}

#[test]
fn term_feeds_carry_summaries_and_the_site_feed_full_content() {
    let f = archive("");
    f.build(&[]);
    let (site_titles, site_content, _) = entries(&f.read("atom.xml"));
    assert_eq!(site_titles.len(), 9);
    assert_eq!(site_content, 9, "the site feed keeps whole bodies");
    assert!(f.read("atom.xml").contains("The whole body of brief"));

    let tag = f.read("tags/sanctions/atom.xml");
    let (titles, content, summary) = entries(&tag);
    assert_eq!(titles.len(), 9, "every briefing, as before");
    assert_eq!(content, 0);
    assert_eq!(summary, 9);
    assert!(tag.contains("Summary of brief 9."));
    assert!(!tag.contains("The whole body of brief"));
    let (_, author_content, _) = entries(&f.read("authors/ana-ruiz/atom.xml"));
    assert_eq!(author_content, 0);

    let full = archive("[feed]\nterms_full_content = true");
    full.build(&[]);
    let (_, content, _) = entries(&full.read("tags/sanctions/atom.xml"));
    assert_eq!(content, 9);

    let lean = archive("[feed]\nfull_content = false");
    lean.build(&[]);
    let (_, content, _) = entries(&lean.read("atom.xml"));
    assert_eq!(
        content, 0,
        "full_content = false makes the site feed summaries too"
    );
}

#[test]
fn feeds_are_capped_at_the_limit() {
    let f = archive("[feed]\nlimit = 4");
    f.build(&[]);
    let (titles, _, _) = entries(&f.read("atom.xml"));
    assert_eq!(titles, ["Brief 8", "Brief 5", "Brief 2", "Brief 7"]);
    let (tag, _, _) = entries(&f.read("tags/sanctions/atom.xml"));
    assert_eq!(tag.len(), 4);
}

#[test]
fn build_summary_gives_the_output_size_and_file_count() {
    let f = archive("");
    let out = f.build(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let files = common::walkdir(&f.out()).len();
    let bytes: u64 = common::walkdir(&f.out())
        .iter()
        .map(|p| std::fs::metadata(p).unwrap().len())
        .sum();
    let expected = format!("{:.1} MB in {files} files", bytes as f64 / 1e6);
    assert!(stderr.contains(&expected), "{expected} in:\n{stderr}");
    assert!(
        !stderr.contains("output-size"),
        "no warning for a small site"
    );
}
