//! Raw HTML in Markdown bodies: `sanitize` (the default) removes everything that can run script
//! from the article page, the Atom feed and the search index, keeps harmless markup and warns;
//! `escape` shows the HTML as text; `trusted` publishes it as written.

mod common;

use common::{select, texts, Fixture, SITE_TOML};
use scraper::Html;

/// Every hostile body runs `PWNED` only as script; no reader-visible text contains it.
const HOSTILE: &[(&str, &str)] = &[
    ("script", "Before <script>alert(PWNED)</script> after."),
    ("script-block", "<script>\nalert(PWNED)\n</script>\n\nAfter."),
    ("img-onerror", "Look <img src=x onerror=alert(PWNED)> here."),
    ("a-javascript", "<a href=\"javascript:alert(PWNED)\">click</a>"),
    ("md-javascript", "[click](javascript:alert(PWNED))"),
    ("md-image-javascript", "![pic](javascript:alert(PWNED))"),
    ("md-entity-javascript", "[click](JaVaScRiPt&colon;alert(PWNED))"),
    ("a-entity-javascript", "<a href=\"JaVaScRiPt&colon;alert(PWNED)\">click</a>"),
    ("a-tab-javascript", "<a href=\"java&#9;script:alert(PWNED)\">click</a>"),
    ("a-vbscript", "<a href=\"vbscript:PWNED\">click</a>"),
    ("a-data", "<a href=\"data:text/html,<script>PWNED</script>\">click</a>"),
    ("svg-onload", "<svg onload=alert(PWNED)><circle r=1 /></svg>"),
    ("svg-script", "<svg><script>alert(PWNED)</script></svg>"),
    ("iframe", "<iframe src=\"https://evil.example/PWNED\"></iframe>"),
    ("iframe-srcdoc", "<iframe srcdoc=\"<script>PWNED</script>\"></iframe>"),
    ("object-embed", "<object data=\"PWNED.swf\"></object><embed src=\"PWNED.swf\">"),
    ("form", "<form action=\"https://evil.example/PWNED\"><button formaction=\"javascript:PWNED\">Go</button></form>"),
    ("meta-base", "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/PWNED\"><base href=\"https://evil.example/PWNED/\">"),
    ("style", "<style>body{background:url(https://evil.example/PWNED)}</style>Text."),
    ("style-attr", "<span style=\"background:url(https://evil.example/PWNED)\">x</span>"),
    ("uppercase", "<SCRIPT>alert(PWNED)</SCRIPT><IMG SRC=x ONERROR=alert(PWNED)>"),
    ("unclosed", "<div><span onclick=\"alert(PWNED)\">open\n\nMore *markdown* text."),
    ("nested", "<div><p><a href=\"javascript:alert(PWNED)\"><img src=x onerror=alert(PWNED)></a></p></div>"),
    ("comment-breakout", "Text <!-- --><script>alert(PWNED)</script> --> end."),
    ("comment-block", "<!-- x --><script>alert(PWNED)</script>\n\nEnd."),
    ("heading", "## Title <img src=x onerror=alert(PWNED)> [h](javascript:PWNED)"),
    ("heading-attribute", "## Title {#t .c onclick=alert(PWNED) lang=ko}\n\nText."),
    ("heading-attribute-h1", "# Title {ONMOUSEOVER=alert(PWNED)}\n\nText."),
    ("split-attribute", "<a title=\"\n\n<img src=x onerror=alert(PWNED)>\n\n\">x</a>"),
];

fn hostile_site(config: &str) -> Fixture {
    let f = Fixture::with_config(config);
    for (i, (name, body)) in HOSTILE.iter().enumerate() {
        f.article(
            &format!("briefings/{name}.md"),
            &format!("title = \"{name}\"\ndate = 2024-01-{:02}", i + 1),
            body,
        );
    }
    f
}

