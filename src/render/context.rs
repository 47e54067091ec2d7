//! Template contexts. Per-article metadata is turned into JSON once and shared by every listing,
//! so a page's context holds only what that page shows (Tera copies what it is given).

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;
use serde_json::{json, Map, Value};

use super::{cite, recycle};
use crate::model::{DocKind, Document};
use crate::normalise::languages::{language_name, og_locale};
use crate::site::{Pager, Site};

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

impl Shared {
    pub fn new(site: &Site) -> Shared {
        let config = &site.config;
        let mut terms: HashMap<String, HashMap<_, _>> = HashMap::new();
        for t in &site.taxonomies {
            for term in &t.terms {
                terms.entry(t.config.name.clone()).or_default().insert(
                    term.slug.clone(),
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
            "labels": config.labels,
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
            generation: recycle::next_generation(),
            terms,
        };
        shared.summaries = site
            .articles
            .par_iter()
            .map(|a| shared.summary(a, &site.config))
            .collect();
        shared
    }

    /// Recomputes the summary of article `i` after it changed in place.
    pub fn refresh_summary(&mut self, site: &Site, i: usize) {
        self.summaries[i] = self.summary(&site.articles[i], &site.config);
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

    fn term_value(&self, taxonomy: &str, slug: &str, written: &str) -> Value {
        match self.terms.get(taxonomy).and_then(|t| t.get(slug)) {
            Some((name, path)) => json!({ "name": name, "slug": slug, "path": path }),
            None => json!({ "name": written, "slug": slug, "path": null }),
        }
    }

    /// Every taxonomy of `a` to its list of Term values.
    fn term_map(&self, a: &Document) -> Map<String, Value> {
        let mut terms = Map::new();
        for (tax, list) in &a.terms {
            let values: Vec<Value> = list
                .iter()
                .map(|t| self.term_value(tax, &t.slug, &t.name))
                .collect();
            terms.insert(tax.clone(), Value::Array(values));
        }
        terms
    }

    /// The ArticleSummary of `a`. Listings and related cards clone it many times per build, so
    /// it holds what cards show; the full `terms` map is only in the article's own `page`.
    fn summary(&self, a: &Document, config: &crate::config::SiteConfig) -> Value {
        let mut terms = self.term_map(a);
        let mut list = |name: &str| terms.remove(name).unwrap_or_else(|| json!([]));
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
            "summary": a.summary_text(),
            "summary_short": short_summary(a.summary_text()),
            "reading_time": a.rendered.reading_time,
            "word_count": a.rendered.word_count,
            "source": source,
            "section": a.section,
            "draft": a.draft,
            "language": a.language.as_deref().unwrap_or(&config.language),
        })
    }

    /// The `page` value of an article: its summary plus body, contents, reader features and
    /// extras.
    pub fn article(&self, site: &Site, index: usize) -> Value {
        let a = &site.articles[index];
        let config = &site.config;
        let mut value = self.summaries[index].clone();
        let obj = value.as_object_mut().expect("summaries are objects");
        obj.insert("content".into(), Value::String(a.rendered.html.clone()));
        obj.insert("terms".into(), Value::Object(self.term_map(a)));
        obj.insert("toc".into(), json!(a.rendered.toc));
        obj.insert("review".into(), json!(a.review));
        obj.insert("extra".into(), a.extra.clone());
        obj.insert("author_bio".into(), json!(a.author_bio));
        obj.insert("pdf".into(), json!(a.pdf));
        obj.insert("pdf_size".into(), json!(a.pdf_info.map(|i| i.size_text())));
        obj.insert("pdf_pages".into(), json!(a.pdf_info.and_then(|i| i.pages)));
        let language = a
            .language
            .clone()
            .unwrap_or_else(|| config.language.clone());
        obj.insert("og_locale".into(), json!(og_locale(&language)));
        obj.insert("language".into(), json!(language));
        // Precomputed so templates need not search maps (Tera copies what `in` and `set` touch).
        let groups: Vec<Value> = site
            .taxonomies
            .iter()
            .filter(|t| t.config.name != "authors")
            .filter_map(|t| {
                let terms = obj.get("terms")?.get(&t.config.name)?.clone();
                let mut group = json!({ "name": t.config.name, "title": t.title, "path": t.path });
                group["terms"] = terms;
                Some(group)
            })
            .collect();
        obj.insert("term_groups".into(), Value::Array(groups));
        if let Some(section) = site.sections.iter().find(|s| s.name == a.section) {
            obj.insert("section_title".into(), json!(section.title));
            obj.insert("section_path".into(), json!(section.path));
        }
        obj.insert(
            "related".into(),
            Value::Array(site.related[index].iter().map(|&j| self.lend(j)).collect()),
        );
        obj.insert("series".into(), Value::Array(self.series(site, index)));
        obj.insert(
            "translations".into(),
            Value::Array(
                site.translations[index]
                    .iter()
                    .map(|&j| {
                        let t = &site.articles[j];
                        let lang = t
                            .language
                            .clone()
                            .unwrap_or_else(|| config.language.clone());
                        json!({
                            "language": lang,
                            "language_name": language_name(&lang),
                            "title": t.title,
                            "path": t.path,
                            "permalink": config.permalink(&t.path),
                        })
                    })
                    .collect(),
            ),
        );
        let authors: Vec<&str> = a
            .terms
            .get("authors")
            .map(|l| l.iter().map(|t| t.name.as_str()).collect())
            .unwrap_or_default();
        let permalink = config.permalink(&a.path);
        let input = cite::CiteInput {
            doc: a,
            authors: authors.clone(),
            site_title: &config.title,
            permalink: &permalink,
        };
        obj.insert(
            "citation".into(),
            json!({ "apa": cite::apa(&input), "chicago": cite::chicago(&input), "bibtex": cite::bibtex(&input) }),
        );
        let people = a
            .terms
            .get("authors")
            .map(|l| {
                l.iter()
                    .map(|t| {
                        let affiliation = site
                            .profiles
                            .get(&t.slug)
                            .and_then(|p| p.profile.as_ref())
                            .and_then(|p| p.affiliation.as_deref());
                        (t.name.as_str(), affiliation)
                    })
                    .collect()
            })
            .unwrap_or_default();
        let series: Vec<&str> = site
            .taxonomies
            .iter()
            .filter(|t| t.config.ordered)
            .flat_map(|t| {
                a.terms
                    .get(&t.config.name)
                    .into_iter()
                    .flatten()
                    .map(|term| term.name.as_str())
            })
            .collect();
        let keywords: Vec<&str> = a
            .terms
            .iter()
            .filter(|(k, _)| *k != "authors")
            .flat_map(|(_, l)| l.iter().map(|t| t.name.as_str()))
            .collect();
        let json_ld = cite::json_ld(&cite::JsonLdInput {
            cite: &input,
            description: a.summary_text(),
            language: &language,
            people,
            series,
            keywords,
            image: None,
        });
        obj.insert("json_ld".into(), Value::String(json_ld));
        obj.insert(
            "citation_date".into(),
            json!(a.date.map(|d| d.format("%Y/%m/%d").to_string())),
        );
        value
    }

    /// "Part 2 of 5" for each series (ordered taxonomy) the article belongs to.
    fn series(&self, site: &Site, index: usize) -> Vec<Value> {
        let mut out = Vec::new();
        for tax in site.taxonomies.iter().filter(|t| t.config.ordered) {
            for term in &tax.terms {
                let Some(pos) = term.articles.iter().position(|&i| i == index) else {
                    continue;
                };
                let neighbour = |p: Option<usize>| {
                    p.and_then(|p| term.articles.get(p))
                        .map_or(Value::Null, |&j| self.summaries[j].clone())
                };
                out.push(json!({
                    "taxonomy": tax.config.name,
                    "name": term.name,
                    "path": term.path,
                    "part": pos + 1,
                    "total": term.articles.len(),
                    "prev": neighbour(pos.checked_sub(1)),
                    "next": neighbour(Some(pos + 1)),
                }));
            }
        }
        out
    }

    /// An author's profile for their page: affiliation, photo, links and bio. Without a
    /// profile file, an imported `author_bio` from their newest single-author briefing is used.
    pub fn profile(&self, site: &Site, slug: &str, articles: &[usize]) -> Value {
        if let Some(doc) = site.profiles.get(slug) {
            let p = doc.profile.clone().unwrap_or_default();
            return json!({
                "name": doc.title,
                "affiliation": p.affiliation,
                "photo": p.photo,
                "links": p.links,
                "bio": doc.rendered.html,
                "bio_text": Value::Null,
            });
        }
        let imported = articles.iter().map(|&i| &site.articles[i]).find_map(|a| {
            let single = a.terms.get("authors").is_some_and(|l| l.len() == 1);
            a.author_bio.as_deref().filter(|_| single)
        });
        match imported {
            Some(text) => {
                json!({ "name": Value::Null, "affiliation": Value::Null, "photo": Value::Null, "links": [], "bio": Value::Null, "bio_text": text })
            }
            None => Value::Null,
        }
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
        // Only the pages a numbered navigation shows (first, last, current ± 3), picked by
        // index (`pagers[k]` is page k + 1): listing or even scanning every page on every page
        // would make a 1,000-page listing quadratic.
        let mut shown: Vec<usize> = std::iter::once(0)
            .chain(pager.number.saturating_sub(4)..(pager.number + 3).min(pagers.len()))
            .chain(pagers.len().checked_sub(1))
            .collect();
        shown.dedup();
        let listed: Vec<Value> = items[pager.start..pager.end]
            .iter()
            .map(|&i| self.lend(i))
            .collect();
        let mut value = json!({
            "current": pager.number,
            "total_pages": pager.total_pages,
            "total_items": items.len(),
            "first": path_of(1),
            "last": path_of(pager.total_pages),
            "prev": (pager.number > 1).then(|| path_of(pager.number - 1)),
            "next": (pager.number < pager.total_pages).then(|| path_of(pager.number + 1)),
            "pages": shown
                .iter()
                .filter_map(|&k| pagers.get(k))
                .map(|p| json!({ "number": p.number, "path": p.path, "current": p.number == pager.number }))
                .collect::<Vec<_>>(),
        });
        // Moved in, not through `json!`, which would re-serialise every summary value.
        value["items"] = Value::Array(listed);
        value
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
