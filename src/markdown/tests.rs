use super::*;

fn render_simple(md: &str) -> RenderedBody {
    let resolve = |p: &str| (p == "briefings/a.md").then(|| "briefings/a/".to_string());
    render(
        md,
        &LinkContext {
            root: "../../",
            resolve: &resolve,
        },
        RawHtml::Sanitize,
    )
    .unwrap()
}

#[test]
fn headings_get_stable_unique_ids_and_toc() {
    let r = render_simple("## Outlook\n\ntext\n\n### Risks\n\n## Outlook\n\n## Main\n");
    assert!(
        r.html.contains("<h2 id=\"outlook\">Outlook</h2>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("<h2 id=\"outlook-1\">"), "{}", r.html);
    assert!(
        r.html.contains("<h2 id=\"main-1\">"),
        "reserved id avoided: {}",
        r.html
    );
    assert_eq!(r.toc.len(), 3);
    assert_eq!(r.toc[0].children[0].id, "risks");
}

#[test]
fn body_h1_is_demoted() {
    let r = render_simple("# Summit\n\n## Sub\n");
    assert!(r.html.contains("<h2 id=\"summit\">"), "{}", r.html);
    assert!(r.html.contains("<h3 id=\"sub\">"), "{}", r.html);
    assert!(!r.html.contains("<h1"));
}

#[test]
fn links_stay_inside_the_site() {
    let r = render_simple("[a](@/briefings/a.md#x) [b](/tags/) [c](https://x.org/) [d](//cdn.x/y)");
    assert!(
        r.html.contains("href=\"../../briefings/a/#x\""),
        "{}",
        r.html
    );
    assert!(r.html.contains("href=\"../../tags/\""));
    assert!(r.html.contains("href=\"https://x.org/\""));
    assert!(r.html.contains("href=\"//cdn.x/y\""));
}

#[test]
fn broken_content_link_is_reported_with_offset() {
    let resolve = |_: &str| None;
    let err = render(
        "Text [x](@/nope.md)",
        &LinkContext {
            root: "",
            resolve: &resolve,
        },
        RawHtml::Sanitize,
    )
    .unwrap_err();
    assert_eq!(err[0].target, "@/nope.md");
    assert_eq!(err[0].offset, 5);
}

/// Every Markdown feature briefgen renders, with characters each escaper treats differently.
const EVERY_FEATURE: &str = "# Title & \"quotes\"\n\n## Sub {#custom .cls}\n\n\
    Text with *em*, **strong**, ~~del~~, `code \"q\" <b> & 'a'`, a\u{a0}nbsp, 'single' and \"double\" quotes,\n\
    a hard  \nbreak, [link](https://x.org/a?b=1&c='2' \"T <t>\"), [int](@/briefings/a.md#x), [root](/tags/),\n\
    ![alt & \"q\"](/img/a%20b.png \"Title\"), <https://auto.link/>, and a note[^1].\n\n\
    > Quote\n>\n> - nested\n\n1. one\n2. two\n\n3) three\n\n- [ ] open\n- [x] done\n\n---\n\n\
    | Left | Centre | Right |\n|:-----|:------:|------:|\n| a | `b` | **c** |\n\n\
    ```rust\nfn main() { let s = \"x's\"; println!(\"{}<{}>\", s, 1 & 2); }\n```\n\n\
    ```nosuchlang\n<b> & \"q\" 'a'\n```\n\n    indented <code>\n\n\
    [^1]: The note with [a link](https://x.org/).\n";

/// Renders `md` with a raw `<span>` around its last word and without, and checks the two
/// differ only by the span.
fn assert_raw_span_changes_nothing_else(md: &str) {
    let plain = render_simple(&format!("{md}\nLast word.\n"));
    let raw = render_simple(&format!("{md}\nLast <span>word</span>.\n"));
    assert!(plain.dropped.is_empty() && raw.dropped.is_empty());
    assert_eq!(
        raw.html,
        plain.html.replace("Last word.", "Last <span>word</span>.")
    );
}

