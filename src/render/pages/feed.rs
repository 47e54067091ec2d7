//! Atom feeds: the site's (`atom.xml`) and each term's (`tags/japan/atom.xml`), from
//! `atom.xml`.

use std::hash::Hash;

use serde::Serialize;

use super::term::term;
use super::{hash_meta, Kind};
use crate::diagnostics::Diagnostic;
use crate::render::context::{page_context, root_for, to_value};
use crate::render::plan::{Inputs, Target, TermId};
use crate::render::Renderer;

/// The site's feed of its newest briefings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SiteFeed;

/// A term's feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TermFeed(pub TermId);

/// `feed`, without its `entries`, which are moved in.
#[derive(Serialize)]
struct FeedValue<'a> {
    title: &'a str,
    subtitle: Option<&'a str>,
    self_url: String,
    alternate_url: String,
    updated: String,
    /// A boolean to test: testing the escaped body itself would escape it again.
    full_content: bool,
    author: &'a str,
}

/// One entry of `feed.entries`.
#[derive(Serialize)]
struct Entry<'a> {
    title: &'a str,
    permalink: String,
    published: String,
    updated: String,
    authors: Vec<&'a str>,
    categories: Vec<Category<'a>>,
    summary: &'a str,
    /// Escaped once per article and shared by every feed it appears in.
    content_escaped: Option<&'a str>,
}

#[derive(Serialize)]
struct Category<'a> {
    term: &'a str,
    label: &'a str,
}

impl Kind for SiteFeed {
    fn name(&self) -> &'static str {
        "feed"
    }

    fn target(&self, _: &Renderer) -> Target {
        feed_target("")
    }

    fn inputs(&self, r: &Renderer) -> Inputs {
        Inputs {
            listed: r.article_paths(&r.feed_items(&r.listings().all)),
            ..Inputs::default()
        }
    }

    fn render(&self, r: &Renderer, target: &Target) -> Result<Vec<u8>, Diagnostic> {
        let config = &r.site.config;
        let subtitle = Some(config.description.as_str());
        feed(r, target, "", &config.title, subtitle, &r.listings().all)
    }
}

impl Kind for TermFeed {
    fn name(&self) -> &'static str {
        "feed"
    }

    fn target(&self, r: &Renderer) -> Target {
        feed_target(&term(r.site, self.0).path)
    }

    fn inputs(&self, r: &Renderer) -> Inputs {
        let term = term(r.site, self.0);
        Inputs {
            own: None,
            listed: r.article_paths(&r.feed_items(&term.articles)),
            meta: hash_meta(|h| term.name.hash(h)),
        }
    }

    fn render(&self, r: &Renderer, target: &Target) -> Result<Vec<u8>, Diagnostic> {
        let site = r.site;
        let tax = &site.taxonomies[self.0.taxonomy.0];
        let term = term(site, self.0);
        let title = format!("{} — {}: {}", site.config.title, tax.title, term.name);
        feed(r, target, &term.path, &title, None, &term.articles)
    }
}

fn feed_target(path: &str) -> Target {
    Target {
        file: format!("{path}atom.xml"),
        template: "atom.xml",
    }
}

/// The feed of the listing at `path` over `items`.
fn feed(
    r: &Renderer,
    target: &Target,
    path: &str,
    title: &str,
    subtitle: Option<&str>,
    items: &[usize],
) -> Result<Vec<u8>, Diagnostic> {
    let site = r.site;
    let config = &site.config;
    let entries: Vec<Entry> = r
        .feed_items(items)
        .into_iter()
        .map(|i| {
            let a = &site.articles[i];
            let published = a.date.expect("feed items are dated");
            let updated = a.last_modified().unwrap_or(published);
            let terms = |name: &str| a.terms.get(name).map(Vec::as_slice).unwrap_or_default();
            Entry {
                title: &a.title,
                permalink: config.permalink(&a.path),
                published: published.to_rfc3339(),
                updated: updated.to_rfc3339(),
                authors: terms("authors").iter().map(|t| t.name.as_str()).collect(),
                categories: terms("tags")
                    .iter()
                    .map(|t| Category {
                        term: &t.slug,
                        label: &t.name,
                    })
                    .collect(),
                summary: a.summary_text(),
                content_escaped: config.feed.full_content.then(|| r.escaped_html(i)),
            }
        })
        .collect();
    let updated = items
        .iter()
        .filter_map(|&i| site.articles[i].last_modified())
        .max()
        .map_or_else(
            || "1970-01-01T00:00:00+00:00".to_string(),
            |d| d.to_rfc3339(),
        );
    let mut feed = to_value(FeedValue {
        title,
        subtitle: subtitle.filter(|s| !s.is_empty()),
        self_url: config.permalink(&target.file),
        alternate_url: config.permalink(path),
        updated,
        full_content: config.feed.full_content,
        author: config.default_author.as_deref().unwrap_or(&config.title),
    });
    feed["entries"] = to_value(entries);
    let ctx = page_context(
        r.shared(),
        site,
        &target.file,
        root_for(path),
        None,
        vec![("feed", feed)],
    );
    r.render_template(target.template, &ctx)
}
