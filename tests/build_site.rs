//! Builds fixture sites and checks the output as a reader, a browser and a feed reader see it.

mod common;

use common::{attrs, broken_links, texts, Fixture};

/// Card listings paged throughout: the home page continues over `page/2/` and term pages show
/// cards (`[output]`; the defaults are tested in output_options.rs).
fn paged_config() -> String {
    format!(
        "{}\n[output]\nhome_pagination = true\nterm_listing = \"cards\"\n",
        common::SITE_TOML
    )
}

/// Five dated briefings across two sections, with tags, authors and regions; card listings,
/// paged throughout.
fn archive() -> Fixture {
    let f = Fixture::with_config(&paged_config());
    f.write(
        "content/briefings/_index.md",
        "+++\ntitle = \"Briefings\"\ndescription = \"All briefings\"\n+++\nIntro to the section.\n",
    );
    for i in 1..=5 {
        let tags = if i % 2 == 0 {
            r#"["North Korea", "Sanctions"]"#
        } else {
            r#"["north korea", "Japan"]"#
        };
        f.article(
            &format!("briefings/brief-{i}.md"),
            &format!(
                "title = \"Brief number {i}\"\ndate = 2024-0{i}-10\nauthors = [\"Ana Ruiz\", \"ana ruiz\", \"Ben Ko\"]\ntags = {tags}\nregions = [\"Northeast Asia\"]"
            ),
            &format!("First paragraph of brief {i}.\n\n## Background\n\nText.\n\n## Outlook\n\nMore [text](@/briefings/brief-1.md#background)."),
        );
    }
    f.article(
        "analysis/deep-dive.md",
        "title = \"Deep dive\"\ndate = \"20 November 2024\"\ntags = [\"North-Korea\"]",
        "Body of the deep dive.",
    );
    f.write(
        "content/about.md",
        "+++\ntitle = \"About\"\n+++\nWho we are.\n",
    );
    f.write("static/img/logo.png", "not really a png");
    f
}

