//! `[output]`: what pages leave out by default so a large archive stays small (compact term
//! listings, one home page, related cards without summaries, copy buttons made by the script),
//! and the keys that give each back.

mod common;

use common::{attrs, select, texts, Fixture};

/// Five dated briefings by one author, all tagged "Sanctions"; `paginate_by = 2` (SITE_TOML).
fn archive(extra_config: &str) -> Fixture {
    let f = Fixture::with_config(&format!("{}\n{extra_config}\n", common::SITE_TOML));
    for i in 1..=5 {
        f.article(
            &format!("briefings/brief-{i}.md"),
            &format!(
                "title = \"Brief {i}\"\ndate = 2024-0{i}-10\nsummary = \"Summary of brief {i}.\"\nauthors = [\"Ana Ruiz\", \"Bo Lin\"]\ntags = [\"Sanctions\"]"
            ),
            &format!("Opening of brief {i}, on sanctions.\n\n## Background\n\nMore of brief {i}."),
        );
    }
    f
}

#[test]
fn term_pages_list_compact_entries_by_default() {
    let f = archive("");
    f.build(&[]);
    let doc = f.html("tags/sanctions/index.html");
    // All five on one page (compact pages hold 100), newest first, without cards.
    assert_eq!(
        texts(&doc, ".term-list > li > a"),
        ["Brief 5", "Brief 4", "Brief 3", "Brief 2", "Brief 1"]
    );
    assert_eq!(
        attrs(&doc, ".term-list > li > time", "datetime")[0],
        "2024-05-10"
    );
    assert_eq!(texts(&doc, ".term-list-by")[0], "Ana Ruiz and Bo Lin");
    assert!(select(&doc, "article.card").is_empty());
    assert!(!f.exists("tags/sanctions/page/2/index.html"));
}

#[test]
fn term_listing_cards_and_term_paginate_by_give_cards_back() {
    let f = archive("[output]\nterm_listing = \"cards\"");
    f.build(&[]);
    let doc = f.html("tags/sanctions/index.html");
    // Cards with summaries, paginated like the other listings (paginate_by = 2).
    assert_eq!(texts(&doc, "article.card .card-summary").len(), 2);
    assert!(select(&doc, ".term-list").is_empty());
    assert!(f.exists("tags/sanctions/page/3/index.html"));

    let f = archive("[output]\nterm_paginate_by = 3");
    f.build(&[]);
    assert_eq!(
        texts(&f.html("tags/sanctions/index.html"), ".term-list > li > a").len(),
        3
    );
    assert!(f.exists("tags/sanctions/page/2/index.html"));
}

#[test]
fn term_paginate_by_zero_is_a_config_error() {
    let f = archive("[output]\nterm_paginate_by = 0");
    let err = f.build_fails();
    assert!(err.contains("term_paginate_by"), "{err}");
    assert!(err.contains("site.toml"), "{err}");
}

#[test]
fn home_shows_one_page_and_links_the_archive_unless_paginated() {
    let f = archive("");
    f.build(&[]);
    let doc = f.html("index.html");
    assert_eq!(texts(&doc, "article.card .card-title").len(), 2);
    assert_eq!(attrs(&doc, ".listing-more a", "href"), ["./archive/"]);
    assert!(select(&doc, "nav.pagination").is_empty());
    assert!(!f.exists("page/2/index.html"));
    // The section listing still pages through every briefing.
    assert!(f.exists("briefings/page/3/index.html"));

    let f = archive("[output]\nhome_pagination = true");
    f.build(&[]);
    assert!(f.exists("page/3/index.html"));
    let doc = f.html("index.html");
    assert!(select(&doc, ".listing-more").is_empty());
    assert_eq!(select(&doc, "nav.pagination").len(), 1);
}

#[test]
fn related_cards_show_summaries_only_when_asked() {
    let f = archive("");
    f.build(&[]);
    let doc = f.html("briefings/brief-3/index.html");
    assert!(!select(&doc, ".related-list > li").is_empty());
    assert!(select(&doc, ".related-summary").is_empty());

    let f = archive("[output]\nrelated_summaries = true");
    f.build(&[]);
    let doc = f.html("briefings/brief-3/index.html");
    let summaries = texts(&doc, ".related-summary");
    assert!(!summaries.is_empty());
    assert!(
        summaries[0].starts_with("Summary of brief"),
        "{summaries:?}"
    );
}

#[test]
fn citations_carry_copy_labels_and_the_script_makes_the_buttons() {
    let f = archive("");
    f.build(&[]);
    let doc = f.html("briefings/brief-3/index.html");
    assert!(select(&doc, "button.copy-button").is_empty());
    assert_eq!(
        attrs(&doc, ".cite-text[id]", "data-copy-label"),
        ["APA citation", "Chicago citation", "BibTeX entry"]
    );
    assert_eq!(attrs(&doc, ".copy-status", "data-copy"), ["Copy"]);
    let js = f.read("briefgen.js");
    assert!(js.contains(".cite-text[id][data-copy-label]"));
}
