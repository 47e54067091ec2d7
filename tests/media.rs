//! Figures, charts, callouts, responsive images and report PDFs in built fixture sites.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::time::SystemTime;

use common::files::{jpeg, pdf, png};
use common::{attrs, select, texts, Fixture};

/// Small widths keep the debug-build encoder quick; the behaviour is the same at 480/960/1600.
const CONFIG: &str = r#"
title = "Test Desk"
base_url = "https://user.github.io/repo/"

[images]
widths = [160, 320]

[labels.callouts]
methodology = "About the data"
"#;

/// Each row's cells, space-separated.
fn rows(doc: &scraper::Html, css: &str) -> Vec<String> {
    let cell = scraper::Selector::parse("th, td").unwrap();
    select(doc, css)
        .iter()
        .map(|row| {
            row.select(&cell)
                .map(|c| c.text().collect::<String>())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

const SPENDING: &str = "year,Japan,Korea\n2021,1.0,2.6\n2022,1.1,2.7\n2023,1.3,2.8\n";

/// A briefing bundle with two figures, a chart and references to all three.
fn briefing_with_figures() -> Fixture {
    let f = Fixture::with_config(CONFIG);
    f.write_bytes("content/briefings/routes/map.png", &png(400, 200));
    f.write_bytes("static/img/port.jpg", &jpeg(240, 180));
    f.write("content/briefings/routes/spending.csv", SPENDING);
    f.article(
        "briefings/routes/index.md",
        "title = \"Routes\"\ndate = 2024-05-01",
        "Intro paragraph that mentions @fig:spending and @fig:port.\n\n\
         {{ figure(src=\"map.png\", alt=\"Map of two routes\", caption=\"Two *routes*\", source=\"Desk analysis\", id=\"routes\") }}\n\n\
         As @fig:routes shows, and [a link about @fig:routes](https://example.org/).\n\n\
         {{ chart(data=\"spending.csv\", kind=\"line\", x=\"year\", y=\"Japan,Korea\", title=\"Spending, % of GDP\", unit=\"% of GDP\", id=\"spending\", source=\"Illustrative\") }}\n\n\
         {{ figure(src=\"/img/port.jpg\", alt=\"A port\", caption=\"A port\", id=\"port\") }}\n\n\
         ![Inline map](map.png)\n",
    );
    f
}

#[test]
fn figures_and_charts_are_numbered_in_order_and_cross_referenced() {
    let f = briefing_with_figures();
    f.build(&[]);
    let doc = f.html("briefings/routes/index.html");
    assert_eq!(
        texts(&doc, ".prose figure > figcaption .figure-label"),
        ["Figure 1.", "Figure 2.", "Figure 3."]
    );
    assert_eq!(
        attrs(&doc, ".prose figure", "id"),
        ["fig-routes", "fig-spending", "fig-port"]
    );
    assert_eq!(
        texts(&doc, "figure#fig-routes figcaption"),
        ["Figure 1. Two routes"]
    );
    assert_eq!(select(&doc, "figure#fig-routes figcaption em").len(), 1);
    assert_eq!(
        texts(&doc, "figure#fig-routes .figure-source"),
        ["Source: Desk analysis"]
    );
    let refs: Vec<(String, String)> = select(&doc, "a.figure-ref")
        .iter()
        .map(|a| {
            (
                a.value().attr("href").unwrap().to_string(),
                a.text().collect(),
            )
        })
        .collect();
    assert_eq!(
        refs,
        [
            ("#fig-spending".to_string(), "Figure 2".to_string()),
            ("#fig-port".to_string(), "Figure 3".to_string()),
            ("#fig-routes".to_string(), "Figure 1".to_string()),
        ]
    );
    // Inside a link the reference is text, not a nested link.
    assert_eq!(
        texts(&doc, "a[href='https://example.org/']"),
        ["a link about Figure 1"]
    );
}

/// The `srcset` candidates of `el`: (URL, width).
fn srcset(value: &str) -> Vec<(String, u32)> {
    value
        .split(", ")
        .map(|c| {
            let (url, w) = c.rsplit_once(' ').unwrap();
            (url.to_string(), w.trim_end_matches('w').parse().unwrap())
        })
        .collect()
}

#[test]
fn images_get_srcset_widths_that_exist_on_disk_with_their_dimensions() {
    let f = briefing_with_figures();
    f.build(&[]);
    let page = f.out().join("briefings/routes/");
    let doc = f.html("briefings/routes/index.html");
    let pictures = select(&doc, ".prose picture");
    assert_eq!(pictures.len(), 3, "two figures and one Markdown image");
    for picture in &pictures {
        let img = picture
            .select(&scraper::Selector::parse("img").unwrap())
            .next()
            .unwrap();
        let source = picture
            .select(&scraper::Selector::parse("source").unwrap())
            .next()
            .unwrap();
        assert_eq!(source.value().attr("type"), Some("image/webp"));
        assert!(img.value().attr("sizes").is_some());
        let (w, h): (u32, u32) = (
            img.value().attr("width").unwrap().parse().unwrap(),
            img.value().attr("height").unwrap().parse().unwrap(),
        );
        for set in [
            img.value().attr("srcset").unwrap(),
            source.value().attr("srcset").unwrap(),
        ] {
            let candidates = srcset(set);
            for (url, width) in &candidates {
                let file = page.join(url);
                let decoded = image::image_dimensions(&file)
                    .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
                assert_eq!(decoded.0, *width, "{url}");
            }
            // The widest candidate is the image's intrinsic size, aspect kept.
            let widest = candidates.iter().map(|c| c.1).max().unwrap();
            assert_eq!(widest, w);
            let (url, _) = candidates.iter().find(|c| c.1 == widest).unwrap();
            assert_eq!(image::image_dimensions(page.join(url)).unwrap(), (w, h));
        }
        assert!(page.join(img.value().attr("src").unwrap()).is_file());
    }
    let widths: Vec<Vec<u32>> = pictures
        .iter()
        .map(|p| {
            let img = p
                .select(&scraper::Selector::parse("img").unwrap())
                .next()
                .unwrap();
            srcset(img.value().attr("srcset").unwrap())
                .iter()
                .map(|c| c.1)
                .collect()
        })
        .collect();
    // 400 px: both configured widths; 240 px: the one below it and its own.
    assert_eq!(widths, [vec![160, 320], vec![160, 240], vec![160, 320]]);
    assert_eq!(
        attrs(&doc, ".prose img", "alt"),
        ["Map of two routes", "A port", "Inline map"]
    );
    // The first image is near the top of the body: it loads at once, the others lazily.
    assert_eq!(attrs(&doc, ".prose img", "loading"), ["lazy", "lazy"]);
    assert_eq!(attrs(&doc, ".prose img", "fetchpriority"), ["high"]);
}

#[test]
fn an_image_at_the_top_of_a_body_is_not_lazy() {
    let f = Fixture::with_config(CONFIG);
    f.write_bytes("content/briefings/a/top.png", &png(300, 100));
    f.article(
        "briefings/a/index.md",
        "title = \"A\"\ndate = 2024-05-01",
        "{{ figure(src=\"top.png\", alt=\"Top\") }}\n\n![Later](top.png)\n",
    );
    f.build(&[]);
    let doc = f.html("briefings/a/index.html");
    let imgs = select(&doc, ".prose img");
    assert_eq!(imgs[0].value().attr("loading"), None);
    assert_eq!(imgs[0].value().attr("fetchpriority"), Some("high"));
    assert_eq!(imgs[1].value().attr("loading"), Some("lazy"));
    assert_eq!(
        texts(&doc, ".prose figcaption"),
        ["Figure 1"],
        "a figure without caption still shows its number"
    );
}

#[test]
fn charts_are_accessible_svg_with_a_data_table_and_the_csv() {
    let f = briefing_with_figures();
    f.build(&[]);
    let doc = f.html("briefings/routes/index.html");
    let svgs = select(&doc, "figure#fig-spending svg");
    assert_eq!(svgs.len(), 2, "a wide and a phone drawing");
    for svg in &svgs {
        assert_eq!(svg.value().attr("role"), Some("img"));
        let labelled: Vec<&str> = svg
            .value()
            .attr("aria-labelledby")
            .unwrap()
            .split(' ')
            .collect();
        let title = doc
            .select(&scraper::Selector::parse(&format!("title#{}", labelled[0])).unwrap())
            .next()
            .unwrap();
        assert_eq!(title.text().collect::<String>(), "Spending, % of GDP");
        let desc = doc
            .select(&scraper::Selector::parse(&format!("desc#{}", labelled[1])).unwrap())
            .next()
            .unwrap()
            .text()
            .collect::<String>();
        assert!(
            desc.starts_with("Line chart of Japan, Korea by year, 2021 to 2023, in % of GDP."),
            "{desc}"
        );
        assert!(desc.contains("Korea: 2.6 in 2021, 2.8 in 2023"), "{desc}");
        assert_eq!(
            svg.select(&scraper::Selector::parse("path.chart-line").unwrap())
                .count(),
            2
        );
    }
    assert_eq!(
        texts(&doc, "figure#fig-spending details.chart-data summary"),
        ["Show data"]
    );
    assert_eq!(
        texts(&doc, "figure#fig-spending table thead th"),
        ["year", "Japan", "Korea"]
    );
    assert_eq!(
        rows(&doc, "figure#fig-spending table tbody tr"),
        ["2021 1.0 2.6", "2022 1.1 2.7", "2023 1.3 2.8"]
    );
    assert_eq!(
        attrs(&doc, "figure#fig-spending table tbody th", "scope"),
        ["row", "row", "row"]
    );
    let csv = attrs(&doc, "figure#fig-spending .chart-download a", "href");
    assert_eq!(csv, ["../../briefings/routes/spending.csv"]);
    assert_eq!(
        fs::read_to_string(f.out().join("briefings/routes").join(&csv[0])).unwrap(),
        SPENDING
    );
}

#[test]
fn bar_and_stacked_charts_draw_one_rect_per_value() {
    let f = Fixture::with_config(CONFIG);
    f.write(
        "static/data/out.csv",
        "programme,Plan,Done\nA,10,7\nB,4,\nC,8,8\n",
    );
    f.article(
        "briefings/b.md",
        "title = \"B\"\ndate = 2024-05-01",
        "{{ chart(data=\"/data/out.csv\", kind=\"bar\", title=\"Output\") }}\n\n\
         {{ chart(data=\"/data/out.csv\", kind=\"stacked\", title=\"Output stacked\") }}\n",
    );
    f.build(&[]);
    let doc = f.html("briefings/b/index.html");
    // Five values (one cell empty), drawn twice per chart (wide and phone).
    assert_eq!(select(&doc, "#figure-1 svg rect.chart-bar").len(), 10);
    assert_eq!(select(&doc, "#figure-2 svg rect.chart-bar").len(), 10);
    assert_eq!(texts(&doc, "#figure-1 .chart-legend li"), ["Plan", "Done"]);
    assert_eq!(
        rows(&doc, "#figure-1 table tbody tr"),
        ["A 10 7", "B 4 ", "C 8 8"]
    );
}

#[test]
fn callouts_become_labelled_boxes() {
    let f = Fixture::with_config(CONFIG);
    f.article(
        "briefings/c.md",
        "title = \"C\"\ndate = 2024-05-01",
        "> [!KEY-POINTS]\n> - First point\n> - Second point\n\n\
         > [!Recommendations] What to do now\n> Act *soon*.\n\n\
         > [!NOTE]\n>\n> Plain note.\n\n\
         > [!METHODOLOGY]\n> How we counted.\n\n\
         > An ordinary quote.\n",
    );
    f.build(&[]);
    let doc = f.html("briefings/c/index.html");
    assert_eq!(
        attrs(&doc, ".prose .callout", "class"),
        [
            "callout callout-key-points",
            "callout callout-recommendations",
            "callout callout-note",
            "callout callout-methodology"
        ]
    );
    assert_eq!(
        texts(&doc, ".prose .callout .callout-title"),
        ["Key points", "What to do now", "Note", "About the data"]
    );
    for callout in select(&doc, ".prose .callout") {
        assert_eq!(callout.value().attr("role"), Some("note"));
        let id = callout.value().attr("aria-labelledby").unwrap();
        let title = callout
            .select(&scraper::Selector::parse(".callout-title").unwrap())
            .next()
            .unwrap();
        assert_eq!(title.value().attr("id"), Some(id));
    }
    assert_eq!(
        texts(&doc, ".callout-key-points li"),
        ["First point", "Second point"]
    );
    assert_eq!(
        texts(&doc, ".callout-recommendations > p:not(.callout-title)"),
        ["Act soon."]
    );
    assert_eq!(
        texts(&doc, ".callout-note > p:not(.callout-title)"),
        ["Plain note."]
    );
    assert!(!f.read("briefings/c/index.html").contains("[!"));
    assert_eq!(texts(&doc, ".prose > blockquote"), ["An ordinary quote."]);
}

#[test]
fn bad_figures_charts_and_images_are_all_reported_with_their_position() {
    let f = Fixture::with_config(CONFIG);
    f.write("content/briefings/data.csv", "year,Japan\n2020,1\n");
    f.write_bytes("content/briefings/ok.png", &png(50, 50));
    let mut broken = png(300, 200);
    broken.truncate(broken.len() / 3);
    f.write_bytes("content/briefings/broken.png", &broken);
    f.article(
        "briefings/no-alt.md",
        "title = \"A\"\ndate = 2024-05-01",
        "Text.\n\n{{ figure(src=\"ok.png\", caption=\"No alt\") }}\n",
    );
    f.article(
        "briefings/no-column.md",
        "title = \"B\"\ndate = 2024-05-01",
        "{{ chart(data=\"data.csv\", x=\"year\",\n  y=\"China\", title=\"T\") }}\n",
    );
    f.article(
        "briefings/corrupt.md",
        "title = \"C\"\ndate = 2024-05-01",
        "Para.\n\n![Broken](../broken.png)\n",
    );
    f.article(
        "briefings/unknown-ref.md",
        "title = \"D\"\ndate = 2024-05-01",
        "See @fig:nowhere.\n",
    );
    let stderr = f.build_fails();
    for (needle, at) in [
        (
            "figure `ok.png` has no alt text",
            "content/briefings/no-alt.md:8:1",
        ),
        (
            "has no column `China`",
            "content/briefings/no-column.md:7:3",
        ),
        (
            "cannot decode the image",
            "content/briefings/corrupt.md:8:1",
        ),
        (
            "`@fig:nowhere` names no figure",
            "content/briefings/unknown-ref.md:6:5",
        ),
    ] {
        let at_msg = stderr
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} missing:\n{stderr}"));
        let location = &stderr[at_msg..];
        assert!(
            location[..location.find("\n\n").unwrap_or(location.len())].contains(at),
            "{needle} not at {at}:\n{stderr}"
        );
    }
    assert!(stderr.contains("data.csv:1"), "{stderr}");
    assert!(!f.out().exists(), "nothing written");
}

#[test]
fn an_oversized_image_is_an_error_not_a_slow_build() {
    let f = Fixture::with_config(&format!("{CONFIG}\n").replace(
        "widths = [160, 320]",
        "widths = [160, 320]\nmax_file_mb = 0.001",
    ));
    f.write_bytes("content/briefings/big.png", &png(300, 300));
    f.article(
        "briefings/a.md",
        "title = \"A\"\ndate = 2024-05-01",
        "{{ figure(src=\"../big.png\", alt=\"Big\") }}\n",
    );
    let stderr = f.build_fails();
    assert!(stderr.contains("over the 0.001 MB limit"), "{stderr}");
    assert!(stderr.contains("max_file_mb"), "{stderr}");
}

fn cache_files(root: &Path) -> BTreeMap<String, SystemTime> {
    fs::read_dir(root.join(".briefgen-cache/images"))
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                e.metadata().unwrap().modified().unwrap(),
            )
        })
        .collect()
}