#[test]
fn raw_html_leaves_the_rest_of_the_body_byte_identical() {
    let html = render_simple(EVERY_FEATURE).html;
    for generated in [
        "<br />",
        "<hr />",
        "checked=\"\"/>",
        "&#39;",
        "&quot;",
        "text-align: center",
        "<img src=\"../../img/a%20b.png\"",
        "&amp;c=&#x27;2&#x27;",
        "footnote-definition",
        "<h3 id=\"custom\" class=\"cls\">",
        "table-wrap",
        "\u{a0}",
    ] {
        assert!(html.contains(generated), "{generated}: {html}");
    }
    assert_raw_span_changes_nothing_else(EVERY_FEATURE);
    let example = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/content/briefings/deterrence-by-denial-okinawa.md"
    ))
    .unwrap();
    let body = example.splitn(3, "+++").nth(2).unwrap();
    assert_raw_span_changes_nothing_else(body);
}

#[test]
fn code_is_highlighted_with_classes() {
    let r = render_simple("```rust\nfn main() {}\n```\n\n```nosuchlang\n<b>\n```\n");
    assert!(r.html.contains("class=\"hl-"), "{}", r.html);
    assert!(r.html.contains("&lt;b&gt;"), "{}", r.html);
}

#[test]
fn tables_footnotes_and_smart_punctuation() {
    let r =
        render_simple("| a | b |\n|---|---|\n| 1 | 2 |\n\nSee \"this\"[^n].\n\n[^n]: A note.\n");
    assert!(r.html.contains("<div class=\"table-wrap\""));
    assert!(r.html.contains("<table>"));
    assert!(r.html.contains("footnote-definition"));
    assert!(r.html.contains('\u{201c}'), "{}", r.html);
}

#[test]
fn footnote_ids_never_repeat_or_collide_with_headings() {
    // Found by the `markdown` fuzz target: a repeated definition repeated its id.
    let r = render_simple(
        "## N\n\nOne[^n] two[^main].\n\n[^n]: First.\n\n[^n]: Second.\n\n[^main]: M.\n",
    );
    assert_eq!(r.html.matches("id=\"n\"").count(), 1, "{}", r.html);
    assert!(r.html.contains("id=\"n-1\""), "{}", r.html);
    assert!(!r.html.contains("Second."), "{}", r.html);
    // `main` is the template's; the footnote takes another id and its reference follows.
    assert!(!r.html.contains("id=\"main\""), "{}", r.html);
    assert!(r.html.contains("href=\"#main-1\""), "{}", r.html);
    assert!(r.html.contains("id=\"main-1\""), "{}", r.html);
    let mut anchors = r.anchors.clone();
    anchors.sort();
    anchors.dedup();
    assert_eq!(anchors.len(), r.anchors.len(), "{:?}", r.anchors);
}

#[test]
fn links_in_headings_are_rewritten_too() {
    let r = render_simple("## See [a](@/briefings/a.md) and [t](/tags/)\n");
    assert!(r.html.contains("href=\"../../briefings/a/\""), "{}", r.html);
    assert!(r.html.contains("href=\"../../tags/\""), "{}", r.html);
    let resolve = |_: &str| None;
    let links = LinkContext {
        root: "../",
        resolve: &resolve,
    };
    let broken = render(
        "# Title\n\n## [x](@/nowhere.md)\n",
        &links,
        RawHtml::Sanitize,
    )
    .unwrap_err();
    assert_eq!(broken[0].target, "@/nowhere.md");
    assert_eq!(broken[0].offset, 12);
}

#[test]
fn first_paragraph_words_and_reading_time() {
    let r = render_simple("> quote first\n\nThe *real* first\nparagraph.\n\nSecond.\n");
    assert_eq!(r.first_paragraph, "The real first paragraph.");
    assert_eq!(r.word_count, 7);
    assert_eq!(r.reading_time, 1);
    let long = "word ".repeat(1100);
    assert_eq!(render_simple(&long).reading_time, 5);
    let cjk = "北".repeat(1000);
    assert_eq!(render_simple(&cjk).reading_time, 2);
}

#[test]
fn word_count_counts_whitespace_separated_words_with_a_letter_or_digit() {
    for (text, words) in [
        ("", 0),
        ("one", 1),
        ("  two  words ", 2),
        ("a - b — c", 3),
        ("tabs\tand\nnewlines\r\nhere", 4),
        ("-- ... !!", 0),
        ("x2 2024 (n)", 3),
    ] {
        let mut state = State::default();
        state.count_words(text);
        assert_eq!(state.words, words, "{text:?}");
    }
}
