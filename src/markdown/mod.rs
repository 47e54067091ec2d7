//! Markdown → HTML for one body: heading ids and table of contents, highlighted code,
//! links rewritten so they stay inside the site's sub-path, word count and first paragraph.

mod blocks;
mod callout;
pub mod highlight;
mod raw;
pub mod sanitise;
mod words;

use crate::diagnostics::Code;
use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::config::RawHtml;
use crate::media::{BodyError, Labels, MediaContext};
use crate::model::{RenderedBody, TocEntry};
use crate::normalise::slugify;

/// Ids the templates use themselves; headings never take them.
const RESERVED_IDS: &[&str] = &["main", "top", "contents", "site-nav", "footnotes", "skip"];

const WORDS_PER_MINUTE: usize = 220;
const CJK_CHARS_PER_MINUTE: usize = 500;

/// How links in a body are resolved.
pub struct LinkContext<'a> {
    /// Relative prefix from the rendered page to the site root, e.g. `../../`.
    pub root: &'a str,
    /// Maps a content path (`briefings/x.md`) to its output path (`briefings/x/`).
    pub resolve: &'a (dyn Fn(&str) -> Option<String> + Sync),
}

/// A link in a body that points at nothing; `offset` is a byte offset into the Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    pub target: String,
    pub offset: usize,
}

/// The Markdown extensions bodies are parsed with; `check` parses bodies the same way.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders one Markdown body without the site's files: figure and chart shortcodes that name
/// a file are reported missing, images are left as written. Every problem comes back as a
/// broken link (non-link problems with their message as the target).
pub fn render(
    markdown: &str,
    links: &LinkContext<'_>,
    raw_html: RawHtml,
) -> Result<RenderedBody, Vec<BrokenLink>> {
    let labels = Labels::default();
    render_body(markdown, links, raw_html, &MediaContext::empty(&labels)).map_err(
        |(mut broken, others)| {
            broken.extend(others.into_iter().map(|e| BrokenLink {
                target: e.message,
                offset: e.offset,
            }));
            broken
        },
    )
}

/// Renders one Markdown body with its figures, charts, callouts and responsive images;
/// `raw_html` decides what happens to HTML written in it.
pub fn render_with_media(
    markdown: &str,
    links: &LinkContext<'_>,
    raw_html: RawHtml,
    media: &MediaContext<'_>,
) -> Result<RenderedBody, Vec<BodyError>> {
    render_body(markdown, links, raw_html, media).map_err(|(broken, mut others)| {
        let mut errors: Vec<BodyError> = broken
            .into_iter()
            .map(|b| {
                BodyError::new(
                    b.offset,
                    Code::Link,
                    format!("link to `{}` points at no content file", b.target),
                )
                .hint("`@/` links name a file under content/, e.g. @/briefings/x.md")
            })
            .collect();
        errors.append(&mut others);
        errors.sort_by_key(|e| e.offset);
        errors
    })
}