#[test]
fn builds_every_page_of_an_archive() {
    let f = archive();
    let out = f.build(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Built 6 briefings"), "{stderr}");
    for rel in [
        "index.html",
        "page/2/index.html",
        "page/3/index.html",
        "briefings/brief-1/index.html",
        "briefings/index.html",
        "briefings/page/2/index.html",
        "analysis/deep-dive/index.html",
        "about/index.html",
        "tags/index.html",
        "tags/north-korea/index.html",
        "tags/north-korea/page/3/index.html",
        "tags/north-korea/atom.xml",
        "authors/ana-ruiz/index.html",
        "regions/northeast-asia/index.html",
        "404.html",
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
        ".nojekyll",
        "syntax.css",
        "style.css",
        "img/logo.png",
    ] {
        assert!(f.exists(rel), "missing {rel}");
    }
    assert!(!f.exists("page/4/index.html"));
}

#[test]
fn home_is_newest_first_and_paginated_with_rel_links() {
    let f = archive();
    f.build(&[]);
    let home = f.html("index.html");
    let titles = texts(&home, "main h2 a");
    assert_eq!(titles, ["Deep dive", "Brief number 5"], "paginate_by = 2");
    assert_eq!(attrs(&home, "link[rel=next]", "href"), ["./page/2/"]);
    assert!(attrs(&home, "link[rel=prev]", "href").is_empty());
    let p2 = f.html("page/2/index.html");
    assert_eq!(
        texts(&p2, "main h2 a"),
        ["Brief number 4", "Brief number 3"]
    );
    assert_eq!(attrs(&p2, "link[rel=prev]", "href"), ["../../"]);
    assert_eq!(attrs(&p2, "link[rel=next]", "href"), ["../../page/3/"]);
}

#[test]
fn numbered_pagination_shows_first_last_and_two_either_side() {
    let f = Fixture::with_config(&paged_config());
    for i in 1..=24 {
        f.article(
            &format!("briefings/b{i}.md"),
            &format!("title = \"B{i}\"\ndate = 2024-01-{i:02}"),
            "Text.",
        );
    }
    f.build(&[]);
    // 24 briefings, two per page: 12 pages. The theme numbers the current page ± 2, and marks
    // a gap where page current ± 3 would be.
    let nav = |rel: &str| {
        let doc = f.html(rel);
        let numbers: Vec<String> = texts(&doc, "nav.pagination li")
            .iter()
            .map(|t| t.replace("Page ", "").trim().to_string())
            .filter(|t| !t.contains("Previous") && !t.contains("Next"))
            .collect();
        // The accessible name: the visible number, spelled out in the page's language.
        let current = attrs(&doc, "nav.pagination a[aria-current=page]", "aria-label");
        (numbers.join(" "), current)
    };
    assert_eq!(
        nav("index.html"),
        ("1 2 3 … 12".to_string(), vec!["Page 1".to_string()])
    );
    assert_eq!(
        nav("page/6/index.html"),
        ("1 … 4 5 6 7 8 … 12".to_string(), vec!["Page 6".to_string()])
    );
    assert_eq!(nav("page/4/index.html").0, "1 2 3 4 5 6 … 12");
    assert_eq!(nav("page/12/index.html").0, "1 … 10 11 12");
}

#[test]
fn article_page_has_one_h1_linked_bylines_tags_toc_and_neighbours() {
    let f = archive();
    f.build(&[]);
    let doc = f.html("briefings/brief-3/index.html");
    assert_eq!(texts(&doc, "h1"), ["Brief number 3"]);
    let author_links = attrs(&doc, "article a[href*='authors/']", "href");
    assert!(
        author_links.contains(&"../../authors/ana-ruiz/".to_string()),
        "{author_links:?}"
    );
    // "Ana Ruiz" and "ana ruiz" are one author.
    assert_eq!(
        author_links
            .iter()
            .filter(|h| h.contains("ana-ruiz"))
            .count(),
        1,
        "{author_links:?}"
    );
    let tag_links = attrs(&doc, "a[href*='tags/']", "href");
    assert!(
        tag_links.contains(&"../../tags/north-korea/".to_string()),
        "{tag_links:?}"
    );
    assert!(attrs(&doc, "a[href*='regions/']", "href")
        .contains(&"../../regions/northeast-asia/".to_string()));
    let toc = attrs(&doc, "nav a[href^='#']", "href");
    assert!(
        toc.contains(&"#background".into()) && toc.contains(&"#outlook".into()),
        "{toc:?}"
    );
    assert_eq!(attrs(&doc, "h2#background", "id"), ["background"]);
    // `@/` links resolve to the target page.
    assert!(attrs(&doc, ".prose a", "href")
        .contains(&"../../briefings/brief-1/#background".to_string()));
    let all = attrs(&doc, "a", "href");
    assert!(
        all.contains(&"../../briefings/brief-2/".to_string()),
        "older neighbour: {all:?}"
    );
    assert!(
        all.contains(&"../../briefings/brief-4/".to_string()),
        "newer neighbour: {all:?}"
    );
    assert_eq!(
        texts(&doc, "time").first().map(String::as_str),
        Some("10 March 2024")
    );
}

#[test]
fn tag_spellings_are_one_term_with_pages_and_counts() {
    let f = archive();
    f.build(&[]);
    let list = f.html("tags/index.html");
    let terms = texts(&list, "main li a");
    assert!(
        terms
            .iter()
            .any(|t| t.starts_with("north korea") || t.starts_with("North Korea")),
        "{terms:?}"
    );
    assert_eq!(
        terms
            .iter()
            .filter(|t| t.to_lowercase().contains("north"))
            .count(),
        1,
        "{terms:?}"
    );
    let term = f.html("tags/north-korea/index.html");
    assert_eq!(texts(&term, "main h2 a").len(), 2);
    // 6 briefings carry the tag: 3 pages of 2.
    assert!(f.exists("tags/north-korea/page/3/index.html"));
    assert!(!f.exists("tags/north-korea/page/4/index.html"));
    let author = f.html("authors/ben-ko/index.html");
    assert_eq!(texts(&author, "h1"), ["Ben Ko"]);
}

#[test]
fn standalone_pages_are_not_briefings() {
    let f = archive();
    f.build(&[]);
    let home = f.read("index.html");
    assert!(home.contains("href=\"./about/\""), "about is in the nav");
    let feed = f.read("atom.xml");
    assert!(!feed.contains("/about/"));
    let section = f.html("briefings/index.html");
    assert_eq!(texts(&section, "h1"), ["Briefings"]);
    assert!(f
        .read("briefings/index.html")
        .contains("Intro to the section."));
}

#[test]
fn no_internal_link_is_broken_or_escapes_the_sub_path() {
    let f = archive();
    f.build(&[]);
    let broken = broken_links(&f.out(), "/repo/");
    assert!(broken.is_empty(), "{broken:#?}");
    // 404.html is served at any depth, so its links are absolute under the sub-path.
    let nf = f.html("404.html");
    let hrefs = attrs(&nf, "a[href]", "href");
    assert!(
        hrefs
            .iter()
            .filter(|h| !h.contains("://") && !h.starts_with('#'))
            .all(|h| h.starts_with("/repo/")),
        "{hrefs:?}"
    );
}

#[test]
fn base_url_flag_overrides_config_everywhere() {
    let f = archive();
    f.build(&["--base-url", "https://example.github.io/briefs"]);
    let doc = f.html("briefings/brief-1/index.html");
    assert_eq!(
        attrs(&doc, "link[rel=canonical]", "href"),
        ["https://example.github.io/briefs/briefings/brief-1/"]
    );
    assert!(broken_links(&f.out(), "/briefs/").is_empty());
    assert!(f
        .read("robots.txt")
        .contains("Sitemap: https://example.github.io/briefs/sitemap.xml"));
}

#[test]
fn atom_feeds_and_sitemap_are_valid_xml_with_the_right_entries() {
    let f = archive();
    f.build(&[]);
    let feed_text = f.read("atom.xml");
    let feed = roxmltree::Document::parse(&feed_text).expect("atom.xml parses");
    let ns = "http://www.w3.org/2005/Atom";
    let root = feed.root_element();
    assert_eq!(root.tag_name().namespace(), Some(ns));
    for required in ["id", "title", "updated", "author"] {
        assert!(
            root.children().any(|c| c.has_tag_name((ns, required))),
            "feed lacks {required}"
        );
    }
    let entries: Vec<_> = root
        .children()
        .filter(|c| c.has_tag_name((ns, "entry")))
        .collect();
    assert_eq!(entries.len(), 6);
    let first_title = entries[0]
        .children()
        .find(|c| c.has_tag_name((ns, "title")))
        .unwrap()
        .text();
    assert_eq!(first_title, Some("Deep dive"));
    for e in &entries {
        for required in ["id", "title", "updated", "link", "author"] {
            assert!(
                e.children().any(|c| c.has_tag_name((ns, required))),
                "entry lacks {required}"
            );
        }
        let id = e
            .children()
            .find(|c| c.has_tag_name((ns, "id")))
            .unwrap()
            .text()
            .unwrap();
        assert!(id.starts_with("https://user.github.io/repo/"), "{id}");
    }
    let content = entries[1]
        .children()
        .find(|c| c.has_tag_name((ns, "content")))
        .unwrap();
    assert!(content.text().unwrap().contains("<h2 id=\"background\">"));
    assert_eq!(
        content.attribute(("http://www.w3.org/XML/1998/namespace", "base")),
        Some("https://user.github.io/repo/briefings/brief-5/")
    );

    let tag_feed = f.read("tags/sanctions/atom.xml");
    let tag_feed = roxmltree::Document::parse(&tag_feed).expect("tag feed parses");
    let n = tag_feed
        .root_element()
        .children()
        .filter(|c| c.has_tag_name((ns, "entry")))
        .count();
    assert_eq!(n, 2);

    let sitemap_text = f.read("sitemap.xml");
    let sitemap = roxmltree::Document::parse(&sitemap_text).expect("sitemap parses");
    let locs: Vec<&str> = sitemap
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(locs.contains(&"https://user.github.io/repo/briefings/brief-1/"));
    assert!(locs.contains(&"https://user.github.io/repo/tags/north-korea/"));
    assert!(locs
        .iter()
        .all(|l| l.starts_with("https://user.github.io/repo/")));
    for loc in locs {
        let rel = loc.strip_prefix("https://user.github.io/repo/").unwrap();
        assert!(
            f.exists(&format!("{rel}index.html")),
            "sitemap lists missing page {loc}"
        );
    }
}

#[test]
fn hostile_front_matter_is_escaped_everywhere() {
    // Bodies of this site are trusted, so its raw HTML is published as written.
    let f = Fixture::with_config(&format!(
        "{}\n[markdown]\nraw_html = \"trusted\"\n",
        common::SITE_TOML
    ));
    f.article(
        "briefings/x.md",
        r#"title = "<script>alert(1)</script> & \"quotes\""
date = 2024-01-01
summary = "\"><svg onload=alert(1)>"
authors = ["<img src=x onerror=alert(1)>"]
tags = ["<b>bold</b>"]
[source]
publisher = "<i>Pub</i>"
url = "https://example.org/?a=1&b=\"2\""
category = "<script>c</script>""#,
        "Body with <em>trusted</em> raw HTML.",
    );
    f.build(&[]);
    for rel in [
        "index.html",
        "briefings/x/index.html",
        "tags/index.html",
        "authors/index.html",
    ] {
        let text = f.read(rel);
        assert!(!text.contains("<script>alert"), "{rel} has raw script");
        assert!(!text.contains("<svg onload"), "{rel} has raw svg");
        assert!(!text.contains("<img src=x"), "{rel} has raw img");
        assert!(!text.contains("<i>Pub</i>"), "{rel} has raw publisher");
    }
    let page = f.read("briefings/x/index.html");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        page.contains("Body with <em>trusted</em> raw HTML."),
        "this site trusts its bodies"
    );
    let doc = f.html("briefings/x/index.html");
    assert_eq!(
        texts(&doc, "h1"),
        ["<script>alert(1)</script> & \"quotes\""]
    );
    let feed = f.read("atom.xml");
    roxmltree::Document::parse(&feed).expect("feed still parses");
    assert!(!feed.contains("<script>"));
}

