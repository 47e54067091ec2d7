//! Where an edited document sits in the site, so serve can update it in place.

use crate::model::{DocKind, Document};
use crate::site::Site;

/// Where an edited document sits in the site.
pub(super) enum Place {
    Article(usize),
    Page(usize),
    Profile(String),
}

impl Place {
    pub(super) fn of(site: &Site, doc: &Document) -> Option<Place> {
        match doc.kind {
            DocKind::Article => site
                .articles
                .iter()
                .position(|a| a.rel == doc.rel)
                .map(Place::Article),
            DocKind::Page | DocKind::SectionIndex => site
                .pages
                .iter()
                .position(|p| p.rel == doc.rel)
                .map(Place::Page),
            DocKind::Profile => site
                .profiles
                .iter()
                .find(|(_, p)| p.rel == doc.rel)
                .map(|(k, _)| Place::Profile(k.clone())),
        }
    }

    pub(super) fn document<'s>(&self, site: &'s Site) -> &'s Document {
        match self {
            Place::Article(i) => &site.articles[*i],
            Place::Page(i) => &site.pages[*i],
            Place::Profile(k) => &site.profiles[k],
        }
    }

    /// The path outputs name the document by in their inputs: a profile by its author's page.
    pub(super) fn shown_at(&self, doc: &Document) -> String {
        match self {
            Place::Profile(slug) => format!("authors/{slug}/"),
            _ => doc.path.clone(),
        }
    }
}
