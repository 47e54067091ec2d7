//! What every template sees, and the per-article values listings share. Per-article metadata
//! is turned into a value once and shared by every listing, so a page's context holds only what
//! that page shows (the engine copies what it is given).
//!
//! Each value is a typed `Serialize` struct, so the names templates read are declared in one
//! place. Values many pages show (article summaries, the `site` value) are serialised once and
//! then cloned or lent (see [`super::recycle`]); values one page shows are serialised for it.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Map, Value};

use super::engine;
use super::language;
use super::recycle;
use crate::i18n::{Catalog, DateStyle};
use crate::model::{DocKind, Document};
use crate::site::{Pager, Site};
use crate::text::lang::og_locale;

/// Serialises a context value. Every value here is a plain struct of strings, numbers and
/// lists, which always serialise.
pub fn to_value(value: impl Serialize) -> Value {
    serde_json::to_value(value).expect("context values serialise")
}

/// Site-wide values computed once per build.
pub struct Shared {
    /// `site` in every template.
    pub site: Value,
    /// ArticleSummary per article, in [`Site::articles`] order.
    pub summaries: Vec<Value>,
    /// Changes whenever `summaries` do, so no page gets a copy of an older summary (see
    /// [`super::recycle`]).
    generation: u64,
    /// Canonical (display name, path) of every term, by taxonomy, then slug.
    terms: HashMap<String, HashMap<String, (String, Option<String>)>>,
    /// The interface strings, dates and language names of every language.
    pub catalog: std::sync::Arc<Catalog>,
    /// Each taxonomy's (heading, singular label) in the site's language.
    pub taxonomy_titles: Vec<(String, Option<String>)>,
}

/// `site`.
#[derive(Serialize)]
struct SiteValue<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    language: &'a str,
    author: &'a Option<String>,
    extra: &'a toml::Table,
    generator: &'static str,
    taxonomies: Vec<NavLink<'a>>,
    pages: Vec<NavLink<'a>>,
    sections: Vec<NavLink<'a>>,
    feed_path: Option<String>,
    /// `[output]`: what templates leave out of pages (related summaries, term card lists).
    output: &'a crate::config::output::OutputConfig,
}

/// A taxonomy, page or section in the site's navigation.
#[derive(Serialize)]
struct NavLink<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    title: &'a str,
    path: &'a str,
}

/// A term as an article shows it: `page.terms.tags[0]`, `a.authors[0]`.
#[derive(Serialize, Clone)]
pub struct TermLink<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    /// `None` for a term that has no page (its taxonomy is gone from site.toml).
    pub path: Option<&'a str>,
}

/// Where an article was first published.
#[derive(Serialize)]
struct SourceValue<'a> {
    publisher: &'a Option<String>,
    url: &'a Option<String>,
    original_language: &'a Option<String>,
    original_language_name: Option<String>,
    category: &'a Option<String>,
}

/// An ArticleSummary: what listings, cards and neighbour links show of an article.
#[derive(Serialize)]
struct ArticleSummary<'a> {
    title: &'a str,
    path: &'a str,
    permalink: String,
    date: Option<String>,
    /// In the listing's language (the site's).
    date_display: Option<String>,
    date_short: Option<String>,
    updated: Option<String>,
    updated_display: Option<String>,
    authors: Vec<TermLink<'a>>,
    tags: Vec<TermLink<'a>>,
    summary: &'a str,
    summary_short: String,
    reading_time: usize,
    word_count: usize,
    source: Option<SourceValue<'a>>,
    section: &'a str,
    draft: bool,
    language: String,
}

/// `paginator` of a listing page, without its `items`, which are lent summaries moved in.
#[derive(Serialize)]
struct Paginator<'a> {
    current: usize,
    total_pages: usize,
    total_items: usize,
    first: String,
    last: String,
    prev: Option<String>,
    next: Option<String>,
    pages: Vec<PagerLink<'a>>,
}

/// One entry of a paginator's numbered navigation.
#[derive(Serialize)]
struct PagerLink<'a> {
    number: usize,
    path: &'a str,
    current: bool,
}

/// What every page's context holds besides `site` and its own values.
#[derive(Serialize)]
struct Common<'a> {
    root: String,
    current_path: &'a str,
    permalink: String,
    feed_path: Option<String>,
    stylesheets: [&'static str; 2],
    /// The page's language, direction and Open Graph locale.
    lang: &'a str,
    dir: &'static str,
    og_locale: String,
    /// The language switcher (see [`language::alternates`]).
    alternates: Value,
}

