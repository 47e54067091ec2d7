//! `briefgen check`: each error and warning with its code, file, line and column; exit codes;
//! the text format; public/ left alone; the bundled example site.

mod common;

use std::path::Path;
use std::process::Output;

use common::{walkdir, Fixture};
use serde_json::Value;

const FRONT: &str = "title = \"A\"\ndate = 2024-01-01\nsummary = \"S\"";

/// Runs `check --format json` (plus `extra`) and returns the parsed report and exit code.
fn check_json(f: &Fixture, extra: &[&str]) -> (Value, i32) {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    let out = f.run(&args);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}):\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (json, out.status.code().expect("exit code"))
}

/// The diagnostics with `code`.
fn with_code(report: &Value, code: &str) -> Vec<Value> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .filter(|d| d["code"] == code)
        .cloned()
        .collect()
}

/// Asserts exactly one diagnostic with `code`, at `file:line:col`, of `severity`; returns it.
fn one(report: &Value, code: &str, file: &str, at: Option<(u64, u64)>, severity: &str) -> Value {
    let found = with_code(report, code);
    assert_eq!(found.len(), 1, "expected one `{code}` in {report:#}");
    let d = &found[0];
    assert_eq!(d["file"], file, "{d:#}");
    assert_eq!(d["severity"], severity, "{d:#}");
    match at {
        Some((line, col)) => {
            assert_eq!(
                (d["line"].as_u64(), d["column"].as_u64()),
                (Some(line), Some(col)),
                "{d:#}"
            );
        }
        None => assert!(d["line"].is_null() && d["column"].is_null(), "{d:#}"),
    }
    assert!(d["message"].as_str().is_some_and(|m| !m.is_empty()));
    d.clone()
}

fn codes(report: &Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

/// A site with a second briefing, a page, a tag and a static image to link to.
fn site() -> Fixture {
    let f = Fixture::new();
    f.article(
        "briefings/target.md",
        "title = \"Target\"\ndate = 2024-02-01\nsummary = \"T\"\ntags = [\"Japan\"]",
        "## Outlook\n\nText[^n].\n\n[^n]: A note.",
    );
    f.article("about.md", "title = \"About\"", "About us.");
    // A real image: the build decodes and resizes the images bodies show.
    let mut png = std::io::Cursor::new(Vec::new());
    image::DynamicImage::new_rgb8(8, 4)
        .write_to(&mut png, image::ImageFormat::Png)
        .unwrap();
    f.write_bytes("static/img/ok.png", png.get_ref());
    f
}

#[test]
fn valid_links_of_every_kind_check_clean_even_with_strict() {
    let f = site();
    f.article(
        "briefings/links.md",
        FRONT,
        "## Here\n\n\
         [a](@/briefings/target.md) [b](@/briefings/target.md#outlook) [c](/tags/japan/)\n\
         [d](../target/#n) [e](/about/) [f](/about) [g](#here) [h](/style.css)\n\
         [i](https://example.org/x) [j](mailto:a@example.org) [k](/atom.xml) [l](/search/)\n\
         [m](/archive/2024/) [n](/briefings/) [o](/) [p](/tags/japan/atom.xml)\n\n\
         ![ok](/img/ok.png) <img src=\"../../img/ok.png\" alt=\"ok\">\n\n\
         `[not a link](/nowhere/)`",
    );
    let (report, code) = check_json(&f, &["--strict"]);
    assert_eq!(report["diagnostics"], Value::Array(vec![]), "{report:#}");
    assert_eq!(code, 0);
    assert_eq!(report["files"], 3);
}

#[test]
fn broken_internal_link_has_the_body_position() {
    let f = site();
    f.article(
        "briefings/a.md",
        FRONT,
        "First line.\n\nSee [gone](/briefings/gone/) and [x](../target/).",
    );
    let (report, code) = check_json(&f, &[]);
    let d = one(
        &report,
        "broken-link",
        "content/briefings/a.md",
        Some((9, 5)),
        "warning",
    );
    assert!(d["message"].as_str().unwrap().contains("/briefings/gone/"));
    assert!(d["hint"].is_string());
    assert_eq!(code, 0, "warnings alone exit 0 without --strict");
}

#[test]
fn link_to_a_markdown_file_suggests_the_content_link() {
    let f = site();
    f.article("briefings/a.md", FRONT, "See [t](target.md).");
    let (report, _) = check_json(&f, &[]);
    let d = one(
        &report,
        "broken-link",
        "content/briefings/a.md",
        Some((7, 5)),
        "warning",
    );
    assert!(
        d["hint"]
            .as_str()
            .unwrap()
            .contains("@/briefings/target.md"),
        "{d:#}"
    );
}

#[test]
fn broken_anchors_on_the_same_and_other_pages() {
    let f = site();
    f.article(
        "briefings/a.md",
        FRONT,
        "## Real\n\n[ok](#real) [bad](#unreal)\n\n[x](@/briefings/target.md#outlok)",
    );
    let (report, _) = check_json(&f, &[]);
    let found = with_code(&report, "broken-anchor");
    assert_eq!(found.len(), 2, "{report:#}");
    assert_eq!(
        (found[0]["line"].as_u64(), found[0]["column"].as_u64()),
        (Some(9), Some(13))
    );
    assert!(found[0]["message"].as_str().unwrap().contains("`unreal`"));
    assert_eq!(
        (found[1]["line"].as_u64(), found[1]["column"].as_u64()),
        (Some(11), Some(1))
    );
    assert!(
        found[1]["hint"].as_str().unwrap().contains("outlook"),
        "hint lists the target's heading ids: {:#}",
        found[1]
    );
}

#[test]
fn missing_images_in_markdown_and_html() {
    let f = site();
    f.write("content/briefings/chart.png", "png");
    f.article(
        "briefings/a.md",
        FRONT,
        "![none](/img/none.png)\n\n<p><img alt=\"x\" src=\"gone.png\"></p>\n\n![beside](chart.png)",
    );
    let (report, _) = check_json(&f, &[]);
    let found = with_code(&report, "missing-image");
    let at: Vec<_> = found
        .iter()
        .map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()))
        .collect();
    assert_eq!(at, [(7, 1), (9, 22), (11, 1)], "{report:#}");
    assert!(found.iter().all(|d| d["file"] == "content/briefings/a.md"));
    // The image beside the Markdown is published at /briefings/chart.png, not beside the page.
    assert!(
        found[2]["hint"]
            .as_str()
            .unwrap()
            .contains("/briefings/chart.png"),
        "{:#}",
        found[2]
    );
}

