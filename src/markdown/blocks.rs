//! The parts of a body briefgen writes itself rather than pulldown-cmark: figure and chart
//! shortcodes, callout boxes, responsive images and `@fig:id` cross-references.
//!
//! They are swapped into the event stream as placeholders and filled in after the body is
//! rendered (and sanitised, when it has raw HTML): the sanitiser would strip the SVG and
//! `<picture>` briefgen makes, and `raw_html = "escape"` would show them as text.

use crate::diagnostics::Code;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::callout;
use crate::media::figure::{self, Numbered};
use crate::media::shortcode::{self, Shortcode};
use crate::media::{chart, escape, is_remote, BodyError, MediaContext};

/// Marks a placeholder: a character no one types, around the index of its HTML.
pub const MARK: char = '\u{E000}';

/// An image starting this early in the body is likely on the first screen: not lazy.
const FIRST_SCREEN_BYTES: usize = 600;

type Events<'a> = Vec<(Event<'a>, Range<usize>)>;

/// A body's events with placeholders in, and what they stand for.
pub struct Prepared<'a> {
    pub events: Events<'a>,
    pub blocks: Vec<String>,
    /// Element ids of the figures, for anchor checks.
    pub anchors: Vec<String>,
}

impl<'a> Prepared<'a> {
    /// A body with nothing of ours in it: its events as they are.
    fn untouched(events: Events<'a>) -> Self {
        Prepared {
            events,
            blocks: Vec::new(),
            anchors: Vec::new(),
        }
    }
}

/// Whether an HTML event is a placeholder (it must pass the raw HTML guard untouched).
pub fn is_placeholder(html: &str) -> bool {
    html.starts_with(MARK)
}

/// Replaces the placeholders in rendered `html` by their HTML.
pub fn fill(html: String, blocks: &[String]) -> String {
    if blocks.is_empty() {
        return html;
    }
    let mut out = String::with_capacity(html.len() + blocks.iter().map(String::len).sum::<usize>());
    for (i, part) in html.split(MARK).enumerate() {
        match (
            i % 2,
            part.parse::<usize>().ok().and_then(|n| blocks.get(n)),
        ) {
            (1, Some(block)) => out.push_str(block),
            _ => out.push_str(part),
        }
    }
    out
}

struct Builder<'c> {
    blocks: Vec<String>,
    errors: Vec<BodyError>,
    ctx: &'c MediaContext<'c>,
    root: &'c str,
    images_seen: usize,
    /// Per open block quote, whether it became a callout (its end must close the box).
    callouts: Vec<bool>,
    callout_ids: Vec<String>,
}

type Indexed<'a> = (usize, (Event<'a>, Range<usize>));

impl Builder<'_> {
    fn placeholder<'a>(&mut self, html: String, block: bool) -> Event<'a> {
        let text = format!(
            "{MARK}{}{MARK}{}",
            self.blocks.len(),
            if block { "\n" } else { "" }
        );
        self.blocks.push(html);
        if block {
            Event::Html(text.into())
        } else {
            Event::InlineHtml(text.into())
        }
    }

    /// `<picture>` (or a plain `<img>` for what is not resized) for `src` at `offset`; a
    /// figure's `src` may also name a file beside the Markdown file.
    fn image(
        &mut self,
        src: &str,
        alt: &str,
        offset: usize,
        figure: bool,
    ) -> Result<Option<String>, BodyError> {
        if is_remote(src) {
            return Ok(None);
        }
        let assets = self.ctx.assets;
        let found = if figure {
            assets.resolve(src, self.ctx.doc_rel, self.ctx.page_path)
        } else {
            assets.resolve_link(src, self.ctx.page_path)
        };
        let Some((out_rel, file)) = found else {
            return Ok(None);
        };
        self.images_seen += 1;
        let eager = self.images_seen == 1 && offset < FIRST_SCREEN_BYTES;
        match self.ctx.images {
            Some(store) if store.handles(file) => {
                let processed = store
                    .process(file)
                    .map_err(|e| BodyError::new(offset, Code::Image, e.message).hint(e.hint))?;
                Ok(Some(store.picture(&processed, alt, self.root, eager).html))
            }
            _ => Ok(Some(format!(
                "<img src=\"{}{}\" alt=\"{}\"{}>",
                self.root,
                escape(&out_rel),
                escape(alt),
                if eager { "" } else { " loading=\"lazy\"" }
            ))),
        }
    }

    /// A block quote's start: a callout box when its first line is a `[!KIND]` marker.
    fn block_quote_start<'a>(
        &mut self,
        event: Event<'a>,
        range: Range<usize>,
        markdown: &str,
        rest: &mut impl Iterator<Item = Indexed<'a>>,
        out: &mut Events<'a>,
    ) {
        match callout::marker(markdown, &range, self.ctx.labels) {
            Ok(Some(marker)) => {
                self.callouts.push(true);
                let n = self.blocks.len();
                self.callout_ids.push(format!("callout-{n}"));
                let html = callout::open(&marker, self.ctx.labels, n);
                out.push((self.placeholder(html, true), range));
                skip_marker_line(rest, out, marker.line_end);
            }
            Ok(None) => {
                self.callouts.push(false);
                out.push((event, range));
            }
            Err(e) => {
                self.callouts.push(false);
                self.errors.push(e);
                out.push((event, range));
            }
        }
    }

    /// A Markdown image, read to its end: a responsive picture when it is a file of the
    /// site, else left as pulldown-cmark wrote it.
    fn image_event<'a>(
        &mut self,
        event: Event<'a>,
        range: Range<usize>,
        rest: &mut impl Iterator<Item = Indexed<'a>>,
        out: &mut Events<'a>,
    ) {
        let mut inner = Vec::new();
        let mut alt = String::new();
        for (_, (e, r)) in rest.by_ref() {
            if matches!(e, Event::End(TagEnd::Image)) {
                inner.push((e, r));
                break;
            }
            if let Event::Text(t) | Event::Code(t) = &e {
                alt.push_str(t);
            }
            inner.push((e, r));
        }
        let dest_url = match &event {
            Event::Start(Tag::Image { dest_url, .. }) => dest_url.clone(),
            _ => CowStr::Borrowed(""),
        };
        match self.image(&dest_url, &alt, range.start, false) {
            Ok(Some(html)) => out.push((self.placeholder(html, false), range)),
            result => {
                if let Err(e) = result {
                    self.errors.push(e);
                }
                out.push((event, range));
                out.extend(inner);
            }
        }
    }

    fn figure(&mut self, s: &Shortcode, numbered: &Numbered) -> Result<String, BodyError> {
        s.reject_unknown(figure::FIGURE_ARGS)?;
        let src = s.require("src", "arctic-routes.png")?;
        let alt = figure::require_alt(s)?;
        let html = match self.image(&src.value, &alt, s.offset, true)? {
            Some(html) => html,
            None if is_remote(&src.value) => format!(
                "<img src=\"{}\" alt=\"{}\" loading=\"lazy\">",
                escape(&src.value),
                escape(&alt)
            ),
            None => {
                return Err(BodyError::new(
                    src.offset,
                    Code::Figure,
                    format!("figure image `{}` is not a file of the site", src.value),
                )
                .hint("put the image next to the Markdown file or under static/, and name it relative to the Markdown file or from the site root (/img/x.png)"))
            }
        };
        figure::render(
            s,
            numbered,
            &crate::media::images::Picture { html },
            self.ctx,
        )
    }
}

