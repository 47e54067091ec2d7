//! The one pass over a body's events: heading ids, highlighted code, links kept inside the
//! site, tables made scrollable, footnote definitions deduplicated, raw HTML guarded.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::state::State;
use super::{code_block_html, raw, BrokenLink, LinkContext};
use crate::normalise::slugify;

type Spanned<'a> = (Event<'a>, Range<usize>);

/// The rewriting pass and what it gathers; `finish` hands back its parts.
pub(super) struct Rewriter<'a, 'l> {
    links: &'l LinkContext<'l>,
    /// Footnote name → the id it was given before any heading took one.
    footnotes: HashMap<String, String>,
    /// Footnote names already defined once: a second definition is dropped.
    defined: HashSet<String>,
    /// Whether the body has an h1, so every heading moves one level down.
    shift: bool,
    state: State,
    guard: raw::Guard,
    broken: Vec<BrokenLink>,
    out: Vec<Event<'a>>,
}

/// What the pass produced: the rewritten events and everything learned on the way.
pub(super) struct Rewritten<'a> {
    pub events: Vec<Event<'a>>,
    pub state: State,
    pub guard: raw::Guard,
    pub broken: Vec<BrokenLink>,
}

impl<'a, 'l> Rewriter<'a, 'l> {
    pub(super) fn new(
        links: &'l LinkContext<'l>,
        footnotes: HashMap<String, String>,
        state: State,
        guard: raw::Guard,
        shift: bool,
        capacity: usize,
    ) -> Self {
        Rewriter {
            links,
            footnotes,
            defined: HashSet::new(),
            shift,
            state,
            guard,
            broken: Vec::new(),
            out: Vec::with_capacity(capacity),
        }
    }

