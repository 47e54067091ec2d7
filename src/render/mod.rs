//! Stage 6: turn the site model into files. Every output file is one [`Job`]; jobs render in
//! parallel and hand their bytes straight to the output sink, so no page is held longer than it
//! takes to write it.

pub mod context;
pub mod templates;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use rayon::prelude::*;
use serde_json::{json, Value};

use crate::diagnostics::Diagnostic;
use crate::model::DocKind;
use crate::site::{paginate, Pager, Site};
use context::{date_iso, page_context, root_for, Shared};
pub use templates::Templates;

/// Where rendered files go.
pub trait Sink: Sync {
    /// Writes `bytes` at `rel` (a `/`-separated path under the output root).
    fn write(&self, rel: &str, bytes: &[u8]) -> std::io::Result<()>;
}

/// One output file to render.
#[derive(Debug, Clone, Copy)]
enum Job {
    Home(usize),
    Article(usize),
    Page(usize),
    Section(usize, usize),
    TaxonomyList(usize),
    Term(usize, usize, usize),
    SiteFeed,
    TermFeed(usize, usize),
    NotFound,
    Sitemap,
    Robots,
}

/// What rendering produced.
#[derive(Debug, Default, Clone, Copy)]
pub struct RenderStats {
    /// HTML pages written.
    pub pages: usize,
    /// All files written (pages, feeds, sitemap …).
    pub files: usize,
}

/// Pagers of every listing, computed once.
struct Listings {
    home: Vec<Pager>,
    sections: Vec<Vec<Pager>>,
    /// Per taxonomy, per term.
    terms: Vec<Vec<Vec<Pager>>>,
    /// (older, newer) neighbours of each article within its section.
    neighbours: Vec<(Option<usize>, Option<usize>)>,
}

impl Listings {
    fn new(site: &Site) -> Listings {
        let per_page = site.config.paginate_by;
        let mut neighbours = vec![(None, None); site.articles.len()];
        for s in &site.sections {
            for (pos, &i) in s.articles.iter().enumerate() {
                let newer = pos.checked_sub(1).map(|p| s.articles[p]);
                neighbours[i] = (s.articles.get(pos + 1).copied(), newer);
            }
        }
        Listings {
            home: paginate("", site.articles.len(), per_page),
            sections: site
                .sections
                .iter()
                .map(|s| paginate(&s.path, s.articles.len(), per_page))
                .collect(),
            terms: site
                .taxonomies
                .iter()
                .map(|t| {
                    let per = t.config.paginate_by.unwrap_or(per_page);
                    t.terms
                        .iter()
                        .map(|term| paginate(&term.path, term.articles.len(), per))
                        .collect()
                })
                .collect(),
            neighbours,
        }
    }

    fn jobs(&self, site: &Site) -> Vec<Job> {
        let mut jobs: Vec<Job> = (0..site.articles.len()).map(Job::Article).collect();
        jobs.extend((0..self.home.len()).map(Job::Home));
        jobs.extend(
            site.pages
                .iter()
                .enumerate()
                .filter(|(_, p)| p.kind == DocKind::Page)
                .map(|(i, _)| Job::Page(i)),
        );
        for (s, pagers) in self.sections.iter().enumerate() {
            jobs.extend((0..pagers.len()).map(|p| Job::Section(s, p)));
        }
        for (t, tax) in site.taxonomies.iter().enumerate() {
            jobs.push(Job::TaxonomyList(t));
            for (term, pagers) in self.terms[t].iter().enumerate() {
                jobs.extend((0..pagers.len()).map(|p| Job::Term(t, term, p)));
                if tax.config.feed && site.config.feed.enabled {
                    jobs.push(Job::TermFeed(t, term));
                }
            }
        }
        if site.config.feed.enabled {
            jobs.push(Job::SiteFeed);
        }
        jobs.extend([Job::NotFound, Job::Sitemap, Job::Robots]);
        jobs
    }
}