/// Asserts `html` holds no script, handler, active element or dangerous URL, and no `PWNED`,
/// not even as text (an inline script's text must not become the page's description). A whole
/// page (`own_scripts`) may hold the site's own scripts and search form.
fn assert_safe(what: &str, html: &str, own_scripts: bool) {
    assert!(!html.contains("PWNED"), "{what}: payload survived:\n{html}");
    let doc = Html::parse_fragment(html);
    for script in select(&doc, "script") {
        let own = own_scripts
            && (script.value().attr("src").is_some()
                || script.value().attr("type") == Some("application/ld+json"));
        assert!(own, "{what}: script element {}", script.html());
    }
    for bad in [
        "svg",
        "iframe",
        "object",
        "embed",
        "form",
        "base",
        "style",
        "meta[http-equiv]",
    ] {
        // The site's own search box is a form.
        if !(own_scripts && bad == "form") {
            assert!(select(&doc, bad).is_empty(), "{what}: <{bad}> survived");
        }
    }
    for el in select(&doc, "*") {
        for (name, value) in el.value().attrs() {
            assert!(!name.starts_with("on"), "{what}: {name}={value:?}");
            assert!(!["srcdoc", "formaction"].contains(&name), "{what}: {name}");
            if ["href", "src", "action"].contains(&name) {
                let v: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                for scheme in ["javascript:", "vbscript:", "data:"] {
                    assert!(!v.starts_with(scheme), "{what}: {name}={value:?}");
                }
            }
        }
    }
}

/// The search record of the briefing at `path` with its text, as the search page reads it.
fn search_record(f: &Fixture, path: &str) -> String {
    common::search_records(&f.out())
        .into_iter()
        .find(|r| r["path"] == path)
        .unwrap_or_else(|| panic!("no search record for {path}"))
        .to_string()
}

/// Each feed entry's HTML content, by entry title.
fn feed_contents(f: &Fixture) -> Vec<(String, String)> {
    let text = f.read("atom.xml");
    let feed = roxmltree::Document::parse(&text).unwrap();
    feed.descendants()
        .filter(|n| n.has_tag_name("entry"))
        .map(|e| {
            let child = |name: &str| {
                e.children()
                    .find(|c| c.has_tag_name(name))
                    .and_then(|c| c.text())
                    .unwrap_or("")
                    .to_string()
            };
            (child("title"), child("content"))
        })
        .collect()
}

#[test]
fn hostile_bodies_are_sanitised_in_pages_feeds_and_search() {
    let f = hostile_site(&format!("{SITE_TOML}\n[feed]\nlimit = 100\n"));
    f.build(&[]);
    for (name, _) in HOSTILE {
        let rel = format!("briefings/{name}/index.html");
        assert_safe(&rel, &f.read(&rel), true);
        let page = f.html(&rel);
        let prose = select(&page, ".prose");
        assert_eq!(prose.len(), 1, "{rel}");
        assert_safe(&format!("{rel} body"), &prose[0].inner_html(), false);
        assert_safe(
            &format!("search record of {name}"),
            &search_record(&f, &format!("briefings/{name}/")),
            false,
        );
    }
    let feed = feed_contents(&f);
    assert_eq!(feed.len(), HOSTILE.len());
    for (title, content) in feed {
        assert!(!content.is_empty(), "{title}: feed has no content");
        assert_safe(&format!("feed entry {title}"), &content, false);
    }
    // Text around the removed markup is still there.
    let page = f.html("briefings/unclosed/index.html");
    assert_eq!(texts(&page, ".prose em"), ["markdown"]);
    assert!(f
        .read("briefings/script/index.html")
        .contains("Before  after."));
}

#[test]
fn removals_are_warned_at_the_raw_html_line() {
    let f = Fixture::new();
    f.article(
        "briefings/a.md",
        "title = \"A\"\ndate = 2024-01-01",
        "Fine <kbd>x</kbd>.\n\nSee <img src=x onerror=alert(1)>.\n\n[y](javascript:alert(2))\n",
    );
    f.article(
        "briefings/b.md",
        "title = \"B\"\ndate = 2024-01-02",
        "Harmless <span>raw</span> HTML.",
    );
    let out = f.build(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("raw HTML removed").count(), 1, "{stderr}");
    assert_eq!(stderr.matches("URL removed").count(), 1, "{stderr}");
    assert!(stderr.contains("`onerror`"), "{stderr}");
    assert!(stderr.contains("`javascript:` URL removed"), "{stderr}");
    assert!(stderr.contains("a.md:8:5"), "{stderr}");
    assert!(stderr.contains("a.md:10:1"), "{stderr}");

    let check = f.run(&["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let found: Vec<(String, u64, u64)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "raw-html" || d["code"] == "unsafe-url")
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("raw-html".to_string(), 8, 5),
            ("unsafe-url".to_string(), 10, 1)
        ]
    );
}