fn render_body(
    markdown: &str,
    links: &LinkContext<'_>,
    raw_html: RawHtml,
    media: &MediaContext<'_>,
) -> Result<RenderedBody, (Vec<BrokenLink>, Vec<BodyError>)> {
    let events: Vec<(Event<'_>, std::ops::Range<usize>)> = Parser::new_ext(markdown, options())
        .into_offset_iter()
        .collect();
    // A body `# Heading` would compete with the page title, the page's only h1: shift all down.
    let shift = events.iter().any(|(e, _)| {
        matches!(
            e,
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            })
        )
    });

    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut state = State::default();
    let footnotes = state.footnote_ids(&events);
    let prepared =
        blocks::prepare(events, markdown, media, links.root).map_err(|e| (Vec::new(), e))?;
    let (events, media_blocks) = (prepared.events, prepared.blocks);
    // Figure ids are taken before any heading's, as footnotes' are.
    state.used_ids.extend(prepared.anchors.iter().cloned());
    let mut defined = HashSet::new();
    let mut broken = Vec::new();
    let mut guard = raw::Guard::new(raw_html);
    let mut iter = events.into_iter();
    while let Some((event, range)) = iter.next() {
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let level = if shift { demote(level) } else { level };
                let mut inner = Vec::new();
                let mut text = String::new();
                for (e, r) in iter.by_ref() {
                    if matches!(e, Event::End(TagEnd::Heading(_))) {
                        break;
                    }
                    let start = r.start;
                    let e = guard.event(e, r);
                    if let Event::Text(t) | Event::Code(t) = &e {
                        if guard.in_script() {
                            inner.push(e);
                            continue;
                        }
                        text.push_str(t);
                        state.count_words(t);
                    }
                    // Links and footnote references in a heading obey the same rules as anywhere.
                    inner.push(rewrite_inline(
                        e,
                        start,
                        links,
                        &footnotes,
                        &mut broken,
                        &mut guard,
                    ));
                }
                let id =
                    state.unique_id(id.map(|i| i.to_string()).unwrap_or_else(|| slugify(&text)));
                state
                    .headings
                    .push((level as u8, id.clone(), text.trim().to_string()));
                out.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(id.into()),
                    classes,
                    attrs: guard.heading_attrs(attrs, range.start),
                }));
                out.extend(inner);
                out.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match &kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split([' ', ',', '{']).next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                let mut code = String::new();
                for (e, _) in iter.by_ref() {
                    match e {
                        Event::End(TagEnd::CodeBlock) => break,
                        Event::Text(t) => code.push_str(&t),
                        _ => {}
                    }
                }
                out.push(Event::Html(code_block_html(&lang, &code).into()));
            }
            e @ (Event::Start(Tag::Link { .. } | Tag::Image { .. })
            | Event::FootnoteReference(_)) => {
                out.push(rewrite_inline(
                    e,
                    range.start,
                    links,
                    &footnotes,
                    &mut broken,
                    &mut guard,
                ));
            }
            Event::Start(Tag::Table(align)) => {
                out.push(Event::Html(
                    "<div class=\"table-wrap\" role=\"region\" aria-label=\"Table\" tabindex=\"0\">\n".into(),
                ));
                out.push(Event::Start(Tag::Table(align)));
            }
            Event::End(TagEnd::Table) => {
                out.push(Event::End(TagEnd::Table));
                out.push(Event::Html("</div>\n".into()));
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                if !defined.insert(name.to_string()) {
                    // A second definition of a name would repeat its id; the first one wins.
                    skip_footnote_definition(&mut iter);
                    continue;
                }
                let id = footnotes.get(name.as_ref()).cloned().unwrap_or_default();
                state.anchors.push(id.clone());
                out.push(Event::Start(Tag::FootnoteDefinition(id.into())));
            }
            Event::Start(Tag::Paragraph) => {
                state.paragraph_depth_start();
                out.push(Event::Start(Tag::Paragraph));
            }
            Event::End(TagEnd::Paragraph) => {
                state.paragraph_end();
                out.push(Event::End(TagEnd::Paragraph));
            }
            Event::Start(tag) => {
                state.container_depth += 1;
                out.push(Event::Start(tag));
            }
            Event::End(tag) => {
                state.container_depth = state.container_depth.saturating_sub(1);
                out.push(Event::End(tag));
            }
            Event::Text(t) => {
                if !guard.in_script() {
                    state.text(&t);
                }
                out.push(Event::Text(t));
            }
            Event::Code(t) => {
                state.text(&t);
                out.push(Event::Code(t));
            }
            Event::SoftBreak | Event::HardBreak => {
                state.text(" ");
                out.push(event);
            }
            Event::Html(_) | Event::InlineHtml(_) => out.push(guard.event(event, range)),
            other => out.push(other),
        }
    }
    if !broken.is_empty() {
        return Err((broken, Vec::new()));
    }
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    let (html, dropped) = guard.finish(html, markdown);
    let mut html = blocks::fill(html, &media_blocks);
    // Every body is held until the build ends, and the buffer was sized for the worst case
    // (half as long again as the source): copy it into an exact allocation when that frees more
    // than an eighth. mimalloc's in-place `shrink_to_fit` keeps blocks that stay half used, so
    // only a copy returns the slack (600 MB at 100,000 briefings).
    if html.capacity() - html.len() > html.len() / 8 {
        html = String::from(html.as_str());
    }
    let reading_time = (state.words * 60 / WORDS_PER_MINUTE
        + state.cjk_chars * 60 / CJK_CHARS_PER_MINUTE)
        .div_ceil(60);
    let mut anchors = state.anchors;
    anchors.extend(prepared.anchors);
    anchors.extend(state.headings.iter().map(|(_, id, _)| id.clone()));
    Ok(RenderedBody {
        html,
        toc: build_toc(&state.headings),
        first_paragraph: state
            .first_paragraph
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        word_count: state.words + state.cjk_chars,
        reading_time: reading_time.max(1),
        anchors,
        dropped,
    })
}

fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

fn code_block_html(lang: &str, code: &str) -> String {
    let lang_class = if lang.is_empty() {
        String::new()
    } else {
        format!(
            " class=\"language-{}\" data-lang=\"{}\"",
            escape_attr(lang),
            escape_attr(lang)
        )
    };
    match highlight::highlight(lang, code) {
        Some(html) => {
            format!("<pre class=\"hl-code\" tabindex=\"0\"><code{lang_class}>{html}</code></pre>\n")
        }
        None => {
            let mut escaped = String::with_capacity(code.len());
            pulldown_cmark_escape::escape_html_body_text(&mut escaped, code)
                .expect("writing to a String");
            format!(
                "<pre class=\"hl-code\" tabindex=\"0\"><code{lang_class}>{escaped}</code></pre>\n"
            )
        }
    }
}

fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    pulldown_cmark_escape::escape_html(&mut out, s).expect("writing to a String");
    out
}

/// Rewrites the inline events that point somewhere: link and image targets (resolved, then
/// emptied by `guard` when unsafe), footnote references.
fn rewrite_inline<'a>(
    event: Event<'a>,
    offset: usize,
    links: &LinkContext<'_>,
    footnotes: &HashMap<String, String>,
    broken: &mut Vec<BrokenLink>,
    guard: &mut raw::Guard,
) -> Event<'a> {
    let mut dest = |url: CowStr<'a>| guard.url(rewrite_url(&url, links, offset, broken), offset);
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: dest(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: dest(dest_url),
            title,
            id,
        }),
        Event::FootnoteReference(name) => match footnotes.get(name.as_ref()) {
            Some(id) => Event::FootnoteReference(id.clone().into()),
            None => Event::FootnoteReference(name),
        },
        other => other,
    }
}

/// Drops the rest of a footnote definition whose start was just read.
fn skip_footnote_definition<'a>(
    iter: &mut impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)>,
) {
    let mut depth = 1;
    for (e, _) in iter {
        match e {
            Event::Start(Tag::FootnoteDefinition(_)) => depth += 1,
            Event::End(TagEnd::FootnoteDefinition) => {
                depth -= 1;
                if depth == 0 {
                    return;
                }
            }
            _ => {}
        }
    }
}

/// Keeps internal links inside the site: `@/x.md` → the page it becomes; `/x/` → under the root.
fn rewrite_url<'a>(
    url: &CowStr<'a>,
    links: &LinkContext<'_>,
    offset: usize,
    broken: &mut Vec<BrokenLink>,
) -> CowStr<'a> {
    if let Some(content_path) = url.strip_prefix("@/") {
        let (file, fragment) = content_path
            .split_once('#')
            .map_or((content_path, None), |(f, a)| (f, Some(a)));
        return match (links.resolve)(file) {
            Some(path) => {
                let frag = fragment.map(|f| format!("#{f}")).unwrap_or_default();
                format!("{}{}{}", links.root, path, frag).into()
            }
            None => {
                broken.push(BrokenLink {
                    target: url.to_string(),
                    offset,
                });
                url.clone()
            }
        };
    }
    if url.starts_with('/') && !url.starts_with("//") {
        return format!("{}{}", links.root, &url[1..]).into();
    }
    url.clone()
}