/// A summary cut to about 26 words for compact cards (related briefings).
pub fn short_summary(summary: &str) -> String {
    let words: Vec<&str> = summary.split(' ').collect();
    if words.len() > 26 {
        let cut = words[..26].join(" ");
        format!("{}…", cut.trim_end_matches(',').trim_end_matches(" —"))
    } else if words.len() < 4 && summary.chars().count() > 90 {
        format!("{}…", summary.chars().take(80).collect::<String>())
    } else {
        summary.to_string()
    }
}

/// Relative prefix from a page at `path` to the site root.
pub fn root_for(path: &str) -> String {
    let depth = path.matches('/').count();
    if depth == 0 {
        "./".into()
    } else {
        "../".repeat(depth)
    }
}

pub fn date_iso(d: &DateTime<FixedOffset>) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub fn date_display(d: &DateTime<FixedOffset>) -> String {
    d.format("%-d %B %Y").to_string()
}

/// `d` in `lang`'s long form: `20 February 2024`, `2024年2月20日`.
pub fn date_in(catalog: &Catalog, lang: &str, d: &DateTime<FixedOffset>) -> String {
    catalog.language(lang).date(d.date_naive(), DateStyle::Long)
}

fn site_value(site: &Site, catalog: &Catalog, titles: &[(String, Option<String>)]) -> Value {
    let config = &site.config;
    let mut value = to_value(SiteValue {
        title: &config.title,
        description: &config.description,
        base_url: &config.base_url,
        language: &site.language,
        author: &config.default_author,
        extra: &config.extra,
        generator: concat!("briefgen ", env!("CARGO_PKG_VERSION")),
        taxonomies: site
            .taxonomies
            .iter()
            .zip(titles)
            .map(|(t, (title, _))| NavLink {
                name: Some(&t.config.name),
                title,
                path: &t.path,
            })
            .collect(),
        pages: site
            .pages
            .iter()
            .filter(|p| p.kind == DocKind::Page)
            .map(|p| NavLink {
                name: None,
                title: &p.title,
                path: &p.path,
            })
            .collect(),
        sections: site
            .sections
            .iter()
            .map(|s| NavLink {
                name: Some(&s.name),
                title: &s.title,
                path: &s.path,
            })
            .collect(),
        feed_path: config
            .feed
            .enabled
            .then(|| format!("{}atom.xml", site.prefix)),
        output: &config.output,
    });
    if let Value::Object(map) = &mut value {
        map.extend(language::site_values(site, catalog));
    }
    value
}

impl Shared {
    pub fn new(site: &Site, catalog: std::sync::Arc<Catalog>) -> Shared {
        let mut terms: HashMap<String, HashMap<_, _>> = HashMap::new();
        for t in &site.taxonomies {
            for term in &t.terms {
                terms.entry(t.config.name.clone()).or_default().insert(
                    term.slug.clone(),
                    (term.name.clone(), Some(term.path.clone())),
                );
            }
        }
        let taxonomy_titles: Vec<(String, Option<String>)> = site
            .taxonomies
            .iter()
            .map(|t| language::taxonomy_titles(site, &catalog, t))
            .collect();
        let mut shared = Shared {
            site: site_value(site, &catalog, &taxonomy_titles),
            summaries: Vec::new(),
            generation: recycle::next_generation(),
            terms,
            catalog,
            taxonomy_titles,
        };
        shared.summaries = site
            .articles
            .par_iter()
            .map(|a| shared.summary(a, site))
            .collect();
        shared
    }

    /// Recomputes the summary of article `i` after it changed in place.
    pub fn refresh_summary(&mut self, site: &Site, i: usize) {
        self.summaries[i] = self.summary(&site.articles[i], site);
        self.generation = recycle::next_generation();
    }

    /// A copy of article `i`'s summary for one page's context; hand it back with
    /// [`Shared::give_back`] once the page has rendered.
    pub fn lend(&self, i: usize) -> Value {
        recycle::lend(self.generation, i, &self.summaries[i])
    }

    /// Takes back a copy made by [`Shared::lend`].
    pub fn give_back(&self, i: usize, value: Value) {
        recycle::give_back(self.generation, i, value);
    }