const HARMLESS: &str = "Press <kbd>Ctrl</kbd> and <abbr title=\"North Atlantic Treaty Organization\">NATO</abbr>.\n\n\
<details><summary>Sources</summary>\n\nThe *annex*.\n\n</details>\n\n\
H<sub>2</sub>O, x<sup>2</sup>, <mark>marked</mark>, <span class=\"note\" lang=\"ko\">한국</span>.\n";

#[test]
fn harmless_raw_html_survives_sanitising_without_warnings() {
    let f = Fixture::new();
    f.article(
        "briefings/a.md",
        "title = \"A\"\ndate = 2024-01-01",
        HARMLESS,
    );
    let out = f.build(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("removed"), "{stderr}");
    let page = f.html("briefings/a/index.html");
    assert_eq!(texts(&page, ".prose kbd"), ["Ctrl"]);
    let abbr = select(&page, ".prose abbr");
    assert_eq!(
        abbr[0].value().attr("title"),
        Some("North Atlantic Treaty Organization")
    );
    assert_eq!(texts(&page, ".prose details > summary"), ["Sources"]);
    assert_eq!(texts(&page, ".prose details em"), ["annex"]);
    assert_eq!(texts(&page, ".prose sub"), ["2"]);
    assert_eq!(texts(&page, ".prose sup"), ["2"]);
    assert_eq!(texts(&page, ".prose mark"), ["marked"]);
    assert_eq!(texts(&page, ".prose span.note[lang=ko]"), ["한국"]);
}

#[test]
fn heading_attributes_keep_id_class_and_lang_only_with_a_warning() {
    let f = Fixture::new();
    f.article(
        "briefings/a.md",
        "title = \"A\"\ndate = 2024-01-01",
        "## Outlook {#o .wide lang=ko onclick=alert(1) data-x=1}\n\nText.",
    );
    let out = f.build(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("heading attribute `onclick`, `data-x` removed"),
        "{stderr}"
    );
    assert!(stderr.contains("a.md:6:1"), "{stderr}");
    assert!(f
        .read("briefings/a/index.html")
        .contains("<h2 id=\"o\" class=\"wide\" lang=\"ko\">Outlook</h2>"));
}

#[test]
fn escape_shows_raw_html_as_text_and_neutralises_links() {
    let f = Fixture::with_config(&format!("{SITE_TOML}\n[markdown]\nraw_html = \"escape\"\n"));
    f.article(
        "briefings/a.md",
        "title = \"A\"\ndate = 2024-01-01",
        "Press <kbd>Ctrl</kbd> <script>alert(1)</script> [x](javascript:alert(2)) [ok](https://x.org/).",
    );
    f.build(&[]);
    let text = f.read("briefings/a/index.html");
    assert!(text.contains("&lt;kbd&gt;Ctrl&lt;/kbd&gt;"), "{text}");
    let page = Html::parse_document(&text);
    assert!(select(&page, ".prose kbd").is_empty());
    let paragraph = texts(&page, ".prose p");
    assert!(
        paragraph
            .iter()
            .any(|p| p.contains("<kbd>Ctrl</kbd> <script>alert(1)</script>")),
        "{paragraph:?}"
    );
    let hrefs = common::attrs(&page, ".prose a", "href");
    assert_eq!(hrefs, ["", "https://x.org/"]);
}

#[test]
fn trusted_publishes_raw_html_as_written() {
    let f = Fixture::with_config(&format!(
        "{SITE_TOML}\n[markdown]\nraw_html = \"trusted\"\n"
    ));
    f.article(
        "briefings/a.md",
        "title = \"A\"\ndate = 2024-01-01",
        "<div data-widget=\"map\" style=\"height:4em\"><iframe src=\"https://maps.example/\"></iframe></div>\n\n[x](javascript:void(0))",
    );
    let out = f.build(&[]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("warning"));
    let text = f.read("briefings/a/index.html");
    assert!(text.contains(
        "<div data-widget=\"map\" style=\"height:4em\"><iframe src=\"https://maps.example/\"></iframe></div>"
    ));
    assert!(text.contains("href=\"javascript:void(0)\""));
}

#[test]
fn an_unknown_raw_html_mode_is_a_config_error_at_its_line() {
    let f = Fixture::with_config(&format!("{SITE_TOML}\n[markdown]\nraw_html = \"unsafe\"\n"));
    let stderr = f.build_fails();
    assert!(stderr.contains("unknown variant `unsafe`"), "{stderr}");
    assert!(stderr.contains("site.toml:"), "{stderr}");
}
