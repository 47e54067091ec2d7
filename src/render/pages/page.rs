//! Pages that list nothing: standalone pages (`about/index.html` from `page.html`), the 404
//! page of each language, the search page and robots.txt.

use serde::Serialize;
use serde_json::Value;

use super::Kind;
use crate::diagnostics::Diagnostic;
use crate::model::TocEntry;
use crate::render::context::{page_context, to_value};
use crate::render::plan::{Inputs, PageId, Target};
use crate::render::{Lent, Renderer};

/// A standalone page (`content/about.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Page(pub PageId);

/// `404.html`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NotFound;

/// `search/index.html`, the search form; the index itself is [`crate::search`]'s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Search;

/// `robots.txt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Robots;

/// `page` of a standalone page.
#[derive(Serialize)]
struct PageValue<'a> {
    title: &'a str,
    path: &'a str,
    permalink: String,
    content: &'a str,
    toc: &'a [TocEntry],
    summary: &'a str,
    description: &'a Option<String>,
    extra: &'a Value,
}

impl Kind for Page {
    fn target(&self, r: &Renderer) -> Target {
        Target::page(&r.site.pages[self.0 .0].path, "page.html")
    }

    fn inputs(&self, r: &Renderer) -> Inputs {
        Inputs {
            own: Some(r.site.pages[self.0 .0].path.clone()),
            // Its translations, for the language switcher and `hreflang`.
            meta: super::hash_meta(|h| {
                use std::hash::Hash;
                translations(r, self.0 .0).hash(h);
            }),
            ..Inputs::default()
        }
    }

    fn render(&self, r: &Renderer, target: &Target) -> Result<Vec<u8>, Diagnostic> {
        let p = &r.site.pages[self.0 .0];
        let page = to_value(PageValue {
            title: &p.title,
            path: &p.path,
            permalink: r.site.config.permalink(&p.path),
            content: &p.rendered.html,
            toc: &p.rendered.toc,
            summary: p.summary_text(),
            description: &p.description,
            extra: &p.extra,
        });
        let code = crate::render::language::of_document(r.site, p);
        let lang = crate::render::PageLanguage {
            code: &code,
            translations: translations(r, self.0 .0),
        };
        r.html(
            target,
            r.site_feed(),
            vec![("page", page)],
            Lent::Nothing,
            lang,
        )
    }
}

/// The translations of page `i` (none for a site assembled without them).
fn translations<'a>(r: &Renderer<'a>, i: usize) -> &'a [crate::site::languages::Translation] {
    r.site.page_translated.get(i).map_or(&[], Vec::as_slice)
}

impl Kind for NotFound {
    /// Each language has its own (`ja/404.html`), for hosts that serve the nearest one; GitHub
    /// Pages serves only the root one, which therefore also speaks the other languages.
    fn target(&self, r: &Renderer) -> Target {
        Target {
            file: format!("{}404.html", r.site.prefix),
            template: "404.html",
        }
    }

    /// Served at any depth, so its links start from the site's base path, not a relative root.
    fn render(&self, r: &Renderer, target: &Target) -> Result<Vec<u8>, Diagnostic> {
        file_page(r, target, r.site.config.base_path(), r.site_feed())
    }
}

impl Kind for Search {
    fn target(&self, r: &Renderer) -> Target {
        Target::page(&format!("{}search/", r.site.prefix), "search.html")
    }

    fn render(&self, r: &Renderer, target: &Target) -> Result<Vec<u8>, Diagnostic> {
        r.html(
            target,
            r.site_feed(),
            vec![],
            Lent::Nothing,
            r.site_language(),
        )
    }
}

impl Kind for Robots {
    fn target(&self, _: &Renderer) -> Target {
        Target::file("robots.txt")
    }

    fn render(&self, r: &Renderer, target: &Target) -> Result<Vec<u8>, Diagnostic> {
        file_page(r, target, "./".into(), None)
    }
}

/// A file that shows only what every page sees, with links from `root`.
fn file_page(
    r: &Renderer,
    target: &Target,
    root: String,
    feed: Option<String>,
) -> Result<Vec<u8>, Diagnostic> {
    let ctx = page_context(
        r.shared(),
        r.site,
        &target.file,
        root,
        feed,
        vec![],
        r.site_language(),
    );
    r.render_template(target.template, &ctx)
}