    fn term_link<'a>(&'a self, taxonomy: &str, slug: &'a str, written: &'a str) -> TermLink<'a> {
        match self.terms.get(taxonomy).and_then(|t| t.get(slug)) {
            Some((name, path)) => TermLink {
                name,
                slug,
                path: path.as_deref(),
            },
            None => TermLink {
                name: written,
                slug,
                path: None,
            },
        }
    }

    /// Every taxonomy of `a` to its terms.
    pub fn term_map<'a>(&'a self, a: &'a Document) -> BTreeMap<&'a str, Vec<TermLink<'a>>> {
        a.terms
            .iter()
            .map(|(tax, list)| {
                let links = list
                    .iter()
                    .map(|t| self.term_link(tax, &t.slug, &t.name))
                    .collect();
                (tax.as_str(), links)
            })
            .collect()
    }

    /// The ArticleSummary of `a`. Listings and related cards clone it many times per build, so
    /// it holds what cards show; the full `terms` map is only in the article's own `page`.
    fn summary(&self, a: &Document, site: &Site) -> Value {
        let config = &site.config;
        // Listings are in the site's language, whatever the briefing's own.
        let lang = self.catalog.language(&site.language);
        let mut terms = self.term_map(a);
        let source = a.source.as_ref().map(|s| SourceValue {
            publisher: &s.publisher,
            url: &s.url,
            original_language: &s.original_language,
            original_language_name: s
                .original_language
                .as_deref()
                .map(|c| lang.language_name(c)),
            category: &s.category,
        });
        let long = |d: &DateTime<FixedOffset>| lang.date(d.date_naive(), DateStyle::Long);
        to_value(ArticleSummary {
            title: &a.title,
            path: &a.path,
            permalink: config.permalink(&a.path),
            date: a.date.as_ref().map(date_iso),
            date_display: a.date.as_ref().map(long),
            date_short: a.date.map(|d| lang.date(d.date_naive(), DateStyle::Short)),
            updated: a.updated.as_ref().map(date_iso),
            updated_display: a.updated.as_ref().map(long),
            authors: terms.remove("authors").unwrap_or_default(),
            tags: terms.remove("tags").unwrap_or_default(),
            summary: a.summary_text(),
            summary_short: short_summary(a.summary_text()),
            reading_time: a.rendered.reading_time,
            word_count: a.rendered.word_count,
            source,
            section: &a.section,
            draft: a.draft,
            language: language::of_document(site, a),
        })
    }

    /// A paginator over `items` (indices into the site's articles), its `items` lent.
    pub fn paginator(&self, pager: &Pager, items: &[usize], base: &str, pagers: &[Pager]) -> Value {
        let path_of = |n: usize| crate::site::pager_path(base, n);
        // Only the pages a numbered navigation shows (first, last, current ± 3), picked by
        // index (`pagers[k]` is page k + 1): listing or even scanning every page on every page
        // would make a 1,000-page listing quadratic.
        let mut shown: Vec<usize> = std::iter::once(0)
            .chain(pager.number.saturating_sub(4)..(pager.number + 3).min(pagers.len()))
            .chain(pagers.len().checked_sub(1))
            .collect();
        shown.dedup();
        let mut value = to_value(Paginator {
            current: pager.number,
            total_pages: pager.total_pages,
            total_items: items.len(),
            first: path_of(1),
            last: path_of(pager.total_pages),
            prev: (pager.number > 1).then(|| path_of(pager.number - 1)),
            next: (pager.number < pager.total_pages).then(|| path_of(pager.number + 1)),
            pages: shown
                .iter()
                .filter_map(|&k| pagers.get(k))
                .map(|p| PagerLink {
                    number: p.number,
                    path: &p.path,
                    current: p.number == pager.number,
                })
                .collect(),
        });
        // Moved in, not serialised, which would copy every summary value again.
        value["items"] = Value::Array(
            items[pager.start..pager.end]
                .iter()
                .map(|&i| self.lend(i))
                .collect(),
        );
        value
    }
}

/// The language a page is shown in and the translations its switcher offers.
#[derive(Clone, Copy)]
pub struct PageLanguage<'a> {
    pub code: &'a str,
    pub translations: &'a [crate::site::languages::Translation],
}

/// Builds the context of a page at `path` from the shared values plus page-specific ones.
pub fn page_context(
    shared: &Shared,
    site: &Site,
    path: &str,
    root: String,
    feed_path: Option<String>,
    values: Vec<(&str, Value)>,
    lang: PageLanguage,
) -> engine::Context {
    let common = Common {
        root,
        current_path: path,
        permalink: site.config.permalink(path),
        feed_path,
        stylesheets: ["style.css", "syntax.css"],
        lang: lang.code,
        dir: shared.catalog.language(lang.code).dir().as_str(),
        og_locale: og_locale(lang.code),
        alternates: language::alternates(site, &shared.catalog, path, lang.translations),
    };
    let Value::Object(mut map) = to_value(common) else {
        unreachable!("a struct serialises to an object")
    };
    map.insert("site".into(), shared.site.clone());
    for (k, v) in values {
        map.insert(k.to_string(), v);
    }
    engine::context(map)
}

/// A map of named values, for the few contexts built outside [`page_context`].
pub fn values(pairs: impl IntoIterator<Item = (&'static str, Value)>) -> Map<String, Value> {
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots() {
        assert_eq!(root_for(""), "./");
        assert_eq!(root_for("tags/"), "../");
        assert_eq!(root_for("briefings/x/"), "../../");
        assert_eq!(root_for("tags/x/page/2/"), "../../../../");
    }
}