#[test]
fn yaml_front_matter_bom_and_crlf_build_like_toml() {
    let f = Fixture::new();
    f.write(
        "content/briefings/y.md",
        "---\ntitle: \"From YAML\"\ndate: 2023-05-06\ntags: [Sanctions]\nsource:\n  publisher: Some Forum\n---\nYAML body.\n",
    );
    f.write_bytes("content/briefings/z.md", b"\xEF\xBB\xBF+++\r\ntitle = \"Windows file\"\r\ndate = \"November 20, 2024\"\r\n+++\r\n\r\nCRLF body.\r\n");
    f.build(&[]);
    let y = f.html("briefings/y/index.html");
    assert_eq!(texts(&y, "h1"), ["From YAML"]);
    assert!(f.read("briefings/y/index.html").contains("Some Forum"));
    assert!(f.exists("tags/sanctions/index.html"));
    let z = f.html("briefings/z/index.html");
    assert_eq!(texts(&z, "h1"), ["Windows file"]);
    assert!(f
        .read("briefings/z/index.html")
        .contains("datetime=\"2024-11-20\""));
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let f = Fixture::new();
    f.article(
        "briefings/pub.md",
        "title = \"Published\"\ndate = 2024-01-01",
        "x",
    );
    f.article(
        "briefings/wip.md",
        "title = \"Work in progress\"\ndate = 2024-02-01\ndraft = true\ntags = [\"Secret\"]",
        "y",
    );
    f.build(&[]);
    assert!(!f.exists("briefings/wip/index.html"));
    assert!(!f.exists("tags/secret/index.html"));
    assert!(!f.read("atom.xml").contains("Work in progress"));
    f.build(&["--drafts"]);
    assert!(f.exists("briefings/wip/index.html"));
    assert!(f.exists("tags/secret/index.html"));
}

