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

    /// Where `doc` is among every language's sites (as [`super::languages::site_at`]
    /// numbers them), if it is there once, unchanged but for its body: then it can be
    /// updated in place. A profile shared by several languages is not (each holds a copy).
    pub(super) fn find(site: &Site, doc: &Document) -> Option<(usize, Place)> {
        let mut found = site
            .all_languages()
            .enumerate()
            .filter_map(|(k, s)| Place::of(s, doc).map(|p| (k, p, s)));
        let (k, place, in_site) = found.next()?;
        if found.next().is_some() || !place.document(in_site).same_but_body(doc) {
            return None;
        }
        Some((k, place))
    }

    /// The path outputs name the document by in their inputs: a profile by its author's page
    /// in `site`'s language.
    pub(super) fn shown_at(&self, site: &Site, doc: &Document) -> String {
        match self {
            Place::Profile(slug) => format!("{}authors/{slug}/", site.prefix),
            _ => doc.path.clone(),
        }
    }
}
