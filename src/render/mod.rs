//! Stage 6: turn the site model into files. Every output file is one [`Job`]; jobs render in
//! parallel and hand their bytes straight to the output sink, so no page is held longer than it
//! takes to write it.

pub mod cite;
pub mod context;
pub mod fragments;
pub mod guard;
pub mod language;
mod recycle;
pub mod templates;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use rayon::prelude::*;
use serde_json::{json, Value};

use crate::diagnostics::Diagnostic;
use crate::model::DocKind;
use crate::site::{paginate, Pager, Site};
use context::{date_iso, page_context, root_for, Shared};
use fragments::{Fragment, Fragments};
pub use templates::Templates;

/// Which lent summaries (see [`recycle`]) a page's context holds, and where.
enum Lent<'a> {
    Nothing,
    /// `paginator.items`: the summaries of these articles, in order.
    Listing(&'a [usize]),
    /// `page.related`, `older` and `newer`.
    Article {
        related: &'a [usize],
        older: Option<usize>,
        newer: Option<usize>,
    },
}

/// Where rendered files go.
pub trait Sink: Sync {
    /// Writes `bytes` at `rel` (a `/`-separated path under the output root).
    fn write(&self, rel: &str, bytes: Vec<u8>) -> std::io::Result<()>;
}

/// One output file to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Job {
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
    Archive,
    ArchiveYear(usize),
    Search,
}

impl Job {
    /// A short name of the job's kind, for timings.
    pub fn kind(&self) -> &'static str {
        match self {
            Job::Home(_) => "home",
            Job::Article(_) => "article",
            Job::Page(_) => "page",
            Job::Section(..) => "section",
            Job::TaxonomyList(_) => "taxonomy-list",
            Job::Term(..) => "term",
            Job::SiteFeed | Job::TermFeed(..) => "feed",
            Job::NotFound | Job::Robots => "misc",
            Job::Sitemap => "sitemap",
            Job::Archive | Job::ArchiveYear(_) => "archive",
            Job::Search => "search",
        }
    }
}

/// What rendering produced.
#[derive(Debug, Default, Clone, Copy)]
pub struct RenderStats {
    /// HTML pages written.
    pub pages: usize,
    /// All files written (pages, feeds, sitemap …).
    pub files: usize,
}

/// The language a page is shown in and the translations its switcher offers.
struct PageLanguage<'a> {
    code: &'a str,
    translations: &'a [crate::site::languages::Translation],
}

/// Pagers of every listing, computed once.
struct Listings {
    home: Vec<Pager>,
    sections: Vec<Vec<Pager>>,
    /// Per taxonomy, per term.
    terms: Vec<Vec<Vec<Pager>>>,
    /// (older, newer) neighbours of each article within its section.
    neighbours: Vec<(Option<usize>, Option<usize>)>,
    /// Every article index, newest first: the home listing and the site feed.
    all: Vec<usize>,
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
            home: paginate(&site.prefix, site.articles.len(), per_page),
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
            all: (0..site.articles.len()).collect(),
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
        jobs.extend([Job::Archive, Job::Search]);
        // One 404 page, sitemap and robots.txt for the whole site, made with the default
        // language's site (which knows the others).
        if site.prefix.is_empty() {
            jobs.extend([Job::NotFound, Job::Sitemap, Job::Robots]);
        }
        jobs.extend((0..site.archive.len()).map(Job::ArchiveYear));
        jobs
    }
}

/// What an output file is made from, so a rebuild can tell which files an edit touches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobKey {
    /// Output path relative to the output root.
    pub output: String,
    pub template: &'static str,
    /// Path of the document the page shows in full, if any.
    pub own: Option<String>,
    /// Paths of the articles it lists (or links to, for neighbours).
    pub listed: Vec<String>,
    /// Everything else it shows (page numbers, term counts …), hashed.
    pub meta: u64,
}

/// Drops the summary copies rendering threads keep between pages (see [`recycle`]). A build
/// exits instead; `serve` calls this after each rebuild so it holds no copies while idle.
pub fn release_spares() {
    rayon::broadcast(|_| recycle::clear());
}