fn build_lib(f: &Fixture) -> briefgen::build::BuildReport {
    briefgen::build::build(&briefgen::build::BuildOptions {
        root: f.root().to_path_buf(),
        ..Default::default()
    })
    .expect("build")
}

#[test]
fn a_rebuild_encodes_nothing_and_a_changed_image_is_encoded_again() {
    let f = briefing_with_figures();
    let first = build_lib(&f);
    // Two distinct images (map.png twice), two widths each, in two formats.
    assert_eq!(first.images_encoded, 8);
    let cached = cache_files(f.root());
    let page_before = f.read("briefings/routes/index.html");

    let second = build_lib(&f);
    assert_eq!(second.images_encoded, 0);
    let mut after = cache_files(f.root());
    after.remove("index.json");
    let mut before = cached.clone();
    before.remove("index.json");
    assert_eq!(before, after, "no cached file rewritten");
    assert_eq!(f.read("briefings/routes/index.html"), page_before);

    // Same bytes, new modification time: found by content hash, still nothing encoded.
    f.write_bytes("content/briefings/routes/map.png", &png(400, 200));
    assert_eq!(build_lib(&f).images_encoded, 0);

    f.write_bytes("content/briefings/routes/map.png", &png(400, 240));
    assert_eq!(build_lib(&f).images_encoded, 4);
    let doc = f.html("briefings/routes/index.html");
    // The widest copy is 320 px wide: 320 × 192 for the new 400 × 240 original.
    assert_eq!(attrs(&doc, "#fig-routes img", "height"), ["192"]);
}

