//! `sitemap.xml`: every page a search engine should know, with the date it last changed. Past
//! `[sitemap] max_urls` (the protocol allows at most 50,000 URLs in one file) the URLs go into
//! `sitemap-1.xml`, `sitemap-2.xml` … and `sitemap.xml` becomes the sitemap index listing them,
//! so search engines accept any size of archive and `robots.txt` keeps naming one file.

use std::hash::Hash;

use serde::Serialize;

use super::{hash_meta, Kind};
use crate::diagnostics::Diagnostic;
use crate::model::DocKind;
use crate::render::context::{date_iso, page_context, to_value};
use crate::render::engine::escape;
use crate::render::plan::{Inputs, Target};
use crate::render::Renderer;
use crate::site::Site;

/// Sitemap file `.0`: 0 is `sitemap.xml` (every URL, or the index of the parts), 1… the parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sitemap(pub usize);

/// One `<url>` of the sitemap.
#[derive(Serialize)]
struct Entry<'a> {
    loc: std::borrow::Cow<'a, str>,
    lastmod: Option<String>,
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

/// URLs the sitemap lists; must agree with [`entries`].
fn url_count(site: &Site) -> usize {
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

/// Every URL: the home page, articles, pages, sections, the archive and its years, taxonomy
/// lists and terms.
fn entries(site: &Site) -> Vec<Entry<'_>> {
    let config = &site.config;
    let page = |path: &str| Entry {
        loc: config.permalink(path).into(),
        lastmod: None,
    };
    let mut entries = Vec::with_capacity(url_count(site));
    entries.push(Entry {
        loc: config.base_url.as_str().into(),
        lastmod: None,
    });
    entries.extend(site.articles.iter().map(|a| Entry {
        loc: config.permalink(&a.path).into(),
        lastmod: a.last_modified().as_ref().map(date_iso),
    }));
    let pages = site.pages.iter().filter(|p| p.kind == DocKind::Page);
    entries.extend(pages.map(|p| page(&p.path)));
    entries.extend(site.sections.iter().map(|s| page(&s.path)));
    entries.push(page("archive/"));
    entries.extend(site.archive.iter().map(|y| page(&y.path)));
    for t in &site.taxonomies {
        entries.push(page(&t.path));
        entries.extend(t.terms.iter().map(|term| page(&term.path)));
    }
    entries
}

impl Kind for Sitemap {
    fn name(&self) -> &'static str {
        "sitemap"
    }

    fn target(&self, _: &Renderer) -> Target {
        Target {
            file: file(self.0),
            template: "sitemap.xml",
        }
    }

    fn inputs(&self, r: &Renderer) -> Inputs {
        let site = r.site;
        Inputs {
            meta: hash_meta(|h| {
                site.config.sitemap.max_urls.hash(h);
                for a in &site.articles {
                    (&a.path, a.last_modified()).hash(h);
                }
                for p in &site.pages {
                    p.path.hash(h);
                }
                for t in &site.taxonomies {
                    for term in &t.terms {
                        term.path.hash(h);
                    }
                }
            }),
            ..Inputs::default()
        }
    }

    fn render(&self, r: &Renderer, target: &Target) -> Result<Vec<u8>, Diagnostic> {
        let site = r.site;
        let mut entries = entries(site);
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
            site,
            &target.file,
            "./".into(),
            None,
            vec![("entries", to_value(entries))],
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