/// Renders every page, feed and index of `site` into `sink`.
pub fn render_site(
    site: &Site,
    templates: &Templates,
    sink: &dyn Sink,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<RenderStats, Vec<Diagnostic>> {
    let mut stats = RenderStats::default();
    for language_site in site.all_languages() {
        let renderer = Renderer::new(language_site, templates);
        let jobs = renderer.jobs();
        let done = renderer.render_jobs(&jobs, sink, progress)?;
        stats.pages += done.pages;
        stats.files += done.files;
    }
    Ok(stats)
}

/// What rendering a site needs beyond the site itself, computed once and reusable across
/// incremental rebuilds while the site's structure stays the same.
pub struct Prepared {
    shared: Shared,
    listings: Listings,
    /// Article bodies escaped for feeds, made on first use.
    escaped: Vec<std::sync::OnceLock<String>>,
    /// Listing and related cards, made on first use.
    fragments: Fragments,
}

impl Prepared {
    pub fn new(site: &Site, catalog: std::sync::Arc<crate::i18n::Catalog>) -> Prepared {
        Prepared {
            shared: Shared::new(site, catalog),
            listings: Listings::new(site),
            escaped: (0..site.articles.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            fragments: Fragments::new(site.articles.len()),
        }
    }

    /// Recomputes what depends on article `i` alone after its body or summary changed in place.
    pub fn refresh_article(&mut self, site: &Site, i: usize) {
        self.shared.refresh_summary(site, i);
        self.escaped[i] = std::sync::OnceLock::new();
        self.fragments.forget(i);
    }

    /// The ArticleSummary of article `i`.
    pub fn summary(&self, i: usize) -> &Value {
        &self.shared.summaries[i]
    }

    /// The `site` value every template sees.
    pub fn site_value(&self) -> &Value {
        &self.shared.site
    }
}

/// Renders a site's pages; holds what every page shares, computed once.
pub struct Renderer<'a> {
    site: &'a Site,
    templates: &'a Templates,
    prep: Prepared,
    size_hints: SizeHints,
}

/// The largest output seen so far per template, plus a margin, up to 1 MiB (one huge page must
/// not make every later page allocate as much).
#[derive(Default)]
struct SizeHints(std::sync::RwLock<std::collections::HashMap<String, usize>>);

impl SizeHints {
    fn get(&self, template: &str) -> usize {
        let map = self.0.read().expect("no panics while holding the lock");
        map.get(template).copied().unwrap_or(0).min(1 << 20)
    }

    fn record(&self, template: &str, len: usize) {
        let mut map = self.0.write().expect("no panics while holding the lock");
        let hint = map.entry(template.to_string()).or_default();
        *hint = (*hint).max(len + len / 8);
    }
}

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, templates: &'a Templates) -> Renderer<'a> {
        Renderer::with(
            site,
            templates,
            Prepared::new(site, templates.catalog.clone()),
        )
    }

    /// A renderer reusing `prep`, which must have been made for this site's structure.
    pub fn with(site: &'a Site, templates: &'a Templates, prep: Prepared) -> Renderer<'a> {
        Renderer {
            site,
            templates,
            prep,
            size_hints: SizeHints::default(),
        }
    }

    /// The ArticleSummary of article `i`.
    pub fn summary(&self, i: usize) -> &Value {
        self.prep.summary(i)
    }

    /// Gives back the prepared values for a later incremental rebuild.
    pub fn into_prepared(self) -> Prepared {
        self.prep
    }

    /// Every output file of the site.
    pub fn jobs(&self) -> Vec<Job> {
        self.prep.listings.jobs(self.site)
    }

    /// The `site` value every template sees.
    pub fn site_value(&self) -> &Value {
        &self.prep.shared.site
    }

    /// Renders `jobs` in parallel into `sink`, collecting every error.
    pub fn render_jobs(
        &self,
        jobs: &[Job],
        sink: &dyn Sink,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<RenderStats, Vec<Diagnostic>> {
        let errors = Mutex::new(Vec::<Diagnostic>::new());
        let done = AtomicUsize::new(0);
        let pages = AtomicUsize::new(0);
        let timed = crate::timings::enabled();
        let kinds: Mutex<std::collections::BTreeMap<&'static str, (usize, f64)>> = Mutex::default();
        jobs.par_iter().for_each(|job| {
            let started = timed.then(std::time::Instant::now);
            let result = self.render(*job).and_then(|(path, bytes)| {
                sink.write(&path, bytes)
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
            if let Some(started) = started {
                let mut kinds = kinds.lock().expect("no panics while holding the lock");
                let entry = kinds.entry(job.kind()).or_default();
                entry.0 += 1;
                entry.1 += started.elapsed().as_secs_f64();
            }
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, jobs.len());
        });
        for (kind, (n, secs)) in kinds
            .into_inner()
            .expect("no panics while holding the lock")
        {
            eprintln!(
                "timing:   {kind:<14} {n:>6} files {:>8.1} ms of CPU",
                secs * 1000.0
            );
        }
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

    /// Describes what `job`'s output is made from.
    pub fn key(&self, job: Job) -> JobKey {
        use std::hash::{Hash, Hasher};
        let site = self.site;
        let paths = |ids: &[usize]| {
            ids.iter()
                .map(|&i| site.articles[i].path.clone())
                .collect::<Vec<_>>()
        };
        let hash = |v: &dyn Fn(&mut std::collections::hash_map::DefaultHasher)| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            v(&mut h);
            h.finish()
        };
        let listing = |pagers: &[Pager], n: usize, items: &[usize]| {
            let p = &pagers[n];
            (
                paths(&items[p.start..p.end]),
                hash(&|h| (p.number, p.total_pages, items.len()).hash(h)),
            )
        };
        let (output, template, own, listed, meta) = match job {
            Job::Article(i) => {
                let (older, newer) = self.prep.listings.neighbours[i];
                // Everything else whose summary the page shows: related briefings, series parts
                // and translations.
                let mut shown: Vec<usize> = older.into_iter().chain(newer).collect();
                shown.extend(&site.related[i]);
                shown.extend(&site.translations[i]);
                for tax in site.taxonomies.iter().filter(|t| t.config.ordered) {
                    for term in tax.terms.iter().filter(|t| t.articles.contains(&i)) {
                        shown.extend(&term.articles);
                    }
                }
                let listed = paths(&shown);
                let a = &site.articles[i];
                (
                    format!("{}index.html", a.path),
                    "article.html",
                    Some(a.path.clone()),
                    listed,
                    0,
                )
            }
            Job::Page(i) => {
                let p = &site.pages[i];
                (
                    format!("{}index.html", p.path),
                    "page.html",
                    Some(p.path.clone()),
                    vec![],
                    0,
                )
            }
            Job::Home(n) => {
                let all = &self.prep.listings.all;
                let (listed, meta) = listing(&self.prep.listings.home, n, all);
                (
                    format!("{}index.html", self.prep.listings.home[n].path),
                    "index.html",
                    None,
                    listed,
                    meta,
                )
            }
            Job::Section(s, n) => {
                let section = &site.sections[s];
                let pagers = &self.prep.listings.sections[s];
                let (listed, meta) = listing(pagers, n, &section.articles);
                let own = section.index.map(|i| site.pages[i].path.clone());
                let meta = hash(&|h| (meta, &section.title, &section.description).hash(h));
                (
                    format!("{}index.html", pagers[n].path),
                    "section.html",
                    own,
                    listed,
                    meta,
                )
            }
            Job::TaxonomyList(t) => {
                let tax = &site.taxonomies[t];
                let meta = hash(&|h| {
                    for term in &tax.terms {
                        (&term.name, &term.slug, term.articles.len()).hash(h);
                    }
                });
                (
                    format!("{}index.html", tax.path),
                    "taxonomy_list.html",
                    None,
                    vec![],
                    meta,
                )
            }
            Job::Term(t, term_index, n) => {
                let term = &site.taxonomies[t].terms[term_index];
                let pagers = &self.prep.listings.terms[t][term_index];
                let (listed, meta) = listing(pagers, n, &term.articles);
                let meta = hash(&|h| (meta, &term.name).hash(h));
                (
                    format!("{}index.html", pagers[n].path),
                    "taxonomy_term.html",
                    // An author profile shares its term's path: editing it marks the page.
                    Some(term.path.clone()),
                    listed,
                    meta,
                )
            }
            Job::SiteFeed => {
                let all = &self.prep.listings.all;
                (
                    format!("{}atom.xml", site.prefix),
                    "atom.xml",
                    None,
                    paths(&self.feed_items(all)),
                    0,
                )
            }
            Job::TermFeed(t, term) => {
                let term = &site.taxonomies[t].terms[term];
                let meta = hash(&|h| term.name.hash(h));
                (
                    format!("{}atom.xml", term.path),
                    "atom.xml",
                    None,
                    paths(&self.feed_items(&term.articles)),
                    meta,
                )
            }
            Job::NotFound => ("404.html".into(), "404.html", None, vec![], 0),
            Job::Search => (
                format!("{}search/index.html", site.prefix),
                "search.html",
                None,
                vec![],
                0,
            ),
            Job::Archive => {
                let meta = hash(&|h| {
                    for y in &site.archive {
                        y.year.hash(h);
                        for (m, list) in &y.months {
                            (m, list.len()).hash(h);
                        }
                    }
                });
                (
                    format!("{}archive/index.html", site.prefix),
                    "archive.html",
                    None,
                    vec![],
                    meta,
                )
            }
            Job::ArchiveYear(y) => {
                let year = &site.archive[y];
                let all: Vec<usize> = year
                    .months
                    .iter()
                    .flat_map(|(_, l)| l.iter().copied())
                    .collect();
                let meta = hash(&|h| {
                    for other in &site.archive {
                        (other.year, other.count()).hash(h);
                    }
                    for (m, list) in &year.months {
                        (m, list.len()).hash(h);
                    }
                });
                (
                    format!("{}index.html", year.path),
                    "archive_year.html",
                    None,
                    paths(&all),
                    meta,
                )
            }
            Job::Robots => ("robots.txt".into(), "robots.txt", None, vec![], 0),
            Job::Sitemap => {
                let meta = hash(&|h| {
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
                });
                ("sitemap.xml".into(), "sitemap.xml", None, vec![], meta)
            }
        };
        JobKey {
            output,
            template,
            own,
            listed,
            meta,
        }
    }

    fn escaped_html(&self, i: usize) -> &str {
        self.prep.escaped[i].get_or_init(|| templates::escape(&self.site.articles[i].rendered.html))
    }

    /// The dated articles a feed over `items` shows.
    fn feed_items(&self, items: &[usize]) -> Vec<usize> {
        items
            .iter()
            .copied()
            .filter(|&i| self.site.articles[i].date.is_some())
            .take(self.site.config.feed.limit)
            .collect()
    }

    /// Renders one output file: its path and bytes.
    pub fn render(&self, job: Job) -> Result<(String, Vec<u8>), Diagnostic> {
        let site = self.site;
        let site_feed = site
            .config
            .feed
            .enabled
            .then(|| format!("{}atom.xml", site.prefix));
        match job {
            Job::Article(i) => {
                let a = &site.articles[i];
                let (older, newer) = self.prep.listings.neighbours[i];
                let summary =
                    |i: Option<usize>| i.map_or(Value::Null, |i| self.prep.shared.lend(i));
                let mut page = self.prep.shared.article(site, i);
                let page_lang = language::of_document(site, a);
                if let Some(Value::Array(related)) = page.get_mut("related") {
                    if page_lang == site.language {
                        self.add_fragments(Fragment::Related, related, &site.related[i])?;
                    } else {
                        // Cards made for the site's listings speak its language: this page's
                        // related cards are rendered with the page instead, dates in its own.
                        self.localise_dates(related, &site.related[i], &page_lang);
                    }
                }
                let values = vec![
                    ("page", page),
                    ("older", summary(older)),
                    ("newer", summary(newer)),
                ];
                let lent = Lent::Article {
                    related: &site.related[i],
                    older,
                    newer,
                };
                let page = PageLanguage {
                    code: &page_lang,
                    translations: &site.translated[i],
                };
                self.html_lent("article.html", &a.path, site_feed, values, lent, page)
            }
            Job::Page(i) => {
                let p = &site.pages[i];
                let page = PageLanguage {
                    code: &language::of_document(site, p),
                    translations: &[],
                };
                self.html_lent(
                    "page.html",
                    &p.path,
                    site_feed,
                    vec![("page", self.prep.shared.page(p, &site.config))],
                    Lent::Nothing,
                    page,
                )
            }
            Job::Home(n) => {
                let pagers = &self.prep.listings.home;
                let all = &self.prep.listings.all;
                let (paginator, lent) = self.paginator(&pagers[n], all, &site.prefix, pagers)?;
                self.html_lent(
                    "index.html",
                    &pagers[n].path,
                    site_feed,
                    vec![("paginator", paginator)],
                    lent,
                    self.site_language(),
                )
            }
            Job::Section(s, n) => {
                let section = &site.sections[s];
                let pagers = &self.prep.listings.sections[s];
                let intro = section.index.map(|i| &site.pages[i]);
                let value = json!({
                    "name": section.name,
                    "title": section.title,
                    "path": section.path,
                    "description": section.description,
                    "content": intro.map_or("", |p| p.rendered.html.as_str()),
                });
                let (paginator, lent) =
                    self.paginator(&pagers[n], &section.articles, &section.path, pagers)?;
                self.html_lent(
                    "section.html",
                    &pagers[n].path,
                    site_feed,
                    vec![("section", value), ("paginator", paginator)],
                    lent,
                    self.site_language(),
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
                        ("terms", Value::Array(terms)),
                    ],
                )
            }
            Job::Term(t, term_index, n) => {
                let tax = &site.taxonomies[t];
                let term = &tax.terms[term_index];
                let pagers = &self.prep.listings.terms[t][term_index];
                let feed = (tax.config.feed && site.config.feed.enabled)
                    .then(|| format!("{}atom.xml", term.path));
                let profile = if tax.config.name == "authors" {
                    self.prep.shared.profile(site, &term.slug, &term.articles)
                } else {
                    Value::Null
                };
                let value = json!({
                    "name": term.name, "slug": term.slug, "path": term.path,
                    "count": term.articles.len(), "feed_path": feed, "profile": profile,
                });
                let (paginator, lent) =
                    self.paginator(&pagers[n], &term.articles, &term.path, pagers)?;
                let values = vec![
                    ("taxonomy", self.taxonomy_value(t)),
                    ("term", value),
                    ("paginator", paginator),
                ];
                self.html_lent(
                    "taxonomy_term.html",
                    &pagers[n].path,
                    feed.or(site_feed),
                    values,
                    lent,
                    self.site_language(),
                )
            }
            Job::NotFound => {
                let ctx = page_context(
                    &self.prep.shared,
                    site,
                    "404.html",
                    site.config.base_path(),
                    site_feed,
                    vec![],
                    &site.language,
                    &[],
                );
                self.render_template("404.html", &ctx)
                    .map(|b| ("404.html".to_string(), b))
            }
            Job::SiteFeed => {
                let all = &self.prep.listings.all;
                self.feed(
                    &site.prefix,
                    &site.config.title,
                    Some(site.config.description.as_str()),
                    all,
                )
            }
            Job::TermFeed(t, term_index) => {
                let tax = &site.taxonomies[t];
                let term = &tax.terms[term_index];
                let title = format!(
                    "{} — {}: {}",
                    site.config.title, self.prep.shared.taxonomy_titles[t].0, term.name
                );
                self.feed(&term.path, &title, None, &term.articles)
            }
            Job::Sitemap => self.sitemap(),
            Job::Search => {
                let path = format!("{}search/", site.prefix);
                self.html("search.html", &path, site_feed, vec![])
            }
            Job::Archive => {
                let values = vec![("years", self.archive_years())];
                let path = format!("{}archive/", site.prefix);
                self.html("archive.html", &path, site_feed, values)
            }
            Job::ArchiveYear(y) => {
                let year = &site.archive[y];
                let months: Vec<Value> = year
                    .months
                    .iter()
                    .map(|(m, list)| {
                        let mut month = json!({
                            "month": m,
                            "name": self.month_name(*m),
                            "count": list.len(),
                            "id": format!("m{m:02}"),
                        });
                        // Set, not interpolated: `json!` would serialise every summary again.
                        month["items"] = Value::Array(
                            list.iter()
                                .map(|&i| self.prep.shared.summaries[i].clone())
                                .collect(),
                        );
                        month
                    })
                    .collect();
                let mut value =
                    json!({ "year": year.year, "path": year.path, "count": year.count() });
                value["months"] = Value::Array(months);
                let values = vec![("year", value), ("years", self.archive_years())];
                self.html("archive_year.html", &year.path, site_feed, values)
            }
            Job::Robots => {
                let ctx = page_context(
                    &self.prep.shared,
                    site,
                    "robots.txt",
                    "./".into(),
                    None,
                    vec![],
                    &site.language,
                    &[],
                );
                self.render_template("robots.txt", &ctx)
                    .map(|b| ("robots.txt".to_string(), b))
            }
        }
    }

    fn archive_years(&self) -> Value {
        Value::Array(
            self.site
                .archive
                .iter()
                .map(|y| {
                    json!({
                        "year": y.year,
                        "path": y.path,
                        "count": y.count(),
                        "months": y.months.iter().map(|(m, l)| json!({
                            "month": m, "name": self.month_name(*m), "count": l.len(), "id": format!("m{m:02}"),
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect(),
        )
    }

    /// A month's name in the site's language, for archive headings.
    fn month_name(&self, m: u32) -> String {
        self.prep
            .shared
            .catalog
            .language(&self.site.language)
            .month(m)
    }

    /// Summaries lent to a page in another language than the site's, with its dates.
    fn localise_dates(&self, values: &mut [Value], articles: &[usize], lang: &str) {
        let catalog = &self.prep.shared.catalog;
        for (value, &i) in values.iter_mut().zip(articles) {
            let a = &self.site.articles[i];
            if let Value::Object(map) = value {
                map.remove("related_html");
                map.remove("card_html");
                let date = a.date.as_ref().map(|d| context::date_in(catalog, lang, d));
                map.insert("date_display".into(), json!(date));
            }
        }
    }

    fn taxonomy_value(&self, t: usize) -> Value {
        let tax = &self.site.taxonomies[t];
        let (title, singular) = &self.prep.shared.taxonomy_titles[t];
        json!({
            "name": tax.config.name,
            "title": title,
            "singular": singular,
            "path": tax.path,
            "feed": tax.config.feed && self.site.config.feed.enabled,
        })
    }

    /// Article `i`'s fragment of `kind`, rendered on first use.
    fn fragment(&self, kind: Fragment, i: usize) -> Result<&str, Diagnostic> {
        self.prep.fragments.get(kind, i, || {
            let ctx = fragments::context(&self.prep.shared.summaries[i], &self.prep.shared.site);
            let page = &self.site.articles[i].path;
            crate::i18n::with_language(&self.site.language, || {
                guard::run(self.templates.time_limit, page, || {
                    self.templates.tera.render(kind.template(), &ctx)
                })
            })
            .map_err(|e| self.templates.diagnose(&e, Some(kind.template())))
        })
    }

    /// Adds each listed article's fragment to its summary in `values`.
    fn add_fragments(
        &self,
        kind: Fragment,
        values: &mut [Value],
        articles: &[usize],
    ) -> Result<(), Diagnostic> {
        for (value, &i) in values.iter_mut().zip(articles) {
            if let Value::Object(map) = value {
                // A summary lent again may carry its fragments from an earlier page.
                map.remove(kind.other().key());
                let html = self.fragment(kind, i)?;
                if map.get(kind.key()).and_then(Value::as_str) != Some(html) {
                    map.insert(kind.key().into(), Value::String(html.to_string()));
                }
            }
        }
        Ok(())
    }

    /// A listing's paginator, each item carrying its pre-rendered card, and the summaries it
    /// was lent.
    fn paginator<'i>(
        &self,
        pager: &Pager,
        items: &'i [usize],
        base: &str,
        pagers: &[Pager],
    ) -> Result<(Value, Lent<'i>), Diagnostic> {
        let listed = &items[pager.start..pager.end];
        let mut value = self.prep.shared.paginator(pager, items, base, pagers);
        if let Some(Value::Array(list)) = value.get_mut("items") {
            self.add_fragments(Fragment::Card, list, listed)?;
        }
        Ok((value, Lent::Listing(listed)))
    }

    fn html(
        &self,
        template: &str,
        path: &str,
        feed: Option<String>,
        values: Vec<(&str, Value)>,
    ) -> Result<(String, Vec<u8>), Diagnostic> {
        let page = PageLanguage {
            code: &self.site.language,
            translations: &[],
        };
        self.html_lent(template, path, feed, values, Lent::Nothing, page)
    }

    /// [`Renderer::html`] for a context holding the summaries `lent` describes, which are
    /// handed back for the thread's next page once this one has rendered.
    fn html_lent(
        &self,
        template: &str,
        path: &str,
        feed: Option<String>,
        values: Vec<(&str, Value)>,
        lent: Lent,
        page: PageLanguage,
    ) -> Result<(String, Vec<u8>), Diagnostic> {
        let root = root_for(path);
        let mut ctx = page_context(
            &self.prep.shared,
            self.site,
            path,
            root.clone(),
            feed,
            values,
            page.code,
            page.translations,
        );
        let page = self.render_template(template, &ctx);
        self.give_back(&mut ctx, lent);
        Ok((
            format!("{path}index.html"),
            fragments::fill_root(page?, &root),
        ))
    }

    /// Hands the summaries `lent` describes back from `ctx` (see [`recycle`]).
    fn give_back(&self, ctx: &mut tera::Context, lent: Lent) {
        let shared = &self.prep.shared;
        let give_list = |list: Option<Value>, articles: &[usize]| {
            if let Some(Value::Array(values)) = list {
                for (value, &i) in values.into_iter().zip(articles) {
                    shared.give_back(i, value);
                }
            }
        };
        match lent {
            Lent::Nothing => {}
            Lent::Listing(articles) => {
                let items = ctx
                    .remove("paginator")
                    .and_then(|mut p| p.get_mut("items").map(Value::take));
                give_list(items, articles);
            }
            Lent::Article {
                related,
                older,
                newer,
            } => {
                let list = ctx
                    .remove("page")
                    .and_then(|mut p| p.get_mut("related").map(Value::take));
                give_list(list, related);
                for (key, i) in [("older", older), ("newer", newer)] {
                    if let (Some(i), Some(value)) = (i, ctx.remove(key)) {
                        shared.give_back(i, value);
                    }
                }
            }
        }
    }

    /// Renders `template` into a buffer sized from earlier pages of the same template, so large
    /// pages and feeds are not copied again and again as the buffer grows.
    fn render_template(&self, template: &str, ctx: &tera::Context) -> Result<Vec<u8>, Diagnostic> {
        let hint = self.size_hints.get(template);
        let mut out = Vec::with_capacity(hint.max(4096));
        let page = ctx
            .get("current_path")
            .and_then(|p| p.as_str())
            .unwrap_or("");
        let lang = ctx
            .get("lang")
            .and_then(|l| l.as_str())
            .unwrap_or(&self.site.language);
        crate::i18n::with_language(lang, || {
            guard::run(self.templates.time_limit, page, || {
                self.templates.tera.render_to(template, ctx, &mut out)
            })
        })
        .map_err(|e| self.templates.diagnose(&e, Some(template)))?;
        if out.len() > hint {
            self.size_hints.record(template, out.len());
        }
        Ok(out)
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
        let entries: Vec<Value> = self
            .feed_items(items)
            .into_iter()
            .map(|i| (i, &site.articles[i]))
            .map(|(i, a)| {
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
                    // Escaped once per article and shared by every feed it appears in.
                    "content_escaped": config.feed.full_content.then(|| self.escaped_html(i)),
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
        let mut feed = json!({
            "title": title,
            "subtitle": subtitle.filter(|s| !s.is_empty()),
            "self_url": config.permalink(&feed_path),
            "alternate_url": config.permalink(path),
            "updated": updated,
            // A boolean to test: testing the escaped body itself would escape it again.
            "full_content": config.feed.full_content,
            "author": config.default_author.clone().unwrap_or_else(|| config.title.clone()),
        });
        // Set, not interpolated: `json!` would serialise every entry (and body) again.
        feed["entries"] = Value::Array(entries);
        let ctx = page_context(
            &self.prep.shared,
            site,
            &feed_path,
            root_for(path),
            None,
            vec![("feed", feed)],
            &site.language,
            &[],
        );
        Ok((feed_path, self.render_template("atom.xml", &ctx)?))
    }

    /// The sitemap of every language, each URL with its other-language versions
    /// (`xhtml:link rel="alternate" hreflang`).
    fn sitemap(&self) -> Result<(String, Vec<u8>), Diagnostic> {
        let site = self.site;
        let mut entries = Vec::new();
        for lang_site in site.all_languages() {
            sitemap_entries(lang_site, &self.prep.shared.catalog, &mut entries);
        }
        let ctx = page_context(
            &self.prep.shared,
            site,
            "sitemap.xml",
            "./".into(),
            None,
            vec![("entries", Value::Array(entries))],
            &site.language,
            &[],
        );
        Ok((
            "sitemap.xml".into(),
            self.render_template("sitemap.xml", &ctx)?,
        ))
    }

    /// The default page language: the site's, with no translations to switch to.
    fn site_language(&self) -> PageLanguage<'_> {
        PageLanguage {
            code: &self.site.language,
            translations: &[],
        }
    }
}

/// The sitemap entries of one language's site.
fn sitemap_entries(site: &Site, catalog: &crate::i18n::Catalog, entries: &mut Vec<Value>) {
    let config = &site.config;
    let entry = |path: &str, lastmod: Option<String>, own: &str, translations: &[_]| {
        json!({
            "loc": config.permalink(path),
            "lastmod": lastmod,
            "alternates": language::sitemap_alternates(site, catalog, path, own, translations),
        })
    };
    entries.push(entry(&site.prefix, None, &site.language, &[]));
    for (i, a) in site.articles.iter().enumerate() {
        let lastmod = a.last_modified().as_ref().map(date_iso);
        let own = language::of_document(site, a);
        entries.push(entry(&a.path, lastmod, &own, &site.translated[i]));
    }
    for p in site.pages.iter().filter(|p| p.kind == DocKind::Page) {
        entries.push(entry(&p.path, None, &site.language, &[]));
    }
    for s in &site.sections {
        entries.push(entry(&s.path, None, &site.language, &[]));
    }
    entries.push(entry(
        &format!("{}archive/", site.prefix),
        None,
        &site.language,
        &[],
    ));
    for y in &site.archive {
        entries.push(entry(&y.path, None, &site.language, &[]));
    }
    for t in &site.taxonomies {
        entries.push(entry(&t.path, None, &site.language, &[]));
        for term in &t.terms {
            entries.push(entry(&term.path, None, &site.language, &[]));
        }
    }
}