#[test]
fn profile_photo_and_pdf_must_exist() {
    let f = site();
    f.write("static/papers/a.pdf", "pdf");
    f.write(
        "content/authors/kim.md",
        "+++\ntitle = \"Kim\"\nphoto = \"/img/kim.png\"\n+++\nBio.\n",
    );
    f.write(
        "content/authors/lee.md",
        "+++\ntitle = \"Lee\"\nphoto = \"img/ok.png\"\n+++\nBio.\n",
    );
    f.article(
        "briefings/a.md",
        &format!("{FRONT}\npdf = \"papers/b.pdf\""),
        "x",
    );
    f.article(
        "briefings/b.md",
        "title = \"B\"\ndate = 2024-01-02\nsummary = \"S\"\npdf = \"/papers/a.pdf\"",
        "x",
    );
    let (report, _) = check_json(&f, &[]);
    one(
        &report,
        "missing-image",
        "content/authors/kim.md",
        Some((3, 9)),
        "warning",
    );
    one(
        &report,
        "broken-link",
        "content/briefings/a.md",
        Some((5, 7)),
        "warning",
    );
}

#[test]
fn draft_is_checked_and_reported() {
    let f = site();
    f.article(
        "briefings/d.md",
        &format!("{FRONT}\ndraft = true"),
        "[x](/nowhere/)",
    );
    let (report, code) = check_json(&f, &[]);
    one(
        &report,
        "draft",
        "content/briefings/d.md",
        Some((5, 1)),
        "warning",
    );
    // Its body is checked like any other.
    one(
        &report,
        "broken-link",
        "content/briefings/d.md",
        Some((8, 1)),
        "warning",
    );
    assert_eq!(code, 0);
}

#[test]
fn links_to_a_draft() {
    let f = site();
    f.article(
        "briefings/d.md",
        &format!("{FRONT}\ndraft = true"),
        "Draft.",
    );
    f.article("briefings/a.md", FRONT, "See [d](@/briefings/d.md).");
    let (report, code) = check_json(&f, &[]);
    one(
        &report,
        "link",
        "content/briefings/a.md",
        Some((7, 5)),
        "error",
    );
    assert_eq!(code, 1);
    // build agrees.
    let stderr = f.build_fails();
    assert!(stderr.contains("a.md:7:5"), "{stderr}");
    // By URL it is a broken link for readers of the published site, but not for other drafts.
    f.article("briefings/a.md", FRONT, "See [d](/briefings/d/).");
    f.article(
        "briefings/d2.md",
        &format!("{FRONT}\ndraft = true"),
        "See [d](../d/).",
    );
    let (report, code) = check_json(&f, &[]);
    assert_eq!(code, 0);
    let d = one(
        &report,
        "broken-link",
        "content/briefings/a.md",
        Some((7, 5)),
        "warning",
    );
    assert!(d["message"].as_str().unwrap().contains("draft"), "{d:#}");
}

