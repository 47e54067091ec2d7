//! Hostile and odd input: nothing an editor writes may crash a build, leak a file, inject
//! script into the site, or lose the last good output.

mod common;

use std::fs;
use std::path::Path;

use common::{attrs, select, walkdir, Fixture};
use scraper::Html;

const HOSTILE_SITE: &str = r#"
title = "</script><script>alert('site')</script>"
description = "\"><svg onload=alert('desc')>"
base_url = "https://user.github.io/repo/"

[[taxonomies]]
name = "tags"
feed = true

[[taxonomies]]
name = "authors"

[[taxonomies]]
name = "regions"
feed = true
"#;

const HOSTILE_TITLE: &str = "<script>alert(1)</script> \"><svg onload=alert(1)> </script><!--";

/// Every front-matter field a template prints, each carrying markup meant to break out.
fn hostile_site() -> Fixture {
    let f = Fixture::with_config(HOSTILE_SITE);
    f.article(
        "briefings/a.md",
        r#"title = "<script>alert(1)</script> \"><svg onload=alert(1)> </script><!--"
date = 2024-01-01
updated = 2024-02-01
summary = "'><img src=x onerror=alert(2)> ]]> </script><script>alert(2)</script> </SCRIPT x><script>alert(2)</script> </script/x>"
authors = ["\"><svg onload=alert(3)>", "</script><script>alert(4)</script>"]
tags = ["<script>alert(5)</script>", "javascript:alert(6)"]
regions = ["' onmouseover='alert(7)"]
pdf = "javascript:alert(11)"
[source]
publisher = "<iframe src=javascript:alert(8)>"
url = "https://example.org/?q=\"><script>alert(9)</script>"
original_language = "fr"
category = "</script><img src=x onerror=alert(12)>"
[extra]
deck = "<script>alert(10)</script>""#,
        "A plain body.",
    );
    f.article(
        "briefings/b.md",
        "title = \"Second\"\ndate = 2024-03-01\ntags = [\"<script>alert(5)</script>\"]",
        "Another.",
    );
    f.article("about.md", "title = \"<svg/onload=alert(13)>\"", "About.");
    f.article(
        "briefings/--.md",
        "title = \"<svg/onload=alert(14)>\"\ndate = 2024-04-01",
        "Slug from the title.",
    );
    f
}

/// No element or attribute the site did not put there itself.
fn assert_clean_html(rel: &str, text: &str) {
    let doc = Html::parse_document(text);
    for script in select(&doc, "script") {
        let v = script.value();
        let own = v
            .attr("src")
            .is_some_and(|s| s.ends_with("briefgen.js") || s.ends_with("search/search.js"))
            || v.attr("type") == Some("application/ld+json")
            // The search page's messages in its language (JSON, `<` escaped).
            || (v.attr("type") == Some("application/json")
                && v.attr("data-search-strings").is_some());
        assert!(own, "{rel}: injected script element {:?}", script.html());
    }
    for bad in ["svg", "iframe", "img[onerror]", "object", "embed", "base"] {
        assert!(
            select(&doc, bad).is_empty(),
            "{rel}: injected <{bad}>: {:?}",
            select(&doc, bad)[0].html()
        );
    }
    for el in select(&doc, "*") {
        for (name, value) in el.value().attrs() {
            assert!(
                !name.to_ascii_lowercase().starts_with("on"),
                "{rel}: event-handler attribute {name}={value:?} on <{}>",
                el.value().name()
            );
            let v: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            // A meta `content` is a URL only for URL properties; elsewhere it is plain text.
            let url_meta = el.value().name() == "meta"
                && name == "content"
                && el
                    .value()
                    .attr("property")
                    .or(el.value().attr("name"))
                    .is_some_and(|p| p.ends_with("url") || p.ends_with("image"));
            if url_meta || ["href", "src", "action", "formaction", "srcset"].contains(&name) {
                for scheme in ["javascript:", "vbscript:", "data:"] {
                    assert!(
                        !v.starts_with(scheme),
                        "{rel}: {name}={value:?} on <{}>",
                        el.value().name()
                    );
                }
            }
        }
    }
    // JSON-LD cannot end its script element early and parses as JSON.
    let lower = text.to_ascii_lowercase();
    assert_eq!(
        lower.matches("<script").count(),
        lower.matches("</script").count(),
        "{rel}: a script element ends early"
    );
    for block in select(&doc, "script[type=\"application/ld+json\"]") {
        let raw: String = block.text().collect();
        assert!(
            !raw.to_ascii_lowercase().contains("</script") && !raw.contains("<!--"),
            "{rel}: JSON-LD can break out: {raw}"
        );
        let value: serde_json::Value = serde_json::from_str(&raw)
            .unwrap_or_else(|e| panic!("{rel}: JSON-LD does not parse: {e}\n{raw}"));
        assert!(value.is_object());
    }
}