/// Renders every page, feed and index of `site` into `sink`.
pub fn render_site(
    site: &Site,
    templates: &Templates,
    sink: &dyn Sink,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<RenderStats, Vec<Diagnostic>> {
    let shared = Shared::new(site);
    let listings = Listings::new(site);
    let jobs = listings.jobs(site);
    let errors = Mutex::new(Vec::<Diagnostic>::new());
    let done = AtomicUsize::new(0);
    let pages = AtomicUsize::new(0);
    let renderer = Renderer {
        site,
        templates,
        shared: &shared,
        listings: &listings,
    };
    jobs.par_iter().for_each(|job| {
        let result = renderer.render(*job).and_then(|(path, bytes)| {
            sink.write(&path, &bytes)
                .map_err(|e| Diagnostic::error("io", format!("cannot write {path}: {e}")))?;
            Ok(path)
        });
        match result {
            Ok(path) => {
                if path.ends_with(".html") {
                    pages.fetch_add(1, Ordering::Relaxed);
                }
            }
            Err(d) => {
                let mut errors = errors.lock().expect("no panics while holding the lock");
                // A broken base template fails every page the same way: report it once.
                if !errors
                    .iter()
                    .any(|e| e.message == d.message && e.file == d.file && e.line == d.line)
                {
                    errors.push(d);
                }
            }
        }
        progress(done.fetch_add(1, Ordering::Relaxed) + 1, jobs.len());
    });
    let errors = errors
        .into_inner()
        .expect("no panics while holding the lock");
    if errors.is_empty() {
        Ok(RenderStats {
            pages: pages.into_inner(),
            files: jobs.len(),
        })
    } else {
        Err(errors)
    }
}

struct Renderer<'a> {
    site: &'a Site,
    templates: &'a Templates,
    shared: &'a Shared,
    listings: &'a Listings,
}