#[test]
fn review_list_is_a_warning_at_the_key() {
    let f = site();
    f.article(
        "briefings/a.md",
        &format!("{FRONT}\nreview = [\"date\"]"),
        "x",
    );
    let (report, _) = check_json(&f, &[]);
    one(
        &report,
        "review",
        "content/briefings/a.md",
        Some((5, 1)),
        "warning",
    );
}

#[test]
fn missing_date_is_a_warning_without_position() {
    let f = site();
    f.article("briefings/a.md", "title = \"A\"\nsummary = \"S\"", "x");
    let (report, _) = check_json(&f, &[]);
    one(
        &report,
        "no-date",
        "content/briefings/a.md",
        None,
        "warning",
    );
}

#[test]
fn future_date_points_at_the_value() {
    let f = site();
    f.article(
        "briefings/a.md",
        "title = \"A\"\ndate = 2999-05-01\nsummary = \"S\"",
        "x",
    );
    let (report, _) = check_json(&f, &[]);
    let d = one(
        &report,
        "future-date",
        "content/briefings/a.md",
        Some((3, 8)),
        "warning",
    );
    assert!(d["message"].as_str().unwrap().contains("2999-05-01"));
}

#[test]
fn briefing_without_any_summary() {
    let f = site();
    f.article(
        "briefings/a.md",
        "title = \"A\"\ndate = 2024-01-01",
        "## Only a heading",
    );
    // A first paragraph stands in for a missing `summary`.
    f.article(
        "briefings/b.md",
        "title = \"B\"\ndate = 2024-01-01",
        "Opening.",
    );
    let (report, _) = check_json(&f, &[]);
    one(
        &report,
        "no-summary",
        "content/briefings/a.md",
        None,
        "warning",
    );
}

#[test]
fn empty_taxonomy_entries_point_at_the_blank() {
    let f = site();
    f.article(
        "briefings/a.md",
        &format!("{FRONT}\ntags = [\"Japan\", \"\"]"),
        "x",
    );
    f.write(
        "content/briefings/y.md",
        "---\ntitle: Y\ndate: 2024-01-03\nsummary: S\nregions:\n  - Asia\n  - \"  \"\n---\nx\n",
    );
    let (report, _) = check_json(&f, &[]);
    let found = with_code(&report, "empty-term");
    assert_eq!(found.len(), 2, "{report:#}");
    assert_eq!(found[0]["file"], "content/briefings/a.md");
    assert_eq!(
        (found[0]["line"].as_u64(), found[0]["column"].as_u64()),
        (Some(5), Some(18))
    );
    assert_eq!(found[1]["file"], "content/briefings/y.md");
    assert_eq!(
        (found[1]["line"].as_u64(), found[1]["column"].as_u64()),
        (Some(7), Some(5))
    );
}

#[test]
fn same_title_and_date_twice() {
    let f = site();
    f.article("briefings/a.md", FRONT, "x");
    f.article(
        "briefings/b.md",
        "title = \"a\"\ndate = 2024-01-01T10:00:00Z\nsummary = \"S\"",
        "y",
    );
    let (report, _) = check_json(&f, &[]);
    let d = one(
        &report,
        "duplicate",
        "content/briefings/b.md",
        Some((2, 9)),
        "warning",
    );
    assert!(d["message"].as_str().unwrap().contains("a.md"), "{d:#}");
}

#[test]
fn build_errors_are_check_errors_with_positions() {
    let f = site();
    f.article(
        "briefings/bad-date.md",
        "title = \"A\"\ndate = \"next Tuesday\"",
        "x",
    );
    f.article("briefings/a.md", FRONT, "See [x](@/briefings/missing.md).");
    let (report, code) = check_json(&f, &[]);
    assert_eq!(code, 1);
    one(
        &report,
        "front-matter",
        "content/briefings/bad-date.md",
        Some((3, 8)),
        "error",
    );
    // Later stages still run on the good files, as in a build: every error at once.
    one(
        &report,
        "link",
        "content/briefings/a.md",
        Some((7, 5)),
        "error",
    );
    assert_eq!(report["errors"], 2, "{report:#}");
}