#[derive(Default)]
struct State {
    words: usize,
    cjk_chars: usize,
    headings: Vec<(u8, String, String)>,
    used_ids: HashSet<String>,
    /// Per base id, the next suffix to try, so n equal headings cost O(n), not O(n²).
    next_suffix: HashMap<String, usize>,
    anchors: Vec<String>,
    container_depth: usize,
    in_first_paragraph: bool,
    first_paragraph_done: bool,
    first_paragraph: String,
}

impl State {
    fn unique_id(&mut self, base: String) -> String {
        let base = if base.is_empty() {
            "section".to_string()
        } else {
            base
        };
        let mut id = base.clone();
        let n = self.next_suffix.entry(base.clone()).or_insert(1);
        if self.used_ids.contains(&id) || RESERVED_IDS.contains(&id.as_str()) {
            loop {
                id = format!("{base}-{n}");
                *n += 1;
                if !self.used_ids.contains(&id) && !RESERVED_IDS.contains(&id.as_str()) {
                    break;
                }
            }
        }
        self.used_ids.insert(id.clone());
        id
    }

    /// Gives each footnote name an id before any heading takes one, so the two never collide:
    /// the written name when it is free, else the name with a number.
    fn footnote_ids(
        &mut self,
        events: &[(Event<'_>, std::ops::Range<usize>)],
    ) -> HashMap<String, String> {
        let mut ids = HashMap::new();
        for (e, _) in events {
            if let Event::Start(Tag::FootnoteDefinition(name)) = e {
                if !ids.contains_key(name.as_ref()) {
                    let id = self.unique_id(name.to_string());
                    ids.insert(name.to_string(), id);
                }
            }
        }
        ids
    }

    fn count_words(&mut self, text: &str) {
        let (words, cjk_chars) = words::count(text);
        self.words += words;
        self.cjk_chars += cjk_chars;
    }

    fn text(&mut self, text: &str) {
        self.count_words(text);
        if self.in_first_paragraph {
            self.first_paragraph.push_str(text);
        }
    }

    fn paragraph_depth_start(&mut self) {
        if !self.first_paragraph_done && self.container_depth == 0 {
            self.in_first_paragraph = true;
        }
    }

    fn paragraph_end(&mut self) {
        if self.in_first_paragraph {
            self.in_first_paragraph = false;
            self.first_paragraph_done = !self.first_paragraph.trim().is_empty();
        }
    }
}

/// Nests a flat list of headings (level ≥ 2) into a tree.
fn build_toc(headings: &[(u8, String, String)]) -> Vec<TocEntry> {
    fn insert(list: &mut Vec<TocEntry>, entry: TocEntry) {
        match list.last_mut() {
            Some(last) if last.level < entry.level => insert(&mut last.children, entry),
            _ => list.push(entry),
        }
    }
    let mut toc = Vec::new();
    for (level, id, title) in headings.iter().filter(|(l, _, _)| *l >= 2) {
        insert(
            &mut toc,
            TocEntry {
                level: *level,
                id: id.clone(),
                title: title.clone(),
                children: Vec::new(),
            },
        );
    }
    toc
}

#[cfg(test)]
mod tests {
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
        let r =
            render_simple("[a](@/briefings/a.md#x) [b](/tags/) [c](https://x.org/) [d](//cdn.x/y)");
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
        let r = render_simple(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\nSee \"this\"[^n].\n\n[^n]: A note.\n",
        );
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
}
