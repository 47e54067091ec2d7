//! Taxonomies: the list of a taxonomy's terms (`tags/index.html` from `taxonomy_list.html`) and
//! each term's paginated listing (`tags/japan/index.html` from `taxonomy_term.html`), which for
//! authors also shows the author's profile.

use std::hash::Hash;

use serde::Serialize;
use serde_json::Value;

use super::listing::listing_inputs;
use super::{hash_meta, Kind};
use crate::config::output::TermListing;
use crate::diagnostics::Diagnostic;
use crate::model::ProfileLink;
use crate::render::context::to_value;
use crate::render::fragments::Fragment;
use crate::render::plan::{Inputs, PageNo, Target, TaxonomyId, TermId};
use crate::render::{Lent, Renderer};
use crate::site::{Site, Term};

/// The page listing a taxonomy's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TaxonomyList(pub TaxonomyId);

/// Page `page` of a term's listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TermPage {
    pub term: TermId,
    pub page: PageNo,
}

/// `taxonomy`.
#[derive(Serialize)]
struct TaxonomyValue<'a> {
    name: &'a str,
    title: &'a str,
    singular: &'a Option<String>,
    path: &'a str,
    feed: bool,
}

/// A term in a taxonomy's list.
#[derive(Serialize)]
struct TermSummary<'a> {
    name: &'a str,
    slug: &'a str,
    path: &'a str,
    count: usize,
}

/// `term` on a term's pages.
#[derive(Serialize)]
struct TermValue<'a> {
    name: &'a str,
    slug: &'a str,
    path: &'a str,
    count: usize,
    feed_path: Option<String>,
    profile: Option<ProfileValue<'a>>,
}

/// An author's profile: from `content/authors/<slug>.md`, or else the imported `author_bio` of
/// their newest single-author briefing (`bio_text`).
#[derive(Serialize)]
struct ProfileValue<'a> {
    name: Option<&'a str>,
    affiliation: Option<&'a str>,
    photo: Option<&'a str>,
    links: &'a [ProfileLink],
    bio: Option<&'a str>,
    bio_text: Option<&'a str>,
}

fn taxonomy_value(r: &Renderer, t: TaxonomyId) -> Value {
    let tax = &r.site.taxonomies[t.0];
    let (title, singular) = &r.shared().taxonomy_titles[t.0];
    to_value(TaxonomyValue {
        name: &tax.config.name,
        title,
        singular,
        path: &tax.path,
        feed: tax.config.feed && r.site.config.feed.enabled,
    })
}

/// The term `id` names.
pub fn term(site: &Site, id: TermId) -> &Term {
    &site.taxonomies[id.taxonomy.0].terms[id.term]
}

fn profile<'a>(site: &'a Site, term: &'a Term) -> Option<ProfileValue<'a>> {
    if let Some(doc) = site.profiles.get(&term.slug) {
        let p = doc.profile.as_ref();
        return Some(ProfileValue {
            name: Some(&doc.title),
            affiliation: p.and_then(|p| p.affiliation.as_deref()),
            photo: p.and_then(|p| p.photo.as_deref()),
            links: p.map_or(&[], |p| &p.links),
            bio: Some(&doc.rendered.html),
            bio_text: None,
        });
    }
    let imported = term
        .articles
        .iter()
        .map(|&i| &site.articles[i])
        .find_map(|a| {
            let single = a.terms.get("authors").is_some_and(|l| l.len() == 1);
            a.author_bio.as_deref().filter(|_| single)
        })?;
    Some(ProfileValue {
        name: None,
        affiliation: None,
        photo: None,
        links: &[],
        bio: None,
        bio_text: Some(imported),
    })
}

impl Kind for TaxonomyList {
    fn target(&self, r: &Renderer) -> Target {
        Target::page(&r.site.taxonomies[self.0 .0].path, "taxonomy_list.html")
    }

    fn inputs(&self, r: &Renderer) -> Inputs {
        let tax = &r.site.taxonomies[self.0 .0];
        Inputs {
            meta: hash_meta(|h| {
                for term in &tax.terms {
                    (&term.name, &term.slug, term.articles.len()).hash(h);
                }
            }),
            ..Inputs::default()
        }
    }

    fn render(&self, r: &Renderer, target: &Target) -> Result<Vec<u8>, Diagnostic> {
        let tax = &r.site.taxonomies[self.0 .0];
        let terms: Vec<TermSummary> = tax
            .terms
            .iter()
            .map(|term| TermSummary {
                name: &term.name,
                slug: &term.slug,
                path: &term.path,
                count: term.articles.len(),
            })
            .collect();
        let values = vec![
            ("taxonomy", taxonomy_value(r, self.0)),
            ("terms", to_value(terms)),
        ];
        r.html(
            target,
            r.site_feed(),
            values,
            Lent::Nothing,
            r.site_language(),
        )
    }
}

impl Kind for TermPage {
    fn target(&self, r: &Renderer) -> Target {
        let pagers = &r.listings().terms[self.term.taxonomy.0][self.term.term];
        Target::page(&pagers[self.page.0].path, "taxonomy_term.html")
    }

    fn inputs(&self, r: &Renderer) -> Inputs {
        let term = term(r.site, self.term);
        let pagers = &r.listings().terms[self.term.taxonomy.0][self.term.term];
        let listing = listing_inputs(r, pagers, self.page, &term.articles);
        Inputs {
            // An author profile shares its term's path: editing it marks the page.
            own: Some(term.path.clone()),
            meta: hash_meta(|h| (listing.meta, &term.name).hash(h)),
            ..listing
        }
    }

    fn render(&self, r: &Renderer, target: &Target) -> Result<Vec<u8>, Diagnostic> {
        let site = r.site;
        let tax = &site.taxonomies[self.term.taxonomy.0];
        let term = term(site, self.term);
        let pagers = &r.listings().terms[self.term.taxonomy.0][self.term.term];
        let feed =
            (tax.config.feed && site.config.feed.enabled).then(|| format!("{}atom.xml", term.path));
        let value = to_value(TermValue {
            name: &term.name,
            slug: &term.slug,
            path: &term.path,
            count: term.articles.len(),
            feed_path: feed.clone(),
            profile: (tax.config.name == "authors")
                .then(|| profile(site, term))
                .flatten(),
        });
        let kind = match site.config.output.term_listing {
            TermListing::Compact => Fragment::Entry,
            TermListing::Cards => Fragment::Card,
        };
        let (paginator, lent) = r.paginator_of(
            kind,
            &pagers[self.page.0],
            &term.articles,
            &term.path,
            pagers,
        )?;
        let values = vec![
            ("taxonomy", taxonomy_value(r, self.term.taxonomy)),
            ("term", value),
            ("paginator", paginator),
        ];
        r.html(
            target,
            feed.or(r.site_feed()),
            values,
            lent,
            r.site_language(),
        )
    }
}
