//! `sitemap.xml`: every page a search engine should know, with the date it last changed.

use std::hash::Hash;

use serde::Serialize;

use super::{hash_meta, Kind};
use crate::diagnostics::Diagnostic;
use crate::model::DocKind;
use crate::render::context::{date_iso, page_context, to_value};
use crate::render::plan::{Inputs, Target};
use crate::render::Renderer;

/// The sitemap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sitemap;

/// One `<url>` of the sitemap.
#[derive(Serialize)]
struct Entry<'a> {
    loc: std::borrow::Cow<'a, str>,
    lastmod: Option<String>,
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
        let site = r.site;
        Inputs {
            meta: hash_meta(|h| {
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
        let config = &site.config;
        let page = |path: &str| Entry {
            loc: config.permalink(path).into(),
            lastmod: None,
        };
        let mut entries = vec![Entry {
            loc: config.base_url.as_str().into(),
            lastmod: None,
        }];
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