/// Finds the shortcodes, callouts, images and cross-references of a body and swaps in
/// placeholders. Every problem is reported, not only the first.
pub fn prepare<'a>(
    events: Events<'a>,
    markdown: &str,
    ctx: &MediaContext<'_>,
    root: &str,
) -> Result<Prepared<'a>, Vec<BodyError>> {
    let mut b = Builder {
        blocks: Vec::new(),
        errors: Vec::new(),
        ctx,
        root,
        images_seen: 0,
        callouts: Vec::new(),
        callout_ids: Vec::new(),
    };
    let shortcodes = find_shortcodes(&events, markdown, &mut b.errors);
    if shortcodes.is_empty() && b.errors.is_empty() && !has_blocks(&events, markdown) {
        // Most bodies are prose alone: hand their events back rather than copy them.
        return Ok(Prepared::untouched(events));
    }
    let numbered = match figure::number(&shortcodes.iter().map(|(_, _, s)| s).collect::<Vec<_>>()) {
        Ok(n) => n,
        Err(e) => {
            b.errors.extend(e);
            return Err(b.errors);
        }
    };
    let mut out: Events<'a> = Vec::with_capacity(events.len());
    let mut link_depth = 0usize;
    let mut next_shortcode = shortcodes.iter().zip(&numbered).peekable();
    let mut iter = events.into_iter().enumerate();
    while let Some((i, (event, range))) = iter.next() {
        if let Some(((start, end, s), n)) = next_shortcode.peek() {
            if *start == i {
                let end = *end;
                let html = match s.name.as_str() {
                    "figure" => b.figure(s, n),
                    _ => chart::render(s, n, ctx, root),
                };
                match html {
                    Ok(html) => out.push((b.placeholder(html, true), range)),
                    Err(e) => b.errors.push(e),
                }
                for _ in i..end {
                    iter.next();
                }
                next_shortcode.next();
                continue;
            }
        }
        match event {
            Event::Start(Tag::BlockQuote(_)) => {
                b.block_quote_start(event, range, markdown, &mut iter, &mut out)
            }
            Event::End(TagEnd::BlockQuote(kind)) => {
                if b.callouts.pop() == Some(true) {
                    out.push((b.placeholder(callout::CLOSE.to_string(), true), range));
                } else {
                    out.push((Event::End(TagEnd::BlockQuote(kind)), range));
                }
            }
            Event::Start(Tag::Image { .. }) => b.image_event(event, range, &mut iter, &mut out),
            Event::Start(Tag::Link { .. }) => {
                link_depth += 1;
                out.push((event, range));
            }
            Event::End(TagEnd::Link) => {
                link_depth = link_depth.saturating_sub(1);
                out.push((event, range));
            }
            Event::Text(text) if text.contains("@fig:") => {
                cross_references(
                    &mut b,
                    &mut out,
                    text,
                    range,
                    markdown,
                    &numbered,
                    link_depth > 0,
                );
            }
            other => out.push((other, range)),
        }
    }
    if !b.errors.is_empty() {
        return Err(b.errors);
    }
    Ok(Prepared {
        events: out,
        blocks: b.blocks,
        anchors: numbered
            .into_iter()
            .map(|n| n.anchor)
            .chain(b.callout_ids)
            .collect(),
    })
}