#[test]
fn hostile_strings_are_escaped_in_every_output_file() {
    let f = hostile_site();
    f.build(&[]);
    let files = walkdir(&f.out());
    let mut kinds = [0usize; 4]; // html, xml, search, json-ld pages
    for path in &files {
        let rel = path
            .strip_prefix(f.out())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let text = fs::read_to_string(path).unwrap_or_default();
        match path.extension().and_then(|e| e.to_str()) {
            Some("html") => {
                kinds[0] += 1;
                assert_clean_html(&rel, &text);
                if text.contains("application/ld+json") {
                    kinds[3] += 1;
                }
            }
            Some("xml") => {
                kinds[1] += 1;
                let doc = roxmltree::Document::parse(&text)
                    .unwrap_or_else(|e| panic!("{rel} is not XML: {e}"));
                for node in doc.descendants().filter(|n| n.is_element()) {
                    let name = node.tag_name().name();
                    assert!(
                        !["script", "svg", "img", "iframe"].contains(&name),
                        "{rel}: injected <{name}>"
                    );
                    for a in node.attributes() {
                        assert!(!a.name().starts_with("on"), "{rel}: {}", a.name());
                    }
                }
                // Feed content is HTML carried as text: it must be as clean as a page.
                for content in doc.descendants().filter(|n| n.has_tag_name("content")) {
                    assert_clean_html(&rel, content.text().unwrap_or(""));
                }
            }
            _ => {}
        }
    }
    // Search records are data in JS calls: every title must round-trip as a string.
    let records = common::search_records(&f.out());
    for record in &records {
        kinds[2] += 1;
        assert!(record["title"].is_string(), "{record}");
    }
    assert!(records.iter().any(|r| r["title"] == HOSTILE_TITLE));
    assert!(
        kinds[0] >= 10 && kinds[1] >= 3 && kinds[2] == 3 && kinds[3] == 3,
        "{kinds:?}"
    );

    // The hostile text survives as text, where readers can see it.
    let page = f.html("briefings/a/index.html");
    assert_eq!(common::texts(&page, "h1"), [HOSTILE_TITLE]);
    let ld: Vec<serde_json::Value> = select(&page, "script[type=\"application/ld+json\"]")
        .iter()
        .map(|s| serde_json::from_str(&s.text().collect::<String>()).unwrap())
        .collect();
    assert_eq!(ld[0]["headline"], HOSTILE_TITLE);
    assert_eq!(
        ld[0]["translationOfWork"]["publisher"]["name"],
        "<iframe src=javascript:alert(8)>"
    );
    assert!(attrs(&page, "a[href]", "href")
        .contains(&"https://example.org/?q=\"><script>alert(9)</script>".to_string()));
    let feed_text = f.read("atom.xml");
    let feed = roxmltree::Document::parse(&feed_text).unwrap();
    let titles: Vec<&str> = feed
        .descendants()
        .filter(|n| n.has_tag_name("title"))
        .filter_map(|n| n.text())
        .collect();
    assert!(titles.contains(&HOSTILE_TITLE), "{titles:?}");
    let record = walkdir(&f.out().join("search/d"))
        .iter()
        .map(|p| fs::read_to_string(p).unwrap())
        .find(|r| r.contains("\"briefings/a/\""))
        .unwrap();
    assert!(record.contains("\\\"><svg onload=alert(1)>"), "{record}");
}