    pub(super) fn run(mut self, events: Vec<Spanned<'a>>) -> Rewritten<'a> {
        let mut iter = events.into_iter();
        while let Some((event, range)) = iter.next() {
            self.event(event, range, &mut iter);
        }
        Rewritten {
            events: self.out,
            state: self.state,
            guard: self.guard,
            broken: self.broken,
        }
    }

    /// One event; the ones that open a block needing all its content (headings, code,
    /// footnote definitions) read on from `rest`.
    fn event(
        &mut self,
        event: Event<'a>,
        range: Range<usize>,
        rest: &mut impl Iterator<Item = Spanned<'a>>,
    ) {
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let level = if self.shift { demote(level) } else { level };
                let (inner, text) = self.heading_content(rest);
                let id = self
                    .state
                    .unique_id(id.map(|i| i.to_string()).unwrap_or_else(|| slugify(&text)));
                self.state
                    .headings
                    .push((level as u8, id.clone(), text.trim().to_string()));
                self.out.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(id.into()),
                    classes,
                    attrs: self.guard.heading_attrs(attrs, range.start),
                }));
                self.out.extend(inner);
                self.out.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let html = code_block(&kind, rest);
                self.out.push(Event::Html(html.into()));
            }
            e @ (Event::Start(Tag::Link { .. } | Tag::Image { .. })
            | Event::FootnoteReference(_)) => {
                let e = self.inline(e, range.start);
                self.out.push(e);
            }
            Event::Start(Tag::Table(align)) => {
                self.out.push(Event::Html(
                    "<div class=\"table-wrap\" role=\"region\" aria-label=\"Table\" tabindex=\"0\">\n".into(),
                ));
                self.out.push(Event::Start(Tag::Table(align)));
            }
            Event::End(TagEnd::Table) => {
                self.out.push(Event::End(TagEnd::Table));
                self.out.push(Event::Html("</div>\n".into()));
            }
            Event::Start(Tag::FootnoteDefinition(name)) => self.footnote_definition(name, rest),
            other => self.plain(other, range),
        }
    }

    /// Events that need no look-ahead: they only feed the word count, the first paragraph
    /// and the raw-HTML guard.
    fn plain(&mut self, event: Event<'a>, range: Range<usize>) {
        let event = match event {
            Event::Start(Tag::Paragraph) => {
                self.state.paragraph_depth_start();
                event
            }
            Event::End(TagEnd::Paragraph) => {
                self.state.paragraph_end();
                event
            }
            Event::Start(_) => {
                self.state.container_depth += 1;
                event
            }
            Event::End(_) => {
                self.state.container_depth = self.state.container_depth.saturating_sub(1);
                event
            }
            Event::Text(ref t) => {
                if !self.guard.in_script() {
                    self.state.text(t);
                }
                event
            }
            Event::Code(ref t) => {
                self.state.text(t);
                event
            }
            Event::SoftBreak | Event::HardBreak => {
                self.state.text(" ");
                event
            }
            Event::Html(_) | Event::InlineHtml(_) => self.guard.event(event, range),
            other => other,
        };
        self.out.push(event);
    }

    /// A heading's events up to its end, rewritten, with its plain text (for its id).
    fn heading_content(
        &mut self,
        rest: &mut impl Iterator<Item = Spanned<'a>>,
    ) -> (Vec<Event<'a>>, String) {
        let mut inner = Vec::new();
        let mut text = String::new();
        for (e, r) in rest.by_ref() {
            if matches!(e, Event::End(TagEnd::Heading(_))) {
                break;
            }
            let start = r.start;
            let e = self.guard.event(e, r);
            if let Event::Text(t) | Event::Code(t) = &e {
                if self.guard.in_script() {
                    inner.push(e);
                    continue;
                }
                text.push_str(t);
                self.state.count_words(t);
            }
            // Links and footnote references in a heading obey the same rules as anywhere.
            inner.push(self.inline(e, start));
        }
        (inner, text)
    }

    fn footnote_definition(
        &mut self,
        name: CowStr<'a>,
        rest: &mut impl Iterator<Item = Spanned<'a>>,
    ) {
        if !self.defined.insert(name.to_string()) {
            // A second definition of a name would repeat its id; the first one wins.
            skip_footnote_definition(rest);
            return;
        }
        let id = self
            .footnotes
            .get(name.as_ref())
            .cloned()
            .unwrap_or_default();
        self.state.anchors.push(id.clone());
        self.out
            .push(Event::Start(Tag::FootnoteDefinition(id.into())));
    }

    /// Rewrites the inline events that point somewhere: link and image targets (resolved,
    /// then emptied by the guard when unsafe), footnote references.
    fn inline(&mut self, event: Event<'a>, offset: usize) -> Event<'a> {
        let (links, broken, guard) = (self.links, &mut self.broken, &mut self.guard);
        let mut dest =
            |url: CowStr<'a>| guard.url(rewrite_url(&url, links, offset, broken), offset);
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
            Event::FootnoteReference(name) => match self.footnotes.get(name.as_ref()) {
                Some(id) => Event::FootnoteReference(id.clone().into()),
                None => Event::FootnoteReference(name),
            },
            other => other,
        }
    }
}

/// A fenced or indented code block's content, read to its end, as highlighted HTML.
fn code_block<'a>(
    kind: &CodeBlockKind<'a>,
    rest: &mut impl Iterator<Item = Spanned<'a>>,
) -> String {
    let lang = match kind {
        CodeBlockKind::Fenced(info) => info.split([' ', ',', '{']).next().unwrap_or(""),
        CodeBlockKind::Indented => "",
    };
    let mut code = String::new();
    for (e, _) in rest.by_ref() {
        match e {
            Event::End(TagEnd::CodeBlock) => break,
            Event::Text(t) => code.push_str(&t),
            _ => {}
        }
    }
    code_block_html(lang, &code)
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

/// Drops the rest of a footnote definition whose start was just read.
fn skip_footnote_definition<'a>(rest: &mut impl Iterator<Item = Spanned<'a>>) {
    let mut depth = 1;
    for (e, _) in rest {
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