impl Renderer<'_> {
    fn render(&self, job: Job) -> Result<(String, Vec<u8>), Diagnostic> {
        let site = self.site;
        let site_feed = site.config.feed.enabled.then(|| "atom.xml".to_string());
        match job {
            Job::Article(i) => {
                let a = &site.articles[i];
                let (older, newer) = self.listings.neighbours[i];
                let summary =
                    |i: Option<usize>| i.map_or(Value::Null, |i| self.shared.summaries[i].clone());
                let values = vec![
                    ("page", self.shared.article(i, a)),
                    ("older", summary(older)),
                    ("newer", summary(newer)),
                ];
                self.html("article.html", &a.path, site_feed, values)
            }
            Job::Page(i) => {
                let p = &site.pages[i];
                self.html(
                    "page.html",
                    &p.path,
                    site_feed,
                    vec![("page", self.shared.page(p, &site.config))],
                )
            }
            Job::Home(n) => {
                let pagers = &self.listings.home;
                let all: Vec<usize> = (0..site.articles.len()).collect();
                let paginator = self.shared.paginator(&pagers[n], &all, "", pagers);
                self.html(
                    "index.html",
                    &pagers[n].path,
                    site_feed,
                    vec![("paginator", paginator)],
                )
            }
            Job::Section(s, n) => {
                let section = &site.sections[s];
                let pagers = &self.listings.sections[s];
                let intro = section.index.map(|i| &site.pages[i]);
                let value = json!({
                    "name": section.name,
                    "title": section.title,
                    "path": section.path,
                    "description": section.description,
                    "content": intro.map_or("", |p| p.rendered.html.as_str()),
                });
                let paginator =
                    self.shared
                        .paginator(&pagers[n], &section.articles, &section.path, pagers);
                self.html(
                    "section.html",
                    &pagers[n].path,
                    site_feed,
                    vec![("section", value), ("paginator", paginator)],
                )
            }
            Job::TaxonomyList(t) => {
                let tax = &site.taxonomies[t];
                let terms: Vec<Value> = tax
                    .terms
                    .iter()
                    .map(|term| json!({ "name": term.name, "slug": term.slug, "path": term.path, "count": term.articles.len() }))
                    .collect();
                self.html(
                    "taxonomy_list.html",
                    &tax.path,
                    site_feed,
                    vec![
                        ("taxonomy", self.taxonomy_value(t)),
                        ("terms", json!(terms)),
                    ],
                )
            }
            Job::Term(t, term_index, n) => {
                let tax = &site.taxonomies[t];
                let term = &tax.terms[term_index];
                let pagers = &self.listings.terms[t][term_index];
                let feed = (tax.config.feed && site.config.feed.enabled)
                    .then(|| format!("{}atom.xml", term.path));
                let value = json!({
                    "name": term.name, "slug": term.slug, "path": term.path,
                    "count": term.articles.len(), "feed_path": feed,
                });
                let paginator =
                    self.shared
                        .paginator(&pagers[n], &term.articles, &term.path, pagers);
                let values = vec![
                    ("taxonomy", self.taxonomy_value(t)),
                    ("term", value),
                    ("paginator", paginator),
                ];
                self.html(
                    "taxonomy_term.html",
                    &pagers[n].path,
                    feed.or(site_feed),
                    values,
                )
            }
            Job::NotFound => {
                let ctx = page_context(
                    self.shared,
                    site,
                    "404.html",
                    site.config.base_path(),
                    site_feed,
                    vec![],
                );
                self.render_template("404.html", &ctx)
                    .map(|b| ("404.html".to_string(), b))
            }
            Job::SiteFeed => {
                let all: Vec<usize> = (0..site.articles.len()).collect();
                self.feed(
                    "",
                    &site.config.title,
                    Some(site.config.description.as_str()),
                    &all,
                )
            }
            Job::TermFeed(t, term_index) => {
                let tax = &site.taxonomies[t];
                let term = &tax.terms[term_index];
                let title = format!("{} — {}: {}", site.config.title, tax.title, term.name);
                self.feed(&term.path, &title, None, &term.articles)
            }
            Job::Sitemap => self.sitemap(),
            Job::Robots => {
                let ctx = page_context(self.shared, site, "robots.txt", "./".into(), None, vec![]);
                self.render_template("robots.txt", &ctx)
                    .map(|b| ("robots.txt".to_string(), b))
            }
        }
    }

    fn taxonomy_value(&self, t: usize) -> Value {
        let tax = &self.site.taxonomies[t];
        json!({
            "name": tax.config.name,
            "title": tax.title,
            "singular": tax.config.singular,
            "path": tax.path,
            "feed": tax.config.feed && self.site.config.feed.enabled,
        })
    }

    fn html(
        &self,
        template: &str,
        path: &str,
        feed: Option<String>,
        values: Vec<(&str, Value)>,
    ) -> Result<(String, Vec<u8>), Diagnostic> {
        let ctx = page_context(self.shared, self.site, path, root_for(path), feed, values);
        let bytes = self.render_template(template, &ctx)?;
        Ok((format!("{path}index.html"), bytes))
    }

    fn render_template(&self, template: &str, ctx: &tera::Context) -> Result<Vec<u8>, Diagnostic> {
        self.templates
            .tera
            .render(template, ctx)
            .map(String::into_bytes)
            .map_err(|e| self.templates.diagnose(&e, Some(template)))
    }

    fn feed(
        &self,
        path: &str,
        title: &str,
        subtitle: Option<&str>,
        items: &[usize],
    ) -> Result<(String, Vec<u8>), Diagnostic> {
        let site = self.site;
        let config = &site.config;
        let entries: Vec<Value> = items
            .iter()
            .map(|&i| &site.articles[i])
            .filter(|a| a.date.is_some())
            .take(config.feed.limit)
            .map(|a| {
                let published = a.date.expect("filtered to dated articles");
                let updated = a.last_modified().unwrap_or(published);
                json!({
                    "title": a.title,
                    "permalink": config.permalink(&a.path),
                    "published": published.to_rfc3339(),
                    "updated": updated.to_rfc3339(),
                    "authors": a.terms.get("authors").map(|l| l.iter().map(|t| t.name.clone()).collect::<Vec<_>>()).unwrap_or_default(),
                    "categories": a.terms.get("tags").map(|l| l.iter().map(|t| json!({"term": t.slug, "label": t.name})).collect::<Vec<_>>()).unwrap_or_default(),
                    "summary": a.summary_text(),
                    "content": config.feed.full_content.then_some(a.rendered.html.as_str()),
                })
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
        let feed_path = format!("{path}atom.xml");
        let feed = json!({
            "title": title,
            "subtitle": subtitle.filter(|s| !s.is_empty()),
            "self_url": config.permalink(&feed_path),
            "alternate_url": config.permalink(path),
            "updated": updated,
            "author": config.default_author.clone().unwrap_or_else(|| config.title.clone()),
            "entries": entries,
        });
        let ctx = page_context(
            self.shared,
            site,
            &feed_path,
            root_for(path),
            None,
            vec![("feed", feed)],
        );
        Ok((feed_path, self.render_template("atom.xml", &ctx)?))
    }

    fn sitemap(&self) -> Result<(String, Vec<u8>), Diagnostic> {
        let site = self.site;
        let config = &site.config;
        let mut entries = vec![json!({ "loc": config.base_url, "lastmod": null })];
        for a in &site.articles {
            entries.push(json!({ "loc": config.permalink(&a.path), "lastmod": a.last_modified().as_ref().map(date_iso) }));
        }
        for p in site.pages.iter().filter(|p| p.kind == DocKind::Page) {
            entries.push(json!({ "loc": config.permalink(&p.path), "lastmod": null }));
        }
        for s in &site.sections {
            entries.push(json!({ "loc": config.permalink(&s.path), "lastmod": null }));
        }
        for t in &site.taxonomies {
            entries.push(json!({ "loc": config.permalink(&t.path), "lastmod": null }));
            for term in &t.terms {
                entries.push(json!({ "loc": config.permalink(&term.path), "lastmod": null }));
            }
        }
        let ctx = page_context(
            self.shared,
            site,
            "sitemap.xml",
            "./".into(),
            None,
            vec![("entries", json!(entries))],
        );
        Ok((
            "sitemap.xml".into(),
            self.render_template("sitemap.xml", &ctx)?,
        ))
    }
}
