//! `sitemap.xml`: every page a search engine should know, in every language, with the date it
//! last changed and its versions in the other languages. Past `[sitemap] max_urls` (the
//! protocol allows at most 50,000 URLs in one file) the URLs go into `sitemap-1.xml`,
//! `sitemap-2.xml` … and `sitemap.xml` becomes the sitemap index listing them, so search
//! engines accept any size of archive and `robots.txt` keeps naming one file.

use std::hash::Hash;

use serde::Serialize;

use super::{hash_meta, Kind};
use crate::diagnostics::Diagnostic;
use crate::i18n::Catalog;
use crate::model::DocKind;
use crate::render::context::{date_iso, page_context, to_value};
use crate::render::engine::escape;
use crate::render::plan::{Inputs, Target};
use crate::render::{language, Renderer};
use crate::site::Site;

/// Sitemap file `.0`: 0 is `sitemap.xml` (every URL, or the index of the parts), 1… the parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sitemap(pub usize);

/// One `<url>` of the sitemap, with its other-language versions (itself included).
#[derive(Serialize)]
struct Entry {
    loc: String,
    lastmod: Option<String>,
    alternates: serde_json::Value,
}

/// How many part files the URLs need besides `sitemap.xml`: 0 when it holds them all.
pub fn parts(site: &Site) -> usize {
    let urls = url_count(site);
    let max = site.config.sitemap.max_urls.max(1);
    if urls <= max {
        0
    } else {
        urls.div_ceil(max)
    }
}

/// URLs the sitemap lists, in every language; must agree with [`entries_of`].
fn url_count(root: &Site) -> usize {
    root.all_languages().map(url_count_of).sum()
}

/// URLs one language's site adds to the sitemap.
fn url_count_of(site: &Site) -> usize {
    let pages = site
        .pages
        .iter()
        .filter(|p| p.kind == DocKind::Page)
        .count();
    let taxonomies: usize = site.taxonomies.iter().map(|t| 1 + t.terms.len()).sum();
    1 + site.articles.len() + pages + site.sections.len() + 1 + site.archive.len() + taxonomies
}

fn file(part: usize) -> String {
    if part == 0 {
        "sitemap.xml".into()
    } else {
        format!("sitemap-{part}.xml")
    }
}

impl Kind for Sitemap {
    fn target(&self, _: &Renderer) -> Target {
        Target {
            file: file(self.0),
            template: "sitemap.xml",
        }
    }

    fn inputs(&self, r: &Renderer) -> Inputs {
        Inputs {
            meta: hash_meta(|h| {
                r.site.config.sitemap.max_urls.hash(h);
                for site in r.site.all_languages() {
                    for a in &site.articles {
                        (&a.path, a.last_modified()).hash(h);
                    }
                    site.translated.hash(h);
                    site.page_translated.hash(h);
                    for p in &site.pages {
                        p.path.hash(h);
                    }
                    for t in &site.taxonomies {
                        for term in &t.terms {
                            term.path.hash(h);
                        }
                    }
                }
            }),
            ..Inputs::default()
        }
    }

    /// Every language's pages, each translated page with `xhtml:link` alternates.
    fn render(&self, r: &Renderer, target: &Target) -> Result<Vec<u8>, Diagnostic> {
        let site = r.site;
        let mut entries = Vec::with_capacity(url_count(site));
        for language_site in site.all_languages() {
            entries_of(language_site, &r.shared().catalog, &mut entries);
        }
        if parts(site) > 0 {
            let max = site.config.sitemap.max_urls.max(1);
            if self.0 == 0 {
                return Ok(index(site, &entries, max));
            }
            let start = ((self.0 - 1) * max).min(entries.len());
            let end = (start + max).min(entries.len());
            entries = entries.drain(start..end).collect();
        }
        let ctx = page_context(
            r.shared(),
            r.site,
            &target.file,
            "./".into(),
            None,
            vec![("entries", to_value(entries))],
            r.site_language(),
        );
        r.render_template(target.template, &ctx)
    }
}

/// The sitemap index: one `<sitemap>` per part of `max` URLs, with the latest date any of its
/// URLs carries.
fn index(site: &Site, entries: &[Entry], max: usize) -> Vec<u8> {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (k, chunk) in entries.chunks(max).enumerate() {
        out.push_str("  <sitemap>\n    <loc>");
        out.push_str(&escape(&site.config.permalink(&file(k + 1))));
        out.push_str("</loc>\n");
        // ISO dates (YYYY-MM-DD) order as strings.
        if let Some(last) = chunk.iter().filter_map(|e| e.lastmod.as_deref()).max() {
            out.push_str("    <lastmod>");
            out.push_str(&escape(last));
            out.push_str("</lastmod>\n");
        }
        out.push_str("  </sitemap>\n");
    }
    out.push_str("</sitemapindex>\n");
    out.into_bytes()
}

/// The sitemap entries of one language's site.
fn entries_of(site: &Site, catalog: &Catalog, entries: &mut Vec<Entry>) {
    let config = &site.config;
    let entry = |path: &str, lastmod: Option<String>, own: &str, translations: &[_]| Entry {
        loc: config.permalink(path),
        lastmod,
        alternates: language::sitemap_alternates(site, catalog, path, own, translations),
    };
    let lang = site.language.as_str();
    entries.push(entry(&site.prefix, None, lang, &[]));
    for (i, a) in site.articles.iter().enumerate() {
        let lastmod = a.last_modified().as_ref().map(date_iso);
        let own = language::of_document(site, a);
        entries.push(entry(&a.path, lastmod, &own, &site.translated[i]));
    }
    for (i, p) in site.pages.iter().enumerate() {
        if p.kind == DocKind::Page {
            let translations = site.page_translated.get(i).map_or(&[][..], Vec::as_slice);
            entries.push(entry(&p.path, None, lang, translations));
        }
    }
    for s in &site.sections {
        entries.push(entry(&s.path, None, lang, &[]));
    }
    entries.push(entry(&format!("{}archive/", site.prefix), None, lang, &[]));
    for y in &site.archive {
        entries.push(entry(&y.path, None, lang, &[]));
    }
    for t in &site.taxonomies {
        entries.push(entry(&t.path, None, lang, &[]));
        for term in &t.terms {
            entries.push(entry(&term.path, None, lang, &[]));
        }
    }
}