#[test]
fn slugs_come_from_front_matter_then_file_name_then_title() {
    let f = Fixture::new();
    f.article(
        "briefings/File Name.md",
        "title = \"T1\"\ndate = 2024-01-01",
        "x",
    );
    f.article(
        "briefings/b.md",
        "title = \"T2\"\ndate = 2024-01-01\nslug = \"custom-slug\"",
        "x",
    );
    f.article(
        "briefings/bundle/index.md",
        "title = \"T3\"\ndate = 2024-01-01",
        "![chart](chart.png)",
    );
    // A real image: images are decoded and resized, and a damaged one is an error.
    let mut png = std::io::Cursor::new(Vec::new());
    image::DynamicImage::new_rgb8(8, 4)
        .write_to(&mut png, image::ImageFormat::Png)
        .unwrap();
    f.write_bytes("content/briefings/bundle/chart.png", png.get_ref());
    f.article(
        "briefings/北朝鮮.md",
        "title = \"北朝鮮の核\"\ndate = 2024-01-01",
        "x",
    );
    f.build(&[]);
    assert!(f.exists("briefings/file-name/index.html"));
    assert!(f.exists("briefings/custom-slug/index.html"));
    assert!(f.exists("briefings/bundle/index.html"));
    assert!(f.exists("briefings/bundle/chart.png"));
    assert!(f.exists("briefings/bei-zhao-xian/index.html"));
    assert!(broken_links(&f.out(), "/repo/").is_empty());
}

