//! Internal links, `#anchors` and images in bodies, resolved the way the renderer and a browser
//! would against the files the built site will have. External links are not fetched.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use pulldown_cmark::{Event, Parser, Tag};
use rayon::prelude::*;
use regex::Regex;

use super::outputs::Outputs;
use super::Texts;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::Document;
use crate::site::Site;

/// A link or image found in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub url: String,
    /// Byte offset into the body.
    pub offset: usize,
    pub image: bool,
}

/// Every link and image in a Markdown body: `[..](..)`, `![..](..)`, and `<a href>` /
/// `<img src>` in raw HTML (never inside code).
pub fn references(body: &str) -> Vec<Reference> {
    static HTML: OnceLock<Regex> = OnceLock::new();
    let html = HTML.get_or_init(|| {
        Regex::new(r#"(?i)<(img|a)\b[^>]*?\s(src|href)\s*=\s*(?:"([^"]*)"|'([^']*)')"#)
            .expect("valid regex")
    });
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(body, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => out.push(Reference {
                url: dest_url.to_string(),
                offset: range.start,
                image: false,
            }),
            Event::Start(Tag::Image { dest_url, .. }) => out.push(Reference {
                url: dest_url.to_string(),
                offset: range.start,
                image: true,
            }),
            Event::Html(_) | Event::InlineHtml(_) => {
                for c in html.captures_iter(&body[range.clone()]) {
                    let image = c[1].eq_ignore_ascii_case("img");
                    if image != c[2].eq_ignore_ascii_case("src") {
                        continue;
                    }
                    let value = c.get(3).or_else(|| c.get(4)).expect("one quote style");
                    out.push(Reference {
                        url: value.as_str().to_string(),
                        offset: range.start + value.start(),
                        image,
                    });
                }
            }
            _ => {}
        }
    }
    out
}

/// What a reference points at.
#[derive(Debug, PartialEq, Eq)]
enum Target<'a> {
    /// Another site, `mailto:`, `data:` …: not checked.
    External,
    /// `@/briefings/x.md#frag`.
    Content(&'a str, Option<&'a str>),
    /// A path under the output root (`/`-separated, no leading slash) and its fragment.
    Output(String, Option<&'a str>),
    /// A relative path with more `..` than the page is deep.
    Escapes,
}

/// Resolves `url` as written on the page at `page` (a directory path such as `briefings/x/`).
fn target<'a>(url: &'a str, page: &str) -> Target<'a> {
    let url = url.trim();
    if let Some(content) = url.strip_prefix("@/") {
        let (file, fragment) = split_fragment(content);
        return Target::Content(file, fragment);
    }
    let has_scheme = url
        .split_once(':')
        .is_some_and(|(s, _)| !s.is_empty() && !s.contains(['/', '?', '#']));
    if has_scheme || url.starts_with("//") {
        return Target::External;
    }
    let (path, fragment) = split_fragment(url);
    let path = path.split('?').next().unwrap_or("");
    let path = percent_decode(path);
    let (base, rel) = match path.strip_prefix('/') {
        Some(rest) => ("", rest.to_string()),
        None if path.is_empty() => (page, String::new()),
        None => (page, path),
    };
    let mut parts: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    let segments: Vec<&str> = rel.split('/').collect();
    for seg in &segments {
        match *seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Target::Escapes;
                }
            }
            s => parts.push(s),
        }
    }
    let dir = rel.is_empty() || matches!(segments.last(), Some(&"" | &"." | &".."));
    let mut joined = parts.join("/");
    if dir && !joined.is_empty() {
        joined.push('/');
    }
    Target::Output(joined, fragment)
}

fn split_fragment(s: &str) -> (&str, Option<&str>) {
    s.split_once('#')
        .map_or((s, None), |(p, f)| (p, Some(f).filter(|f| !f.is_empty())))
}

/// Decodes `%XX` escapes; anything malformed is kept as written.
fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// What the checks of one document share.
struct Context<'a> {
    outputs: &'a Outputs,
    by_rel: HashMap<&'a str, &'a Document>,
    by_page: HashMap<String, &'a Document>,
}

impl Context<'_> {
    /// The output file a path resolves to, if the site (or, for a draft, its drafts) has it.
    /// A directory path means its `index.html`; `x` finds `x/index.html` as web servers do.
    fn find(&self, path: &str, from_draft: bool) -> Option<String> {
        let has = |p: &str| {
            self.outputs.published.contains(p) || (from_draft && self.outputs.drafts.contains(p))
        };
        let candidates = if path.is_empty() || path.ends_with('/') {
            vec![format!("{path}index.html")]
        } else {
            vec![path.to_string(), format!("{path}/index.html")]
        };
        candidates.into_iter().find(|p| has(p))
    }
}