#[test]
fn images_can_be_left_unprocessed() {
    let f = Fixture::with_config(&CONFIG.replace("widths = [160, 320]", "process = false"));
    f.write_bytes("content/briefings/a/pic.png", &png(100, 50));
    f.article(
        "briefings/a/index.md",
        "title = \"A\"\ndate = 2024-05-01",
        "Text.\n\n{{ figure(src=\"pic.png\", alt=\"Pic\") }}\n",
    );
    f.build(&[]);
    let doc = f.html("briefings/a/index.html");
    assert_eq!(
        attrs(&doc, "#figure-1 img", "src"),
        ["../../briefings/a/pic.png"]
    );
    assert!(!f.exists("_img"));
    assert!(!f.root().join(".briefgen-cache").exists());
}

#[test]
fn a_briefing_pdf_shows_as_a_download_with_size_and_pages() {
    let f = Fixture::with_config(CONFIG);
    f.write_bytes("static/reports/full.pdf", &pdf(12));
    f.article(
        "briefings/p.md",
        "title = \"P\"\ndate = 2024-05-01\npdf = \"/reports/full.pdf\"",
        "Body.",
    );
    f.article(
        "briefings/q.md",
        "title = \"Q\"\ndate = 2024-05-02\npdf = \"https://example.org/q.pdf\"",
        "Body.",
    );
    f.build(&[]);
    let doc = f.html("briefings/p/index.html");
    assert_eq!(
        attrs(&doc, ".pdf-download a", "href"),
        ["../../reports/full.pdf"]
    );
    assert_eq!(
        texts(&doc, ".pdf-download"),
        ["Download the full report (PDF) PDF, 1 KB, 12 pages"]
    );
    let doc = f.html("briefings/q/index.html");
    assert_eq!(
        texts(&doc, ".pdf-download"),
        ["Download the full report (PDF)"],
        "a remote PDF is linked without size"
    );
}

#[test]
fn generated_markup_survives_every_raw_html_mode() {
    for mode in ["sanitize", "escape", "trusted"] {
        let f = Fixture::with_config(&format!("{CONFIG}\n[markdown]\nraw_html = \"{mode}\"\n"));
        f.write("content/briefings/d.csv", "k,v\na,1\nb,2\n");
        f.article(
            "briefings/r.md",
            "title = \"R\"\ndate = 2024-05-01",
            "Raw <span>html</span> and <script>alert(1)</script> here.\n\n\
             {{ chart(data=\"../d.csv\", kind=\"bar\", title=\"T\") }}\n\n\
             > [!SUMMARY]\n> Short.\n",
        );
        f.build(&[]);
        let doc = f.html("briefings/r/index.html");
        assert_eq!(select(&doc, "#figure-1 svg.chart").len(), 2, "{mode}");
        assert_eq!(select(&doc, ".callout-summary").len(), 1, "{mode}");
        assert_eq!(
            select(&doc, ".prose script").len(),
            usize::from(mode == "trusted"),
            "{mode}"
        );
    }
}