#[test]
fn summary_from_front_matter_or_first_paragraph_and_reading_time() {
    let f = Fixture::new();
    f.article(
        "briefings/a.md",
        "title = \"A\"\ndate = 2024-01-02\nsummary = \"Written summary.\"",
        "Body para.",
    );
    let long = "word ".repeat(900);
    f.article(
        "briefings/b.md",
        "title = \"B\"\ndate = 2024-01-01",
        &format!("## Heading\n\nAuto *summary* here.\n\n{long}"),
    );
    f.build(&[]);
    let home = f.read("index.html");
    assert!(home.contains("Written summary."));
    assert!(home.contains("Auto summary here."));
    let b = f.read("briefings/b/index.html");
    assert!(b.contains("5 min read"), "903 words at 220 wpm");
}

#[test]
fn code_blocks_are_highlighted_with_classes_and_a_stylesheet() {
    let f = Fixture::new();
    f.article(
        "briefings/c.md",
        "title = \"C\"\ndate = 2024-01-01",
        "```json\n{\"vessel\": \"X\", \"tonnes\": 3}\n```\n",
    );
    f.build(&[]);
    let page = f.read("briefings/c/index.html");
    assert!(page.contains("class=\"hl-"), "{page}");
    let css = f.read("syntax.css");
    assert!(css.contains(".hl-"), "syntax.css has class rules");
}

#[test]
fn unknown_highlight_theme_is_an_error_naming_the_key() {
    let f = Fixture::with_config(&format!(
        "highlight_theme = \"Nope\"\n{}",
        common::SITE_TOML
    ));
    f.article("briefings/a.md", "title = \"A\"\ndate = 2024-01-01", "x");
    let err = f.build_fails();
    assert!(err.contains("unknown highlight_theme `Nope`"), "{err}");
    assert!(err.contains("site.toml:"), "{err}");
}

#[test]
fn the_bundled_example_site_builds_under_a_sub_path_without_broken_links() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_briefgen"))
        .args([
            "build",
            "--quiet",
            "--base-url",
            "https://example.github.io/briefs/",
            "--root",
        ])
        .arg(env!("CARGO_MANIFEST_DIR"))
        .arg("--output")
        .arg(&target)
        .status()
        .unwrap();
    assert!(status.success());
    let broken = broken_links(&target, "/briefs/");
    assert!(broken.is_empty(), "{broken:#?}");
    let home =
        scraper::Html::parse_document(&std::fs::read_to_string(target.join("index.html")).unwrap());
    assert!(texts(&home, "main h2 a").len() >= 5, "home lists briefings");
    // The draft stays out of a normal build.
    let all = common::walkdir(&target);
    assert!(all.len() > 50, "{} files", all.len());
    let html: String = all
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert!(!html.contains("is-draft"), "a draft was published");
    // Every page has exactly one h1.
    for p in all
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
    {
        let doc = scraper::Html::parse_document(&std::fs::read_to_string(p).unwrap());
        assert_eq!(common::select(&doc, "h1").len(), 1, "{}", p.display());
    }
    // The Japanese half shows no English interface string: figures, charts, callouts and the
    // PDF box of its munitions brief included. The English on it is the switcher's name of
    // English and authors' names.
    assert!(target
        .join("ja/briefings/munitions-gap/index.html")
        .exists());
    let english = common::interface::english_interface();
    let names = [
        "English",
        "Eleanor Whitcombe",
        "Kenji Morimoto",
        "Hana Kurosawa",
    ];
    for p in all
        .iter()
        .filter(|p| p.starts_with(target.join("ja")) && p.extension().is_some_and(|e| e == "html"))
    {
        let html = std::fs::read_to_string(p).unwrap();
        let found = common::interface::english_shown(&html, &english, &names);
        assert!(
            found.is_empty(),
            "{} shows English: {found:#?}",
            p.display()
        );
    }
}

