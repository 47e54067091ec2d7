//! Template contexts. Per-article metadata is turned into JSON once and shared by every listing,
//! so a page's context holds only what that page shows (Tera copies what it is given).

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use serde_json::{json, Map, Value};

use crate::model::{DocKind, Document};
use crate::normalise::languages::language_name;
use crate::site::{Pager, Site};

/// Site-wide values computed once per build.
pub struct Shared {
    /// `site` in every template.
    pub site: Value,
    /// ArticleSummary per article, in [`Site::articles`] order.
    pub summaries: Vec<Value>,
    /// Canonical (display name, path) of every term, by (taxonomy, slug).
    terms: HashMap<(String, String), (String, Option<String>)>,
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

impl Shared {
    pub fn new(site: &Site) -> Shared {
        let config = &site.config;
        let mut terms = HashMap::new();
        for t in &site.taxonomies {
            for term in &t.terms {
                terms.insert(
                    (t.config.name.clone(), term.slug.clone()),
                    (term.name.clone(), Some(term.path.clone())),
                );
            }
        }
        let site_value = json!({
            "title": config.title,
            "description": config.description,
            "base_url": config.base_url,
            "language": config.language,
            "author": config.default_author,
            "extra": config.extra,
            "generator": concat!("briefgen ", env!("CARGO_PKG_VERSION")),
            "taxonomies": site.taxonomies.iter().map(|t| json!({
                "name": t.config.name, "title": t.title, "path": t.path,
            })).collect::<Vec<_>>(),
            "pages": site.pages.iter().filter(|p| p.kind == DocKind::Page).map(|p| json!({
                "title": p.title, "path": p.path,
            })).collect::<Vec<_>>(),
            "sections": site.sections.iter().map(|s| json!({
                "name": s.name, "title": s.title, "path": s.path,
            })).collect::<Vec<_>>(),
            "feed_path": config.feed.enabled.then_some("atom.xml"),
        });
        let mut shared = Shared {
            site: site_value,
            summaries: Vec::new(),
            terms,
        };
        shared.summaries = site
            .articles
            .iter()
            .map(|a| shared.summary(a, &site.config))
            .collect();
        shared
    }

    fn term_value(&self, taxonomy: &str, slug: &str, written: &str) -> Value {
        match self.terms.get(&(taxonomy.to_string(), slug.to_string())) {
            Some((name, path)) => json!({ "name": name, "slug": slug, "path": path }),
            None => json!({ "name": written, "slug": slug, "path": null }),
        }
    }

    fn summary(&self, a: &Document, config: &crate::config::SiteConfig) -> Value {
        let mut terms = Map::new();
        for (tax, list) in &a.terms {
            let values: Vec<Value> = list
                .iter()
                .map(|t| self.term_value(tax, &t.slug, &t.name))
                .collect();
            terms.insert(tax.clone(), Value::Array(values));
        }
        let list = |name: &str| terms.get(name).cloned().unwrap_or_else(|| json!([]));
        let source = a.source.as_ref().map(|s| {
            json!({
                "publisher": s.publisher,
                "url": s.url,
                "original_language": s.original_language,
                "original_language_name": s.original_language.as_deref().map(language_name),
                "category": s.category,
            })
        });
        json!({
            "title": a.title,
            "path": a.path,
            "permalink": config.permalink(&a.path),
            "date": a.date.as_ref().map(date_iso),
            "date_display": a.date.as_ref().map(date_display),
            "updated": a.updated.as_ref().map(date_iso),
            "updated_display": a.updated.as_ref().map(date_display),
            "authors": list("authors"),
            "tags": list("tags"),
            "terms": terms,
            "summary": a.summary_text(),
            "reading_time": a.rendered.reading_time,
            "word_count": a.rendered.word_count,
            "source": source,
            "section": a.section,
            "draft": a.draft,
        })
    }

    /// The `page` value of an article: its summary plus body, contents and extras.
    pub fn article(&self, index: usize, a: &Document) -> Value {
        let mut value = self.summaries[index].clone();
        let obj = value.as_object_mut().expect("summaries are objects");
        obj.insert("content".into(), Value::String(a.rendered.html.clone()));
        obj.insert("toc".into(), json!(a.rendered.toc));
        obj.insert("review".into(), json!(a.review));
        obj.insert("extra".into(), a.extra.clone());
        obj.insert("author_bio".into(), json!(a.author_bio));
        value
    }

    /// The `page` value of a standalone page.
    pub fn page(&self, p: &Document, config: &crate::config::SiteConfig) -> Value {
        json!({
            "title": p.title,
            "path": p.path,
            "permalink": config.permalink(&p.path),
            "content": p.rendered.html,
            "toc": p.rendered.toc,
            "summary": p.summary_text(),
            "description": p.description,
            "extra": p.extra,
        })
    }

    /// A paginator over `items` (indices into the site's articles).
    pub fn paginator(&self, pager: &Pager, items: &[usize], base: &str, pagers: &[Pager]) -> Value {
        let path_of = |n: usize| crate::site::pager_path(base, n);
        json!({
            "items": items[pager.start..pager.end].iter().map(|&i| &self.summaries[i]).collect::<Vec<_>>(),
            "current": pager.number,
            "total_pages": pager.total_pages,
            "total_items": items.len(),
            "first": path_of(1),
            "last": path_of(pager.total_pages),
            "prev": (pager.number > 1).then(|| path_of(pager.number - 1)),
            "next": (pager.number < pager.total_pages).then(|| path_of(pager.number + 1)),
            "pages": pagers.iter().map(|p| json!({
                "number": p.number, "path": p.path, "current": p.number == pager.number,
            })).collect::<Vec<_>>(),
        })
    }
}

/// Builds a Tera context for a page at `path` from the shared values plus page-specific ones.
pub fn page_context(
    shared: &Shared,
    site: &Site,
    path: &str,
    root: String,
    feed_path: Option<String>,
    values: Vec<(&str, Value)>,
) -> tera::Context {
    let mut map = Map::new();
    map.insert("site".into(), shared.site.clone());
    map.insert("root".into(), Value::String(root));
    map.insert("current_path".into(), Value::String(path.to_string()));
    map.insert(
        "permalink".into(),
        Value::String(site.config.permalink(path)),
    );
    map.insert("feed_path".into(), json!(feed_path));
    map.insert("stylesheets".into(), json!(["style.css", "syntax.css"]));
    for (k, v) in values {
        map.insert(k.to_string(), v);
    }
    tera::Context::from_value(Value::Object(map)).expect("an object is a valid context")
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