#[test]
fn template_render_errors_are_found_without_writing() {
    let f = site();
    f.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ page.nope.deeper }}\n{% endblock content %}\n",
    );
    let (report, code) = check_json(&f, &[]);
    assert_eq!(code, 1, "{report:#}");
    let d = one(
        &report,
        "template",
        "templates/page.html",
        Some((3, 4)),
        "error",
    );
    assert!(d["message"].as_str().unwrap().contains("nope"), "{d:#}");
    assert!(!f.out().exists(), "check wrote public/");
}

#[test]
fn exit_codes_zero_one_two() {
    let f = site();
    f.article("briefings/a.md", FRONT, "Fine.");
    assert_eq!(f.run(&["check"]).status.code(), Some(0));
    assert_eq!(f.run(&["check", "--strict"]).status.code(), Some(0));
    f.article("briefings/w.md", &format!("{FRONT}\ndraft = true"), "x");
    assert_eq!(f.run(&["check"]).status.code(), Some(0));
    assert_eq!(f.run(&["check", "--strict"]).status.code(), Some(2));
    f.article("briefings/e.md", "title = 3", "x");
    assert_eq!(f.run(&["check"]).status.code(), Some(1));
    assert_eq!(f.run(&["check", "--strict"]).status.code(), Some(1));
}

#[test]
fn text_format_is_rustc_style_with_a_summary() {
    let f = site();
    f.article("briefings/a.md", FRONT, "See [gone](/gone/).");
    f.article("briefings/e.md", "title = \"E\"\ndate = \"soon\"", "x");
    let out: Output = f.run(&["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("error: invalid `date`"), "{stderr}");
    assert!(stderr.contains("briefings/e.md:3:8"), "{stderr}");
    assert!(
        stderr
            .trim_end()
            .ends_with("check: 1 error, 0 warnings in 4 files"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
    // Fixed: the link warning shows with its source line and caret.
    f.article(
        "briefings/e.md",
        "title = \"E\"\ndate = 2024-01-01\nsummary = \"S\"",
        "x",
    );
    let out = f.run(&["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("warning: link to `/gone/`"), "{stderr}");
    assert!(stderr.contains("briefings/a.md:7:5"), "{stderr}");
    assert!(stderr.contains("7 | See [gone](/gone/)."), "{stderr}");
    assert!(stderr.contains("  |     ^"), "{stderr}");
    assert!(stderr.contains("= help: "), "{stderr}");
    assert!(
        stderr
            .trim_end()
            .ends_with("check: 0 errors, 1 warning in 4 files"),
        "{stderr}"
    );
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    walkdir(dir)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p.strip_prefix(dir).unwrap().display().to_string(), bytes)
        })
        .collect()
}

#[test]
fn public_is_never_written_or_created() {
    let f = site();
    f.article("briefings/a.md", FRONT, "[x](/gone/)");
    f.run(&["check"]);
    assert!(!f.out().exists(), "check created public/");
    f.build(&[]);
    f.write("public/marker.txt", "mine");
    let before = snapshot(&f.out());
    // Content changes: a build would replace public/; check must not.
    f.article("briefings/b.md", FRONT, "New.");
    f.article("briefings/e.md", "title = 3", "x");
    f.run(&["check"]);
    f.run(&["check", "--format", "json"]);
    assert_eq!(snapshot(&f.out()), before);
    let siblings: Vec<_> = std::fs::read_dir(f.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("building"))
        .collect();
    assert!(siblings.is_empty(), "staging left behind: {siblings:?}");
}

#[test]
fn output_folder_build_would_refuse_is_an_error() {
    let f = site();
    f.write("public/notes.txt", "not a build");
    let (report, code) = check_json(&f, &[]);
    assert_eq!(code, 1);
    assert_eq!(codes(&report), ["output"], "{report:#}");
}

#[test]
fn bundled_example_site_has_no_errors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_briefgen"))
        .args(["check", "--format", "json", "--root"])
        .arg(root)
        .output()
        .expect("run briefgen");
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(out.status.code(), Some(0), "{report:#}");
    assert_eq!(report["errors"], 0, "{report:#}");
    for d in report["diagnostics"].as_array().unwrap() {
        assert_eq!(
            d["file"], "content/briefings/technology-ledger-russia-north-korea.md",
            "only the draft may warn: {d:#}"
        );
    }
    assert!(codes(&report).contains(&"draft".to_string()));
}
