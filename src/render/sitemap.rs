//! `sitemap.xml`: every public URL of the site. Past `[sitemap] max_urls` (the protocol allows at
//! most 50,000 URLs in one file) the URLs go into `sitemap-1.xml`, `sitemap-2.xml` … and
//! `sitemap.xml` becomes the sitemap index listing them, so search engines accept any size of
//! archive and `robots.txt` keeps naming one file.

use serde_json::{json, Value};

use super::context::{date_iso, page_context};
use super::templates::escape;
use super::Renderer;
use crate::diagnostics::Diagnostic;
use crate::model::DocKind;
use crate::site::Site;

/// URLs the sitemap lists: the home page, articles, pages, sections, the archive and its years,
/// taxonomy lists and terms. Must agree with [`Renderer::sitemap_entries`].
fn url_count(site: &Site) -> usize {
    let pages = site
        .pages
        .iter()
        .filter(|p| p.kind == DocKind::Page)
        .count();
    let taxonomies: usize = site.taxonomies.iter().map(|t| 1 + t.terms.len()).sum();
    1 + site.articles.len() + pages + site.sections.len() + 1 + site.archive.len() + taxonomies
}

/// How many part files the URLs need besides `sitemap.xml`: 0 when it holds them all.
pub(super) fn sitemap_parts(site: &Site) -> usize {
    let urls = url_count(site);
    let max = site.config.sitemap.max_urls.max(1);
    if urls <= max {
        0
    } else {
        urls.div_ceil(max)
    }
}

/// Output path of sitemap part `part` (0 is `sitemap.xml`).
pub(super) fn sitemap_file(part: usize) -> String {
    if part == 0 {
        "sitemap.xml".into()
    } else {
        format!("sitemap-{part}.xml")
    }
}

impl Renderer<'_> {
    fn sitemap_entries(&self) -> Vec<Value> {
        let site = self.site;
        let config = &site.config;
        let mut entries = Vec::with_capacity(url_count(site));
        entries.push(json!({ "loc": config.base_url, "lastmod": null }));
        for a in &site.articles {
            entries.push(json!({ "loc": config.permalink(&a.path), "lastmod": a.last_modified().as_ref().map(date_iso) }));
        }
        for p in site.pages.iter().filter(|p| p.kind == DocKind::Page) {
            entries.push(json!({ "loc": config.permalink(&p.path), "lastmod": null }));
        }
        for s in &site.sections {
            entries.push(json!({ "loc": config.permalink(&s.path), "lastmod": null }));
        }
        entries.push(json!({ "loc": config.permalink("archive/"), "lastmod": null }));
        for y in &site.archive {
            entries.push(json!({ "loc": config.permalink(&y.path), "lastmod": null }));
        }
        for t in &site.taxonomies {
            entries.push(json!({ "loc": config.permalink(&t.path), "lastmod": null }));
            for term in &t.terms {
                entries.push(json!({ "loc": config.permalink(&term.path), "lastmod": null }));
            }
        }
        entries
    }

    /// Sitemap file `part` (see [`sitemap_file`]).
    pub(super) fn sitemap(&self, part: usize) -> Result<(String, Vec<u8>), Diagnostic> {
        let site = self.site;
        let parts = sitemap_parts(site);
        let mut entries = self.sitemap_entries();
        if parts > 0 {
            let max = site.config.sitemap.max_urls.max(1);
            if part == 0 {
                return Ok((sitemap_file(0), self.sitemap_index(&entries, max)));
            }
            let start = ((part - 1) * max).min(entries.len());
            let end = (start + max).min(entries.len());
            entries = entries.drain(start..end).collect();
        }
        let ctx = page_context(
            &self.prep.shared,
            site,
            "sitemap.xml",
            "./".into(),
            None,
            vec![("entries", Value::Array(entries))],
        );
        Ok((
            sitemap_file(part),
            self.render_template("sitemap.xml", &ctx)?,
        ))
    }

    /// The sitemap index: one `<sitemap>` per part of `max` URLs, with the latest date any of
    /// its URLs carries.
    fn sitemap_index(&self, entries: &[Value], max: usize) -> Vec<u8> {
        let mut out = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (k, chunk) in entries.chunks(max).enumerate() {
            let loc = self.site.config.permalink(&sitemap_file(k + 1));
            out.push_str("  <sitemap>\n    <loc>");
            out.push_str(&escape(&loc));
            out.push_str("</loc>\n");
            // ISO dates (YYYY-MM-DD) order as strings.
            if let Some(last) = chunk.iter().filter_map(|e| e["lastmod"].as_str()).max() {
                out.push_str("    <lastmod>");
                out.push_str(&escape(last));
                out.push_str("</lastmod>\n");
            }
            out.push_str("  </sitemap>\n");
        }
        out.push_str("</sitemapindex>\n");
        out.into_bytes()
    }
}
