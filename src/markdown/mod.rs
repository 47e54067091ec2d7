//! Markdown → HTML for one body: heading ids and table of contents, highlighted code,
//! links rewritten so they stay inside the site's sub-path, word count and first paragraph.

mod blocks;
mod callout;
pub mod highlight;
mod raw;
mod rewrite;
pub mod sanitise;
mod state;
mod words;

use crate::diagnostics::Code;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag};

use rewrite::Rewriter;
use state::State;

use crate::config::RawHtml;
use crate::media::{BodyError, Labels, MediaContext};
use crate::model::RenderedBody;

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
    let capacity = events.len();
    let mut state = State::default();
    let footnotes = state.footnote_ids(&events);
    let prepared =
        blocks::prepare(events, markdown, media, links.root).map_err(|e| (Vec::new(), e))?;
    // Figure ids are taken before any heading's, as footnotes' are.
    state.used_ids.extend(prepared.anchors.iter().cloned());
    let guard = raw::Guard::new(raw_html);
    let rewritten =
        Rewriter::new(links, footnotes, state, guard, shift, capacity).run(prepared.events);
    if !rewritten.broken.is_empty() {
        return Err((rewritten.broken, Vec::new()));
    }
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, rewritten.events.into_iter());
    let (html, dropped) = rewritten.guard.finish(html, markdown);
    let mut html = blocks::fill(html, &prepared.blocks);
    // Every body is held until the build ends, and the buffer was sized for the worst case
    // (half as long again as the source): copy it into an exact allocation when that frees more
    // than an eighth. mimalloc's in-place `shrink_to_fit` keeps blocks that stay half used, so
    // only a copy returns the slack (600 MB at 100,000 briefings).
    if html.capacity() - html.len() > html.len() / 8 {
        html = String::from(html.as_str());
    }
    Ok(rewritten.state.into_body(html, prepared.anchors, dropped))
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

#[cfg(test)]
mod tests;
