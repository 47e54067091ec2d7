//! Applies the site's `raw_html` setting while a body's events stream past, and neutralises
//! `javascript:` links written in Markdown syntax, which pulldown-cmark passes through.

use crate::diagnostics::Code;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event};

use super::sanitise;
use crate::config::RawHtml;
use crate::model::Dropped;

/// Collects what a body's raw HTML and links need, event by event.
pub struct Guard {
    mode: RawHtml,
    /// Byte ranges of the body's raw HTML, in order; empty means the body is left alone.
    raw: Vec<Range<usize>>,
    dropped: Vec<Dropped>,
    /// Inside an inline `<script>` or `<style>`, whose text pulldown-cmark reports as text.
    in_script: bool,
}

impl Guard {
    pub fn new(mode: RawHtml) -> Guard {
        Guard {
            mode,
            raw: Vec::new(),
            dropped: Vec::new(),
            in_script: false,
        }
    }

    /// Passes one raw HTML event through (others unchanged); `range` is where it is in the
    /// Markdown. Link and image targets go through [`Guard::url`].
    pub fn event<'a>(&mut self, event: Event<'a>, range: Range<usize>) -> Event<'a> {
        match event {
            // briefgen's own markup, filled in after sanitising.
            Event::Html(ref h) | Event::InlineHtml(ref h) if super::blocks::is_placeholder(h) => {
                event
            }
            Event::Html(h) | Event::InlineHtml(h) if self.mode == RawHtml::Escape => Event::Text(h),
            Event::Html(_) | Event::InlineHtml(_) if self.mode == RawHtml::Sanitize => {
                if let Event::InlineHtml(h) = &event {
                    let tag = h.get(..7).unwrap_or(h).to_ascii_lowercase();
                    if tag.starts_with("<script") || tag.starts_with("<style") {
                        self.in_script = !h.trim_end().ends_with("/>");
                    } else if tag.starts_with("</scrip") || tag.starts_with("</style") {
                        self.in_script = false;
                    }
                }
                self.raw.push(range);
                event
            }
            other => other,
        }
    }

    /// Whether text now is the body of a script or style that sanitising removes: it counts
    /// neither as words nor towards the summary.
    pub fn in_script(&self) -> bool {
        self.in_script
    }

    /// Heading attributes (`## T {key=value}`) other than `lang`, `dir` and `title` are
    /// dropped: pulldown-cmark writes any name, `onclick` included, as written.
    pub fn heading_attrs<'a>(
        &mut self,
        attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
        offset: usize,
    ) -> Vec<(CowStr<'a>, Option<CowStr<'a>>)> {
        if self.mode == RawHtml::Trusted || attrs.is_empty() {
            return attrs;
        }
        let (kept, dropped): (Vec<_>, Vec<_>) = attrs.into_iter().partition(|(k, _)| {
            ["lang", "dir", "title"].contains(&k.to_ascii_lowercase().as_str())
        });
        if !dropped.is_empty() {
            let names: Vec<String> = dropped.iter().map(|(k, _)| format!("`{k}`")).collect();
            self.dropped.push(Dropped {
                offset,
                code: Code::UnsafeAttribute,
                message: format!(
                    "heading attribute {} removed: only `lang`, `dir` and `title` are allowed",
                    names.join(", ")
                ),
            });
        }
        kept
    }

    /// A link or image destination, emptied when following it would run script.
    pub fn url<'a>(&mut self, dest: CowStr<'a>, offset: usize) -> CowStr<'a> {
        if self.mode == RawHtml::Trusted || !sanitise::is_dangerous_url(&dest) {
            return dest;
        }
        let scheme: String = dest
            .split(':')
            .next()
            .unwrap_or("")
            .chars()
            .filter(char::is_ascii_alphabetic)
            .collect::<String>()
            .to_ascii_lowercase();
        self.dropped.push(Dropped {
            offset,
            code: Code::UnsafeUrl,
            message: format!(
                "link to a `{scheme}:` URL removed: it would run script or embed a document"
            ),
        });
        CowStr::Borrowed("")
    }

    /// Sanitises the rendered `html` if the body had raw HTML; returns it with what was removed.
    pub fn finish(mut self, html: String, markdown: &str) -> (String, Vec<Dropped>) {
        if self.raw.is_empty() {
            return (html, self.dropped);
        }
        let (clean, removed) = sanitise::sanitise(&html);
        if removed.is_empty() {
            return (clean, self.dropped);
        }
        // Name each removal at the first raw HTML that mentions it, so the editor sees where.
        let mut by_fragment: Vec<(usize, Vec<String>)> = Vec::new();
        let items = removed
            .tags
            .iter()
            .map(|t| (format!("<{t}"), format!("<{t}>")))
            .chain(removed.attributes.iter().map(|a| {
                let name = a.split('=').next().unwrap_or(a);
                (name.to_string(), format!("`{a}`"))
            }));
        for (needle, shown) in items {
            let at = self
                .raw
                .iter()
                .find(|r| {
                    markdown
                        .get(r.start..r.end)
                        .is_some_and(|s| s.to_ascii_lowercase().contains(&needle))
                })
                .unwrap_or(&self.raw[0])
                .start;
            match by_fragment.iter_mut().find(|(o, _)| *o == at) {
                Some((_, list)) => list.push(shown),
                None => by_fragment.push((at, vec![shown])),
            }
        }
        for (offset, list) in by_fragment {
            self.dropped.push(Dropped {
                offset,
                code: Code::RawHtml,
                message: format!(
                    "raw HTML removed as unsafe (it could run script or load active content): {}",
                    list.join(", ")
                ),
            });
        }
        self.dropped.sort_by_key(|d| d.offset);
        (clean, self.dropped)
    }
}