#[test]
fn an_overridden_card_partial_is_used_by_every_listing_with_each_page_s_root() {
    let f = archive();
    f.write(
        "templates/partials/card.html",
        "<article class=\"card\"><a class=\"mine\" href=\"{{ root }}{{ a.path }}\">{{ a.title }} in {{ site.title }}</a></article>",
    );
    f.write(
        "templates/partials/related_card.html",
        "<li class=\"rel\"><a href=\"{{ root }}{{ a.path }}\">{{ a.title }}</a></li>",
    );
    f.build(&[]);
    // Listings at depth 0, 1, 2 and 4 each link to the same article relative to themselves.
    for (page, root) in [
        ("index.html", "./"),
        ("briefings/index.html", "../"),
        ("tags/japan/index.html", "../../"),
        ("tags/north-korea/page/2/index.html", "../../../../"),
    ] {
        let doc = f.html(page);
        let hrefs = attrs(&doc, "a.mine", "href");
        assert!(!hrefs.is_empty(), "{page} shows the overridden card");
        assert!(
            hrefs
                .iter()
                .all(|h| h.starts_with(&format!("{root}briefings/"))
                    || h.starts_with(&format!("{root}analysis/"))),
            "{page}: {hrefs:?}"
        );
        assert!(texts(&doc, "a.mine")
            .iter()
            .all(|t| t.ends_with("in Test Desk")));
        assert!(
            !f.read(page).contains('\u{FDD0}'),
            "{page} has no placeholder left"
        );
    }
    let related = attrs(&f.html("briefings/brief-2/index.html"), "li.rel a", "href");
    assert!(!related.is_empty());
    assert!(
        related.iter().all(|h| h.starts_with("../../")),
        "{related:?}"
    );
    assert!(broken_links(&f.out(), "/repo/").is_empty());
}

#[cfg(unix)]
#[test]
fn a_rebuild_keeps_unchanged_files_and_rewrites_changed_ones() {
    use std::os::unix::fs::MetadataExt;
    let f = archive();
    f.write("static/img/map.png", "a picture");
    f.write("static/img/chart.png", "another picture");
    f.build(&[]);
    let inode = |rel: &str| std::fs::metadata(f.out().join(rel)).unwrap().ino();
    let (map, chart) = (inode("img/map.png"), inode("img/chart.png"));
    let (about, brief, home) = (
        inode("about/index.html"),
        inode("briefings/brief-2/index.html"),
        inode("index.html"),
    );
    // A hand edit in the output, the same length as what the build writes there.
    let robots = f.read("robots.txt");
    std::fs::write(f.out().join("robots.txt"), robots.replace('U', "u")).unwrap();
    f.write(
        "content/about.md",
        "+++\ntitle = \"About\"\n+++\nWho we are, and why.\n",
    );
    // A static file replaced with one of the same size (its modification time differs).
    std::thread::sleep(std::time::Duration::from_millis(20));
    f.write("static/img/chart.png", "another Picture");
    f.build(&[]);
    // Unchanged bytes: the previous file itself, linked into the new output; a static file is
    // known unchanged by its size and modification time, which its copy carries.
    assert_eq!(inode("img/map.png"), map);
    assert_ne!(inode("img/chart.png"), chart);
    assert_eq!(f.read("img/chart.png"), "another Picture");
    assert_eq!(
        std::fs::metadata(f.out().join("img/map.png"))
            .unwrap()
            .modified()
            .unwrap(),
        std::fs::metadata(f.root().join("static/img/map.png"))
            .unwrap()
            .modified()
            .unwrap()
    );
    assert_eq!(inode("briefings/brief-2/index.html"), brief);
    assert_eq!(inode("index.html"), home);
    // Changed bytes: a new file, and the old one's edit is gone.
    assert_ne!(inode("about/index.html"), about);
    assert!(f.read("about/index.html").contains("Who we are, and why."));
    assert_eq!(f.read("robots.txt"), robots);
    // Nothing of the old output shares a file with the new one but through these links: the
    // old folder is gone.
    let parent = f.out().parent().unwrap().to_path_buf();
    let leftovers: Vec<_> = std::fs::read_dir(parent)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".old-"))
        .collect();
    assert!(leftovers.is_empty());
}
