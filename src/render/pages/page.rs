//! Pages that list nothing: standalone pages (`about/index.html` from `page.html`), the 404
//! page, the search page and robots.txt.

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
    fn name(&self) -> &'static str {
        "page"
    }

    fn target(&self, r: &Renderer) -> Target {
        Target::page(&r.site.pages[self.0 .0].path, "page.html")
    }

    fn inputs(&self, r: &Renderer) -> Inputs {
        Inputs {
            own: Some(r.site.pages[self.0 .0].path.clone()),
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
        r.html(target, r.site_feed(), vec![("page", page)], Lent::Nothing)
    }
}

impl Kind for NotFound {
    fn name(&self) -> &'static str {
        "misc"
    }

    fn target(&self, _: &Renderer) -> Target {
        Target {
            file: "404.html".into(),
            template: "404.html",
        }
    }

    fn inputs(&self, _: &Renderer) -> Inputs {
        Inputs::default()
    }

    /// Served at any depth, so its links start from the site's base path, not a relative root.
    fn render(&self, r: &Renderer, target: &Target) -> Result<Vec<u8>, Diagnostic> {
        let ctx = page_context(
            r.shared(),
            r.site,
            &target.file,
            r.site.config.base_path(),
            r.site_feed(),
            vec![],
        );
        r.render_template(target.template, &ctx)
    }
}

impl Kind for Search {
    fn name(&self) -> &'static str {
        "search"
    }

    fn target(&self, _: &Renderer) -> Target {
        Target::page("search/", "search.html")
    }

    fn inputs(&self, _: &Renderer) -> Inputs {
        Inputs::default()
    }

    fn render(&self, r: &Renderer, target: &Target) -> Result<Vec<u8>, Diagnostic> {
        r.html(target, r.site_feed(), vec![], Lent::Nothing)
    }
}

impl Kind for Robots {
    fn name(&self) -> &'static str {
        "misc"
    }

    fn target(&self, _: &Renderer) -> Target {
        Target {
            file: "robots.txt".into(),
            template: "robots.txt",
        }
    }

    fn inputs(&self, _: &Renderer) -> Inputs {
        Inputs::default()
    }

    fn render(&self, r: &Renderer, target: &Target) -> Result<Vec<u8>, Diagnostic> {
        let ctx = page_context(r.shared(), r.site, &target.file, "./".into(), None, vec![]);
        r.render_template(target.template, &ctx)
    }
}
