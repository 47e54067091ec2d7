//! `sitemap.xml`: every page a search engine should know, in every language, with the date it
//! last changed and its versions in the other languages.

use std::hash::Hash;

use serde::Serialize;

use super::{hash_meta, Kind};
use crate::diagnostics::Diagnostic;
use crate::i18n::Catalog;
use crate::model::DocKind;
use crate::render::context::{date_iso, page_context, to_value};
use crate::render::plan::{Inputs, Target};
use crate::render::{language, Renderer};
use crate::site::Site;

/// The sitemap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sitemap;

/// One `<url>` of the sitemap, with its other-language versions (itself included).
#[derive(Serialize)]
struct Entry {
    loc: String,
    lastmod: Option<String>,
    alternates: serde_json::Value,
}

impl Kind for Sitemap {
    fn name(&self) -> &'static str {
        "sitemap"
    }

    fn target(&self, _: &Renderer) -> Target {
        Target {
            file: "sitemap.xml".into(),
            template: "sitemap.xml",
        }
    }

    fn inputs(&self, r: &Renderer) -> Inputs {
        Inputs {
            meta: hash_meta(|h| {
                for site in r.site.all_languages() {
                    for a in &site.articles {
                        (&a.path, a.last_modified()).hash(h);
                    }
                    site.translated.hash(h);
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
        let mut entries = Vec::new();
        for site in r.site.all_languages() {
            entries_of(site, &r.shared().catalog, &mut entries);
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
    for p in site.pages.iter().filter(|p| p.kind == DocKind::Page) {
        entries.push(entry(&p.path, None, lang, &[]));
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