/// Checks the links and images in every body of `site`.
pub fn check(site: &Site, outputs: &Outputs, texts: &Texts) -> Vec<Diagnostic> {
    let docs: Vec<&Document> = site.documents().collect();
    let ctx = Context {
        outputs,
        by_rel: docs.iter().map(|d| (d.rel.as_str(), *d)).collect(),
        by_page: docs
            .iter()
            .map(|d| (format!("{}index.html", d.path), *d))
            .collect(),
    };
    docs.par_iter()
        .flat_map_iter(|doc| {
            let text = texts.get(&doc.file).map_or("", String::as_str);
            references(&doc.body)
                .into_iter()
                .filter_map(|r| {
                    let d = diagnose(&ctx, doc, &r)?.in_file(&doc.file);
                    let (line, column) = doc.file_position(r.offset);
                    Some(d.at(text, line, column))
                })
                .chain(front_matter_files(&ctx, doc, text))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// A profile's `photo` and a briefing's `pdf` name files from the site root (templates drop a
/// leading `/`), unless they are http(s) addresses.
fn front_matter_files(ctx: &Context<'_>, doc: &Document, text: &str) -> Vec<Diagnostic> {
    let photo = doc.profile.as_ref().and_then(|p| p.photo.as_deref());
    [("photo", photo, Code::MissingImage), ("pdf", doc.pdf.as_deref(), Code::BrokenLink)]
        .into_iter()
        .filter_map(|(key, value, code)| {
            let value = value?.trim();
            let path = percent_decode(value.trim_start_matches('/'));
            if value.starts_with("http") || value.is_empty() || ctx.find(&path, doc.draft).is_some()
            {
                return None;
            }
            let d = Diagnostic::warning(
                code,
                format!("`{key}` \"{value}\" names /{path}, which the site will not have"),
            )
            .in_file(&doc.file)
            .with_hint(format!(
                "`{key}` is a path from the site root to a file in static/ (static/x → \"x\"), or an https:// address"
            ));
            Some(match crate::config::find_value(text, key) {
                Some((l, c)) => d.at(text, l, c),
                None => d,
            })
        })
        .collect()
}

/// The problem with one reference, if any.
fn diagnose(ctx: &Context<'_>, doc: &Document, r: &Reference) -> Option<Diagnostic> {
    let url = r.url.as_str();
    match target(url, &doc.path) {
        Target::External => None,
        Target::Content(file, fragment) => {
            // A `@/` link to no file at all is already a build error from the markdown stage.
            let to = ctx.by_rel.get(file.trim_start_matches('/'))?;
            if to.draft && !doc.draft {
                return Some(
                    Diagnostic::error(
                        Code::Link,
                        format!("link to `{url}` points at a draft, which `build` leaves out"),
                    )
                    .with_hint(format!(
                        "publish {} (remove `draft = true`) or remove the link",
                        to.rel
                    )),
                );
            }
            let page = format!("{}index.html", to.path);
            anchor(ctx, url, &page, fragment)
        }
        Target::Escapes => Some(
            Diagnostic::warning(
                if r.image { Code::MissingImage } else { Code::BrokenLink },
                format!("`{url}` climbs above the site's root"),
            )
            .with_hint("write site paths from the root, e.g. /tags/japan/, or link content files with @/briefings/x.md"),
        ),
        Target::Output(path, fragment) => match ctx.find(&path, doc.draft) {
            Some(file) => anchor(ctx, url, &file, fragment),
            None if r.image => Some(missing_image(doc, url, &path)),
            None => Some(broken_link(ctx, doc, url, &path)),
        },
    }
}

/// Checks `#fragment` against the ids of the rendered page `file`.
fn anchor(ctx: &Context<'_>, url: &str, file: &str, fragment: Option<&str>) -> Option<Diagnostic> {
    let fragment = percent_decode(fragment?);
    let ids: &HashSet<String> = ctx.outputs.ids.get(file)?;
    if ids.contains(&fragment) {
        return None;
    }
    let page = format!("/{}", file.trim_end_matches("index.html"));
    let body_ids = ctx
        .by_page
        .get(file)
        .map(|d| d.rendered.anchors.as_slice())
        .unwrap_or_default();
    let hint = if body_ids.is_empty() {
        "a heading's id is its text in lowercase with dashes, e.g. `## Outlook` → #outlook"
            .to_string()
    } else {
        let shown: Vec<&str> = body_ids.iter().take(12).map(String::as_str).collect();
        format!(
            "ids of that page's headings and footnotes: {}",
            shown.join(", ")
        )
    };
    Some(
        Diagnostic::warning(
            Code::BrokenAnchor,
            format!("link to `{url}`: {page} has no element with id `{fragment}`"),
        )
        .with_hint(hint),
    )
}

fn broken_link(ctx: &Context<'_>, doc: &Document, url: &str, path: &str) -> Diagnostic {
    if ctx.find(path, true).is_some() {
        return Diagnostic::warning(
            Code::BrokenLink,
            format!("link to `{url}` leads to a draft's page, which `build` leaves out"),
        )
        .with_hint("publish the draft (remove `draft = true`) or remove the link");
    }
    // A link to a Markdown file by its file name probably meant the page it becomes.
    let md = path.strip_suffix(".md").map(|_| {
        let dir = doc.rel.rsplit_once('/').map_or("", |(d, _)| d);
        let written = url.split(['#', '?']).next().unwrap_or(url);
        let rel = match written.strip_prefix('/') {
            Some(r) => r.to_string(),
            None => normalise_path(&format!("{dir}/{written}")),
        };
        rel
    });
    let hint = match md.filter(|rel| ctx.by_rel.contains_key(rel.as_str())) {
        Some(rel) => format!("link to the content file as `@/{rel}`, which becomes its page's URL"),
        None => format!(
            "this page is /{}, so the link leads to /{path}; link content with `@/briefings/x.md`, or site pages from the root, e.g. /tags/",
            doc.path
        ),
    };
    Diagnostic::warning(
        Code::BrokenLink,
        format!("link to `{url}` leads to /{path}, which the site will not have"),
    )
    .with_hint(hint)
}

fn missing_image(doc: &Document, url: &str, path: &str) -> Diagnostic {
    // A file beside the Markdown is published beside the page's folder, not inside it.
    let beside = doc
        .file
        .parent()
        .map(|dir| dir.join(percent_decode(url.split(['#', '?']).next().unwrap_or(url))))
        .filter(|p| !url.starts_with('/') && p.is_file());
    let hint = match beside {
        Some(_) => {
            let dir = doc.rel.rsplit_once('/').map_or("", |(d, _)| d);
            let published = normalise_path(&format!("{dir}/{url}"));
            format!("the file next to the Markdown is published at /{published}; write that path, or make the briefing a bundle (a folder with index.md and its images)")
        }
        None => "put images in static/ (published at the site root, e.g. static/images/x.png → /images/x.png) or beside the briefing in a bundle folder".to_string(),
    };
    Diagnostic::warning(
        Code::MissingImage,
        format!("image `{url}` leads to /{path}, which the site will not have"),
    )
    .with_hint(hint)
}

/// Removes `.` and `..` segments from a `/`-separated relative path.
fn normalise_path(p: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_like_a_browser() {
        let page = "briefings/x/";
        assert_eq!(target("https://x.org/", page), Target::External);
        assert_eq!(target("mailto:a@b.c", page), Target::External);
        assert_eq!(target("//cdn.x/y", page), Target::External);
        assert_eq!(
            target("@/briefings/y.md#a", page),
            Target::Content("briefings/y.md", Some("a"))
        );
        assert_eq!(
            target("/tags/japan/", page),
            Target::Output("tags/japan/".into(), None)
        );
        assert_eq!(
            target("../y/#s", page),
            Target::Output("briefings/y/".into(), Some("s"))
        );
        assert_eq!(
            target("chart%20one.png?v=2", page),
            Target::Output("briefings/x/chart one.png".into(), None)
        );
        assert_eq!(
            target("#top", page),
            Target::Output("briefings/x/".into(), Some("top"))
        );
        assert_eq!(target("../../..", page), Target::Escapes);
        assert_eq!(
            target("..", page),
            Target::Output("briefings/".into(), None)
        );
    }

    #[test]
    fn references_skip_code_and_find_raw_html() {
        let body = "A [link](/a/) and `[no](/b/)`.\n\n<img alt=\"x\" src=\"/i.png\">\n\n    <a href=\"/code/\">\n\n![pic](p.png)\n";
        let refs = references(body);
        let urls: Vec<(&str, bool)> = refs.iter().map(|r| (r.url.as_str(), r.image)).collect();
        assert_eq!(urls, [("/a/", false), ("/i.png", true), ("p.png", true)]);
        assert_eq!(&body[refs[1].offset..refs[1].offset + 6], "/i.png");
        assert_eq!(&body[refs[0].offset..refs[0].offset + 1], "[");
    }
}