#[test]
fn hostile_taxonomy_names_make_url_safe_slugs() {
    let f = hostile_site();
    f.build(&[]);
    let mut dirs: Vec<String> = walkdir(&f.out())
        .iter()
        .map(|p| {
            p.strip_prefix(f.out())
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    dirs.retain(|d| {
        d.starts_with("tags/") || d.starts_with("regions/") || d.starts_with("authors/")
    });
    assert!(
        dirs.contains(&"tags/script-alert-5-script/index.html".to_string()),
        "{dirs:?}"
    );
    assert!(
        dirs.contains(&"tags/javascript-alert-6/index.html".to_string()),
        "{dirs:?}"
    );
    assert!(
        dirs.contains(&"regions/onmouseover-alert-7/index.html".to_string()),
        "{dirs:?}"
    );
    for d in &dirs {
        assert!(
            d.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_./".contains(c)),
            "not URL-safe: {d}"
        );
    }
    // A title that slugifies from nothing but markup still gives a safe path.
    assert!(f.exists("briefings/svg-onload-alert-14/index.html"));
}

#[test]
fn dangerous_source_urls_and_hand_written_slugs_are_refused_at_their_position() {
    for (url, col) in [
        ("javascript:alert(1)", 7),
        ("JavaScript:alert(1)", 7),
        (" javascript:alert(1)", 7),
        ("data:text/html,<script>alert(1)</script>", 7),
        ("vbscript:msgbox(1)", 7),
    ] {
        let f = Fixture::new();
        f.article(
            "briefings/x.md",
            &format!(
                "title = \"X\"\ndate = 2024-01-01\n[source]\nurl = \"{}\"",
                url.replace('"', "\\\"")
            ),
            "x",
        );
        let err = f.build_fails();
        assert!(err.contains(&format!("x.md:5:{col}")), "{url}: {err}");
        assert!(
            err.contains("`source.url` must be an http(s) address"),
            "{url}: {err}"
        );
        assert!(!f.out().exists());
    }
    let f = Fixture::new();
    f.article(
        "briefings/x.md",
        "title = \"X\"\ndate = 2024-01-01\nslug = \"\\\"><svg onload=alert(1)>\"",
        "x",
    );
    let err = f.build_fails();
    assert!(err.contains("x.md:4:8"), "{err}");
    assert!(err.contains("is not a valid URL segment"), "{err}");
    assert!(
        err.contains("\"svg-onload-alert-1\""),
        "the hint offers a safe slug: {err}"
    );
}

/// One odd file per case, each in a site of its own: what the build must say, or that it
/// must build.
#[test]
fn odd_files_fail_with_a_position_or_build() {
    enum Expect {
        Fails(&'static str, &'static str),
        Builds(&'static str, &'static str),
    }
    use Expect::*;
    let deep_toml = format!(
        "+++\ntitle = \"A\"\n[extra]\nd = {}{}\n+++\nx\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let deep_yaml = format!(
        "---\ntitle: A\nextra:\n  d: {}{}\n---\nx\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let mut cases: Vec<(&str, &[u8], Expect)> = vec![
        (
            "unterminated front matter",
            b"+++\ntitle = \"A\"\ndate = 2024-01-01\n\nBody.\n",
            Fails("x.md:1:1", "never closed"),
        ),
        (
            "invalid TOML",
            b"+++\ntitle = \"A\"\ndate = = 2024\n+++\nx\n",
            Fails("x.md:3:", "invalid TOML front matter"),
        ),
        (
            "invalid YAML",
            b"---\ntitle: A\ntags: [x, y\n---\nx\n",
            Fails("x.md:", "invalid YAML front matter"),
        ),
        (
            "non-UTF-8 bytes",
            b"+++\ntitle = \"Caf\xe9\"\ndate = 2024-01-01\n+++\n",
            Fails("x.md:2:", "not valid UTF-8"),
        ),
        ("empty file", b"", Fails("x.md", "missing front matter")),
        (
            "unknown date string",
            b"+++\ntitle = \"A\"\ndate = \"the ides of March\"\n+++\nx\n",
            Fails("x.md:3:8", "is not a date"),
        ),
        (
            "BOM and CRLF",
            b"\xEF\xBB\xBF+++\r\ntitle = \"Windows\"\r\ndate = 2024-01-01\r\n+++\r\n\r\nBody.\r\n",
            Builds("briefings/x/index.html", "Windows"),
        ),
        (
            "BOM and CRLF YAML",
            b"\xEF\xBB\xBF---\r\ntitle: Windows YAML\r\ndate: 2024-01-01\r\n---\r\nBody.\r\n",
            Builds("briefings/x/index.html", "Windows YAML"),
        ),
        (
            "front matter only",
            b"+++\ntitle = \"Only front\"\ndate = 2024-01-01\n+++",
            Builds("briefings/x/index.html", "Only front"),
        ),
        (
            "NUL and control bytes",
            b"+++\ntitle = \"Ctl\"\ndate = 2024-01-01\n+++\nA\x00B\x07C\x1b[31m\n",
            Builds("briefings/x/index.html", "Ctl"),
        ),
    ];
    cases.push((
        "100,000 nested TOML arrays",
        deep_toml.as_bytes(),
        Fails("x.md:4:", "max recursion depth"),
    ));
    cases.push((
        "100,000 nested YAML lists",
        deep_yaml.as_bytes(),
        Fails("x.md:4:134", "nest deeper than 128 levels"),
    ));
    for (name, bytes, expect) in &cases {
        let f = Fixture::new();
        f.write_bytes("content/briefings/x.md", bytes);
        match expect {
            Fails(at, message) => {
                let err = f.build_fails();
                assert!(err.contains(at), "{name}: no {at} in\n{err}");
                assert!(err.contains(message), "{name}: no {message} in\n{err}");
                assert!(!err.contains("panicked"), "{name}: {err}");
                assert!(!f.out().exists(), "{name}: nothing written");
            }
            Builds(rel, h1) => {
                f.build(&[]);
                assert_eq!(common::texts(&f.html(rel), "h1"), [*h1], "{name}");
            }
        }
    }
}

#[test]
fn duplicate_urls_are_refused_however_they_arise() {
    // A hand-written slug, a title slug and a file name can all land on one URL.
    let f = Fixture::new();
    f.article("briefings/same.md", "title = \"A\"\ndate = 2024-01-01", "x");
    f.article(
        "briefings/other.md",
        "title = \"B\"\ndate = 2024-01-01\nslug = \"same\"",
        "x",
    );
    let err = f.build_fails();
    assert!(
        err.contains("two sources produce the page /briefings/same/"),
        "{err}"
    );
    let f = Fixture::new();
    f.article("briefings/Same.md", "title = \"A\"\ndate = 2024-01-01", "x");
    f.article("briefings/same.md", "title = \"B\"\ndate = 2024-01-01", "x");
    let err = f.build_fails();
    assert!(
        err.contains("two sources produce the page /briefings/same/"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn symlinks_leading_out_of_the_site_are_not_published() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.txt"), "TOP-SECRET").unwrap();
    fs::create_dir_all(outside.path().join("dir")).unwrap();
    fs::write(outside.path().join("dir/inner.txt"), "TOP-SECRET").unwrap();
    fs::write(
        outside.path().join("leak.md"),
        "+++\ntitle = \"TOP-SECRET\"\ndate = 2024-01-01\n+++\nTOP-SECRET\n",
    )
    .unwrap();
    let f = Fixture::new();
    f.article(
        "briefings/good.md",
        "title = \"Good\"\ndate = 2024-01-01",
        "x",
    );
    f.write("static/real.txt", "fine");
    fs::create_dir_all(f.root().join("content/briefings")).unwrap();
    let links = [
        ("content/briefings/leak.md", "leak.md"),
        ("content/briefings/secret.txt", "secret.txt"),
        ("content/briefings/dir", "dir"),
        ("static/secret.txt", "secret.txt"),
        ("static/dir", "dir"),
        ("static/etc-passwd", "/etc/passwd"),
    ];
    for (at, to) in links {
        let target = if to.starts_with('/') {
            Path::new(to).to_path_buf()
        } else {
            outside.path().join(to)
        };
        symlink(target, f.root().join(at)).unwrap();
    }
    // A link to a file inside the site is fine.
    symlink(
        f.root().join("static/real.txt"),
        f.root().join("static/alias.txt"),
    )
    .unwrap();
    let out = f.build(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    for (at, to) in links {
        if to == "dir" {
            continue; // a folder link is not walked into, so never read
        }
        assert!(
            stderr.contains(at) && stderr.contains("symlink points outside the site"),
            "no warning for {at}:\n{stderr}"
        );
    }
    for path in walkdir(&f.out()) {
        let bytes = fs::read(&path).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("TOP-SECRET")
                && !String::from_utf8_lossy(&bytes).contains("root:x:0:0"),
            "{} leaked an outside file",
            path.display()
        );
    }
    assert_eq!(f.read("alias.txt"), "fine");
}

/// Markdown shaped to trip recursive or quadratic code: each builds, and the text survives.
/// (Times for n and 2n are in the README's Limits section; tests assert no timings.)
#[test]
fn pathological_markdown_builds_without_overflow() {
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "20,000 nested >",
            format!("{} deep", ">".repeat(20_000)),
            "deep",
        ),
        (
            "50,000 *",
            format!("{}\n\nafter stars", "*".repeat(50_000)),
            "after stars",
        ),
        (
            "30,000 [",
            format!("{}\n\nafter brackets", "[".repeat(30_000)),
            "after brackets",
        ),
        (
            "20,000 nested list markers",
            format!("{}x\n\nafter lists", "- ".repeat(20_000)),
            "after lists",
        ),
        (
            "50,000 *a",
            format!("{}\n\nafter emphasis", "*a".repeat(50_000)),
            "after emphasis",
        ),
        (
            "30,000 [a](",
            format!("{}\n\nafter links", "[a](".repeat(30_000)),
            "after links",
        ),
    ];
    for (name, body, tail) in cases {
        let f = Fixture::new();
        f.article("briefings/x.md", "title = \"X\"\ndate = 2024-01-01", &body);
        f.build(&[]);
        let page = f.read("briefings/x/index.html");
        assert!(page.contains(tail), "{name}: body lost");
        // No HTML parser here: html5ever itself is quadratic in nesting depth.
        assert!(page.contains(">X</h1>"), "{name}: page incomplete");
    }
}

/// 25,000 identical headings once took minutes (each new id re-probed every earlier suffix).
#[test]
fn many_identical_headings_get_unique_ids() {
    let f = Fixture::new();
    f.article(
        "briefings/x.md",
        "title = \"X\"\ndate = 2024-01-01",
        &"## Same\n\n".repeat(25_000),
    );
    f.build(&[]);
    let doc = f.html("briefings/x/index.html");
    let ids = attrs(&doc, "h2[id^=same]", "id");
    assert_eq!(ids.len(), 25_000);
    assert_eq!(ids[0], "same");
    assert_eq!(ids[24_999], "same-24999");
    let unique: std::collections::HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len());
}

/// The README's largest-file figure: a 30 MB briefing builds (about 10 s in a debug build).
#[test]
fn a_30_mb_briefing_builds() {
    let mut body = String::with_capacity(31 << 20);
    let mut i = 0;
    while body.len() < 30 << 20 {
        if i % 50 == 0 {
            body.push_str(&format!("## Section {i}\n\n"));
        } else {
            for _ in 0..8 {
                body.push_str(&format!(
                    "The ministry said on *Tuesday* that [the talks](https://example.org/{i}) would resume. "
                ));
            }
            body.push_str("\n\n");
        }
        i += 1;
    }
    let f = Fixture::new();
    f.article(
        "briefings/big.md",
        "title = \"Big\"\ndate = 2024-01-01",
        &body,
    );
    f.build(&[]);
    let page = f.read("briefings/big/index.html");
    assert!(page.len() > 30 << 20, "{}", page.len());
    assert!(page.contains(&format!("id=\"section-{}\"", (i - 1) / 50 * 50)));
}

/// The README's most-files figure: 5,000 briefings (plus their tag pages) in one build.
#[test]
fn five_thousand_briefings_build() {
    let f =
        Fixture::with_config("title = \"Many\"\nbase_url = \"https://x.org/\"\npaginate_by = 50\n");
    for i in 0..5_000 {
        f.article(
            &format!("briefings/a{i}.md"),
            &format!(
                "title = \"Briefing {i}\"\ndate = 2024-01-{:02}\ntags = [\"t{}\"]",
                i % 28 + 1,
                i % 50
            ),
            &format!("Body {i}."),
        );
    }
    let out = f.build(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Built 5000 briefings"), "{stderr}");
    assert!(f.exists("briefings/a4999/index.html"));
    assert!(f.exists("tags/t49/index.html"));
}

#[test]
fn deeply_nested_site_toml_is_an_error_not_a_crash() {
    let f = Fixture::with_config(&format!(
        "title = \"T\"\nbase_url = \"https://x.org/\"\n[extra]\nd = {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    ));
    f.article("briefings/x.md", "title = \"X\"\ndate = 2024-01-01", "x");
    let err = f.build_fails();
    assert!(err.contains("site.toml:4:"), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("overflow"),
        "{err}"
    );
}
