//! Paginated listings of briefings: the home page (`index.html`) and each section's
//! (`section.html`). Term pages are listings too, in [`super::term`].

use std::hash::Hash;

use serde::Serialize;

use super::{hash_meta, Kind};
use crate::diagnostics::Diagnostic;
use crate::render::context::to_value;
use crate::render::plan::{Inputs, PageNo, SectionId, Target};
use crate::render::Renderer;
use crate::site::Pager;

/// Page `n` of the home listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Home(pub PageNo);

/// Page `page` of a section's listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Section {
    pub section: SectionId,
    pub page: PageNo,
}

/// `section` on a section's pages.
#[derive(Serialize)]
struct SectionValue<'a> {
    name: &'a str,
    title: &'a str,
    path: &'a str,
    description: &'a Option<String>,
    /// The section's `_index.md` body.
    content: &'a str,
}

/// The inputs of page `n` of a listing of `items` paginated by `pagers`: the articles it shows
/// and its place among the pages.
pub fn listing_inputs(r: &Renderer, pagers: &[Pager], n: PageNo, items: &[usize]) -> Inputs {
    let p = &pagers[n.0];
    Inputs {
        own: None,
        listed: r.article_paths(&items[p.start..p.end]),
        meta: hash_meta(|h| (p.number, p.total_pages, items.len()).hash(h)),
    }
}

impl Kind for Home {
    fn name(&self) -> &'static str {
        "home"
    }

    fn target(&self, r: &Renderer) -> Target {
        Target::page(&r.listings().home[self.0 .0].path, "index.html")
    }

    fn inputs(&self, r: &Renderer) -> Inputs {
        let listings = r.listings();
        listing_inputs(r, &listings.home, self.0, &listings.all)
    }

    fn render(&self, r: &Renderer, target: &Target) -> Result<Vec<u8>, Diagnostic> {
        let listings = r.listings();
        let pagers = &listings.home;
        let (paginator, lent) = r.paginator(&pagers[self.0 .0], &listings.all, "", pagers)?;
        r.html(target, r.site_feed(), vec![("paginator", paginator)], lent)
    }
}

impl Kind for Section {
    fn name(&self) -> &'static str {
        "section"
    }

    fn target(&self, r: &Renderer) -> Target {
        let pagers = &r.listings().sections[self.section.0];
        Target::page(&pagers[self.page.0].path, "section.html")
    }

    fn inputs(&self, r: &Renderer) -> Inputs {
        let site = r.site;
        let section = &site.sections[self.section.0];
        let pagers = &r.listings().sections[self.section.0];
        let listing = listing_inputs(r, pagers, self.page, &section.articles);
        Inputs {
            // Its `_index.md`, whose body the first page shows.
            own: section.index.map(|i| site.pages[i].path.clone()),
            meta: hash_meta(|h| (listing.meta, &section.title, &section.description).hash(h)),
            ..listing
        }
    }

    fn render(&self, r: &Renderer, target: &Target) -> Result<Vec<u8>, Diagnostic> {
        let site = r.site;
        let section = &site.sections[self.section.0];
        let pagers = &r.listings().sections[self.section.0];
        let intro = section.index.map(|i| &site.pages[i]);
        let value = to_value(SectionValue {
            name: &section.name,
            title: &section.title,
            path: &section.path,
            description: &section.description,
            content: intro.map_or("", |p| p.rendered.html.as_str()),
        });
        let (paginator, lent) = r.paginator(
            &pagers[self.page.0],
            &section.articles,
            &section.path,
            pagers,
        )?;
        r.html(
            target,
            r.site_feed(),
            vec![("section", value), ("paginator", paginator)],
            lent,
        )
    }
}