/// Whether anything in a body may become a block of ours: a block quote (a callout), an
/// image, or an `@fig:` reference (looked for once in the source, not in every text event).
fn has_blocks(events: &Events<'_>, markdown: &str) -> bool {
    markdown.contains("@fig:")
        || events
            .iter()
            .any(|(e, _)| matches!(e, Event::Start(Tag::BlockQuote(_) | Tag::Image { .. })))
}

/// The paragraphs that are a shortcode: (index of the paragraph start, of its end, parsed).
fn find_shortcodes(
    events: &Events<'_>,
    markdown: &str,
    errors: &mut Vec<BodyError>,
) -> Vec<(usize, usize, Shortcode)> {
    let mut found = Vec::new();
    for (i, (event, range)) in events.iter().enumerate() {
        if !matches!(event, Event::Start(Tag::Paragraph)) {
            continue;
        }
        let source = &markdown[range.clone()];
        if !shortcode::looks_like_shortcode(source) {
            continue;
        }
        let end = events[i..]
            .iter()
            .position(|(e, _)| matches!(e, Event::End(TagEnd::Paragraph)))
            .map_or(i, |p| i + p);
        match shortcode::parse(source, range.start) {
            Ok(s) if matches!(s.name.as_str(), "figure" | "chart") => found.push((i, end, s)),
            Ok(s) => errors.push(
                BodyError::new(
                    s.offset,
                    Code::Shortcode,
                    format!("unknown shortcode `{}`", s.name),
                )
                .hint("briefgen has {{ figure(…) }} and {{ chart(…) }}"),
            ),
            Err(e) => errors.push(e),
        }
    }
    found
}

/// Drops the `[!KIND] title` line from the start of a callout's first paragraph (and the
/// paragraph, when that line was all of it).
fn skip_marker_line<'a>(
    iter: &mut impl Iterator<Item = Indexed<'a>>,
    out: &mut Events<'a>,
    line_end: usize,
) {
    let mut held: Events<'a> = Vec::new();
    for (_, (e, r)) in iter.by_ref() {
        match e {
            Event::Start(Tag::Paragraph) if held.is_empty() => held.push((e, r)),
            _ if r.start < line_end && !matches!(e, Event::End(_)) => {}
            Event::SoftBreak | Event::HardBreak => {
                out.append(&mut held);
                return;
            }
            Event::End(TagEnd::Paragraph) if held.len() == 1 => return,
            e => {
                out.append(&mut held);
                out.push((e, r));
                return;
            }
        }
    }
}

/// Splits a text at its `@fig:id` references, each becoming a link to the figure.
fn cross_references<'a>(
    b: &mut Builder<'_>,
    out: &mut Events<'a>,
    text: CowStr<'a>,
    range: Range<usize>,
    markdown: &str,
    numbered: &[Numbered],
    in_link: bool,
) {
    let mut rest: &str = &text;
    let source = &markdown[range.clone()];
    while let Some(at) = rest.find("@fig:") {
        let name_len = rest[at + 5..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(rest.len() - at - 5);
        let name = rest[at + 5..at + 5 + name_len].trim_end_matches(['-', '_']);
        let whole = &rest[at..at + 5 + name.len()];
        if at > 0 {
            out.push((Event::Text(rest[..at].to_string().into()), range.clone()));
        }
        match numbered.iter().find(|n| n.name.as_deref() == Some(name)) {
            Some(n) => {
                let label = figure::label(b.ctx, n.number);
                if in_link {
                    out.push((Event::Text(label.into()), range.clone()));
                } else {
                    let html =
                        format!("<a class=\"figure-ref\" href=\"#{}\">{label}</a>", n.anchor);
                    out.push((b.placeholder(html, false), range.clone()));
                }
            }
            None => {
                let offset = range.start + source.find(whole).unwrap_or(0);
                b.errors.push(
                    BodyError::new(
                        offset,
                        Code::Figure,
                        format!("`{whole}` names no figure of this briefing"),
                    )
                    .hint(
                        match numbered
                            .iter()
                            .filter_map(|n| n.name.as_deref())
                            .collect::<Vec<_>>()
                        {
                            names if names.is_empty() => {
                                "give the figure an id, e.g. {{ figure(…, id=\"arctic-routes\") }}"
                                    .to_string()
                            }
                            names => format!("its figures' ids are: {}", names.join(", ")),
                        },
                    ),
                );
                out.push((Event::Text(whole.to_string().into()), range.clone()));
            }
        }
        rest = &rest[at + whole.len()..];
    }
    if !rest.is_empty() {
        out.push((Event::Text(rest.to_string().into()), range));
    }
}
