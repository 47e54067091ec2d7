//! Incremental rebuilds for `serve`. The engine keeps every normalised document and rendered
//! body between rebuilds; an edit re-reads only the files that changed, re-renders only their
//! bodies, and re-renders only the output files whose inputs changed.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::store::{Entry, Store};
use crate::build::{self, BuildOptions};
use crate::config::{SiteConfig, SitePaths};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::discover::{discover, Discovered, SourceFile};
use crate::media::SiteMedia;
use crate::model::DocKind;
use crate::model::Document;
use crate::render::{templates::BUILTIN_STATIC, Job, JobKey, Prepared, Renderer, Sink, Templates};
use crate::site::Site;
use rayon::prelude::*;

/// What a rebuild did, for the terminal.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    /// Output files rendered again.
    pub rendered: usize,
    /// Output files dropped because their source is gone.
    pub removed: usize,
    pub full: bool,
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
}

/// What the previous render looked like, to find what an edit changes.
struct Snapshot {
    keys: HashMap<String, JobKey>,
    /// Article paths in the order of the prepared summaries.
    summary_paths: Vec<String>,
    site_value: Value,
}

/// Where an edited document sits in the site.
enum Place {
    Article(usize),
    Page(usize),
    Profile(String),
}

/// Whether two versions of a document differ only in their body, so listings, order,
/// taxonomies and related lists stay as they are.
fn same_metadata(a: &Document, b: &Document) -> bool {
    a.kind == b.kind
        && a.path == b.path
        && a.title == b.title
        && a.description == b.description
        && a.date == b.date
        && a.updated == b.updated
        && a.terms == b.terms
        && a.summary == b.summary
        && a.draft == b.draft
        && a.source == b.source
        && a.review == b.review
        && a.author_bio == b.author_bio
        && a.language == b.language
        && a.translation_of == b.translation_of
        && a.pdf == b.pdf
        && a.profile == b.profile
        && a.extra == b.extra
}

/// How a watched path changed the site.
#[derive(Debug, Default)]
struct Changes {
    config: bool,
    content: HashSet<String>,
    templates: HashSet<String>,
    statics: bool,
}

/// The site as last built, and everything needed to rebuild it in part.
pub struct Engine {
    options: BuildOptions,
    paths: SitePaths,
    config: Option<SiteConfig>,
    theme: Option<(Templates, String)>,
    /// Every normalised document (drafts too), by content path.
    docs: BTreeMap<String, Document>,
    sources: BTreeMap<String, SourceFile>,
    site: Option<Site>,
    snapshot: Option<Snapshot>,
    /// Rendering state kept between rebuilds.
    prepared: Option<Prepared>,
    /// Output jobs showing each document path.
    reverse: HashMap<String, Vec<Job>>,
    /// Files figures name and the resized images, kept between rebuilds.
    media: Option<SiteMedia>,
}

impl Engine {
    pub fn new(options: BuildOptions) -> Engine {
        let paths = SitePaths::new(&options.root, None);
        Engine {
            options,
            paths,
            config: None,
            theme: None,
            docs: BTreeMap::new(),
            sources: BTreeMap::new(),
            site: None,
            snapshot: None,
            prepared: None,
            reverse: HashMap::new(),
            media: None,
        }
    }

    pub fn paths(&self) -> &SitePaths {
        &self.paths
    }

    /// Reads and renders everything, replacing the store's files.
    pub fn full_build(&mut self, store: &RwLock<Store>) -> Result<Rebuilt, Diagnostics> {
        let started = Instant::now();
        self.snapshot = None;
        self.prepared = None;
        self.docs.clear();
        self.sources.clear();
        let config = build::load_config(&self.options)?;
        let mut discovered = discover(
            &self.paths.root,
            &self.paths.content,
            &self.paths.static_dir,
        )?;
        let mut warnings = std::mem::take(&mut discovered.warnings);
        self.media = Some(build::site_media(&config, &self.paths, &discovered));
        let theme = build::load_theme(&self.paths, &config);
        let (documents, mut errors, failed) =
            build::normalise_sources(&discovered.sources, &config, &self.paths);
        self.sources = discovered
            .sources
            .iter()
            .map(|s| (s.rel.clone(), s.clone()))
            .collect();
        self.docs = documents.into_iter().map(|d| (d.rel.clone(), d)).collect();
        match theme {
            Ok(theme) => self.theme = Some(theme),
            Err(e) => errors.extend(e),
        }
        self.config = Some(config);
        if !errors.is_empty() {
            // Bodies of good files still render, so link errors are reported now too.
            if let Err(e) = self.remodel(&failed) {
                errors.extend(e);
            }
            return Err(Diagnostics(errors));
        }
        self.remodel(&failed).map_err(Diagnostics)?;
        let rendered = self.render(&Changes::default(), store, &discovered)?;
        warnings.extend(build::editorial_warnings(
            self.site.as_ref().expect("just built"),
        ));
        Ok(Rebuilt {
            rendered,
            removed: 0,
            full: true,
            elapsed: started.elapsed(),
            warnings,
        })
    }

    /// Applies file-system changes, rebuilding as little as possible.
    pub fn update(
        &mut self,
        changed: &[PathBuf],
        store: &RwLock<Store>,
    ) -> Result<Rebuilt, Diagnostics> {
        let changes = self.classify(changed);
        if changes.config || self.site.is_none() || self.theme.is_none() {
            return self.full_build(store);
        }
        let started = Instant::now();
        let mut discovered = discover(
            &self.paths.root,
            &self.paths.content,
            &self.paths.static_dir,
        )?;
        let mut warnings = std::mem::take(&mut discovered.warnings);
        if let Some(media) = &mut self.media {
            media.assets = build::asset_index(&discovered);
        }
        let config = self.config.clone().expect("set by the full build");
        let mut laps = crate::timings::Laps::from_env();

        if !changes.templates.is_empty() {
            let (templates, css) = build::load_theme(&self.paths, &config).map_err(Diagnostics)?;
            self.theme = Some((templates, css));
        }

        // Re-read what changed, appeared or disappeared in content/.
        let now: BTreeMap<String, SourceFile> = discovered
            .sources
            .iter()
            .map(|s| (s.rel.clone(), s.clone()))
            .collect();
        let created: Vec<&String> = now
            .keys()
            .filter(|r| !self.sources.contains_key(*r))
            .collect();
        let deleted: Vec<String> = self
            .sources
            .keys()
            .filter(|r| !now.contains_key(*r))
            .cloned()
            .collect();
        let reread: Vec<SourceFile> = now
            .values()
            .filter(|s| changes.content.contains(&s.rel) || created.contains(&&s.rel))
            .cloned()
            .collect();
        let structure_changed = !created.is_empty() || !deleted.is_empty();
        let (fresh, errors, failed) = build::normalise_sources(&reread, &config, &self.paths);
        if !structure_changed
            && changes.templates.is_empty()
            && !changes.statics
            && errors.is_empty()
            && !fresh.is_empty()
        {
            if let Some(result) = self.try_in_place(&fresh, store) {
                laps.lap("in place");
                self.sources = now;
                return result.map(|rendered| Rebuilt {
                    rendered,
                    removed: 0,
                    full: false,
                    elapsed: started.elapsed(),
                    warnings,
                });
            }
        }
        let mut paths_changed = structure_changed;
        for rel in &deleted {
            self.docs.remove(rel);
        }
        let mut changed_paths: HashSet<String> = HashSet::new();
        for doc in fresh {
            if let Some(old) = self.docs.get(&doc.rel) {
                paths_changed |= old.path != doc.path;
                changed_paths.insert(old.path.clone());
            }
            changed_paths.insert(doc.path.clone());
            self.docs.insert(doc.rel.clone(), doc);
        }
        self.sources = now;
        if paths_changed {
            // Links between documents may now resolve differently: render every body again.
            for doc in self.docs.values_mut() {
                doc.rendered = Default::default();
            }
        }
        if !errors.is_empty() {
            return Err(Diagnostics(errors));
        }
        laps.lap("normalise");
        self.remodel(&failed).map_err(Diagnostics)?;
        laps.lap("remodel");
        let changes = Changes {
            content: changed_paths,
            ..changes
        };
        let before = store.read().expect("store lock").files.len();
        let rendered = self.render(&changes, store, &discovered)?;
        let removed = before.saturating_sub(store.read().expect("store lock").files.len());
        warnings.extend(build::editorial_warnings(
            self.site.as_ref().expect("just built"),
        ));
        Ok(Rebuilt {
            rendered,
            removed,
            full: false,
            elapsed: started.elapsed(),
            warnings,
        })
    }

    /// Assembles the model from the kept documents and renders the bodies not rendered yet.
    fn remodel(&mut self, failed: &HashSet<String>) -> Result<(), Vec<Diagnostic>> {
        let config = self.config.clone().expect("config loaded before the model");
        let docs: Vec<Document> = self.docs.values().cloned().collect();
        let media = self.media.as_ref().expect("media set with the config");
        let site = build::model(config, docs, self.options.drafts, failed, media)?;
        media.save_cache();
        // Keep the rendered bodies for the next rebuild.
        for doc in site.documents() {
            if let Some(kept) = self.docs.get_mut(&doc.rel) {
                kept.rendered = Arc::clone(&doc.rendered);
            }
        }
        self.site = Some(site);
        Ok(())
    }

    /// Renders the output files whose inputs changed into `store` and drops vanished ones.
    /// Returns how many files were rendered.
    fn render(
        &mut self,
        changes: &Changes,
        store: &RwLock<Store>,
        discovered: &Discovered,
    ) -> Result<usize, Diagnostics> {
        let site = self.site.as_ref().expect("model built before rendering");
        let (templates, syntax_css) = self.theme.as_ref().expect("theme loaded before rendering");
        let mut laps = crate::timings::Laps::from_env();
        let renderer = Renderer::new(site, templates);
        laps.lap("renderer");
        let jobs = renderer.jobs();
        let keys: Vec<JobKey> = jobs.par_iter().map(|&j| renderer.key(j)).collect();
        laps.lap("keys");
        let old_prepared = self.prepared.take();
        let dirty: Vec<Job> = match (&self.snapshot, &old_prepared) {
            (Some(old), Some(prep)) if old.site_value == *renderer.site_value() => {
                let old_index: HashMap<&str, usize> = old
                    .summary_paths
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (p.as_str(), i))
                    .collect();
                let changed: HashSet<&str> = site
                    .articles
                    .iter()
                    .enumerate()
                    .filter(|(i, a)| {
                        old_index
                            .get(a.path.as_str())
                            .is_none_or(|&j| prep.summary(j) != renderer.summary(*i))
                    })
                    .map(|(_, a)| a.path.as_str())
                    .chain(changes.content.iter().map(String::as_str))
                    .collect();
                let all_html = changes.templates.iter().any(|t| !is_page_template(t));
                jobs.iter()
                    .zip(&keys)
                    .filter(|(_, key)| {
                        old.keys.get(&key.output) != Some(key)
                            || key.own.as_deref().is_some_and(|p| changed.contains(p))
                            || key.listed.iter().any(|p| changed.contains(p.as_str()))
                            || changes.templates.contains(key.template)
                            || (all_html && key.output.ends_with(".html"))
                    })
                    .map(|(&j, _)| j)
                    .collect()
            }
            _ => jobs.clone(),
        };
        laps.lap("dirty");
        let sink = MemorySink::default();
        let rendered = renderer.render_jobs(&dirty, &sink, &|_, _| {});
        crate::render::release_spares();
        rendered.map_err(Diagnostics)?;
        laps.lap("render");
        let rendered = sink.files.into_inner().expect("sink lock");
        let count = rendered.len();

        let mut store = store.write().expect("store lock");
        match &self.snapshot {
            None => store.files.clear(),
            Some(old) => {
                let live: HashSet<&str> = keys.iter().map(|k| k.output.as_str()).collect();
                for output in old.keys.keys().filter(|o| !live.contains(o.as_str())) {
                    store.files.remove(output);
                }
            }
        }
        // Assets: the theme's files, then static/ and content/ files from disk (theirs win).
        store.files.retain(|_, e| !matches!(e, Entry::OnDisk(_)));
        for (rel, text) in BUILTIN_STATIC {
            store
                .files
                .insert(rel.to_string(), Entry::Rendered(Arc::from(text.as_bytes())));
        }
        store.files.insert(
            "syntax.css".into(),
            Entry::Rendered(Arc::from(syntax_css.as_bytes())),
        );
        for asset in discovered
            .static_assets
            .iter()
            .chain(&discovered.content_assets)
        {
            store
                .files
                .insert(asset.rel.clone(), Entry::OnDisk(asset.path.clone()));
        }
        if let Some(media) = &self.media {
            for (rel, cached) in media.outputs() {
                store.files.insert(rel, Entry::OnDisk(cached));
            }
        }
        for (path, bytes) in rendered {
            store.files.insert(path, Entry::Rendered(Arc::from(bytes)));
        }
        // The search index follows structural rebuilds; in-place body edits keep the last one.
        match build::search_index(site) {
            Ok(files) => {
                for (path, bytes) in files {
                    store.files.insert(path, Entry::Rendered(Arc::from(bytes)));
                }
            }
            Err(d) => eprintln!("{d}"),
        }
        store.error = None;
        store.version += 1;
        drop(store);

        // Which output files show each document, for in-place rebuilds of body edits.
        let mut reverse: HashMap<String, Vec<Job>> = HashMap::new();
        for (job, key) in jobs.iter().zip(&keys) {
            for path in key.own.iter().chain(&key.listed) {
                reverse.entry(path.clone()).or_default().push(*job);
            }
        }
        self.reverse = reverse;
        self.snapshot = Some(Snapshot {
            keys: keys.into_iter().map(|k| (k.output.clone(), k)).collect(),
            summary_paths: site.articles.iter().map(|a| a.path.clone()).collect(),
            site_value: renderer.site_value().clone(),
        });
        self.prepared = Some(renderer.into_prepared());
        laps.lap("bookkeeping");
        Ok(count)
    }

    /// Applies edits that change only bodies (same title, date, terms … as before) in place:
    /// no re-assembly of the model, only the edited bodies and the pages showing them.
    /// Returns `None` when the edit needs a full incremental rebuild.
    fn try_in_place(
        &mut self,
        fresh: &[Document],
        store: &RwLock<Store>,
    ) -> Option<Result<usize, Diagnostics>> {
        let site = self.site.as_mut()?;
        let prepared = self.prepared.as_mut()?;
        let (templates, _) = self.theme.as_ref()?;
        let mut places = Vec::new();
        for doc in fresh {
            let place = match doc.kind {
                DocKind::Article => site
                    .articles
                    .iter()
                    .position(|a| a.rel == doc.rel)
                    .map(Place::Article),
                DocKind::Page | DocKind::SectionIndex => site
                    .pages
                    .iter()
                    .position(|p| p.rel == doc.rel)
                    .map(Place::Page),
                DocKind::Profile => site
                    .profiles
                    .iter()
                    .find(|(_, p)| p.rel == doc.rel)
                    .map(|(k, _)| Place::Profile(k.clone())),
            }?;
            let old = match &place {
                Place::Article(i) => &site.articles[*i],
                Place::Page(i) => &site.pages[*i],
                Place::Profile(k) => &site.profiles[k],
            };
            if !same_metadata(old, doc) {
                return None;
            }
            places.push(place);
        }
        let content_paths = site.content_paths();
        let resolve = |rel: &str| content_paths.get(rel.trim_start_matches('/')).cloned();
        let mut dirty: HashSet<Job> = HashSet::new();
        for (doc, place) in fresh.iter().zip(places) {
            let root = crate::render::context::root_for(&doc.path);
            let media = self.media.as_ref()?;
            let rendered = match crate::markdown::render_with_media(
                &doc.body,
                &crate::markdown::LinkContext {
                    root: &root,
                    resolve: &resolve,
                },
                site.config.markdown.raw_html,
                &media.context(&doc.rel, &doc.path),
            ) {
                Ok(r) => Arc::new(r),
                // Broken links are reported with positions by the regular rebuild.
                Err(_) => return None,
            };
            let mut doc = doc.clone();
            doc.rendered = rendered;
            self.docs.insert(doc.rel.clone(), doc.clone());
            let path = match &place {
                Place::Profile(slug) => format!("authors/{slug}/"),
                _ => doc.path.clone(),
            };
            match place {
                Place::Article(i) => {
                    site.articles[i] = doc;
                    prepared.refresh_article(site, i);
                }
                Place::Page(i) => site.pages[i] = doc,
                Place::Profile(k) => {
                    site.profiles.insert(k, doc);
                }
            }
            dirty.extend(self.reverse.get(&path).into_iter().flatten().copied());
        }
        let jobs: Vec<Job> = dirty.into_iter().collect();
        let renderer = Renderer::with(site, templates, self.prepared.take()?);
        let sink = MemorySink::default();
        let result = renderer.render_jobs(&jobs, &sink, &|_, _| {});
        crate::render::release_spares();
        self.prepared = Some(renderer.into_prepared());
        if let Err(e) = result {
            return Some(Err(Diagnostics(e)));
        }
        let rendered = sink.files.into_inner().expect("sink lock");
        let count = rendered.len();
        let mut store = store.write().expect("store lock");
        for (path, bytes) in rendered {
            store.files.insert(path, Entry::Rendered(Arc::from(bytes)));
        }
        // An edited body may show an image no other page did.
        for (rel, cached) in self.media.iter().flat_map(SiteMedia::outputs) {
            store.files.insert(rel, Entry::OnDisk(cached));
        }
        store.error = None;
        store.version += 1;
        Some(Ok(count))
    }

    fn classify(&self, changed: &[PathBuf]) -> Changes {
        let mut changes = Changes::default();
        let root = self
            .paths
            .root
            .canonicalize()
            .unwrap_or_else(|_| self.paths.root.clone());
        let rel_to = |path: &Path, dir: &Path| -> Option<String> {
            let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
            let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
            path.strip_prefix(&dir)
                .ok()
                .map(|r| r.to_string_lossy().replace('\\', "/"))
        };
        for path in changed {
            if let Some(rel) = rel_to(path, &self.paths.content) {
                changes.content.insert(rel);
            } else if let Some(rel) = rel_to(path, &self.paths.templates) {
                changes.templates.insert(rel);
            } else if rel_to(path, &self.paths.static_dir).is_some() {
                changes.statics = true;
            } else if rel_to(path, &root).is_some_and(|r| r == "site.toml" || !r.contains('/')) {
                // site.toml, or content/, templates/ or static/ themselves appearing or going.
                changes.config = true;
            }
        }
        // Content paths are kept as content-relative names until the rebuild maps them.
        changes
            .content
            .retain(|r| self.sources.contains_key(r) || r.ends_with(".md"));
        changes
    }
}

/// Templates rendered directly for some pages; any other template (base, macros, partials) may
/// be used by every page.
fn is_page_template(name: &str) -> bool {
    matches!(
        name,
        "index.html"
            | "article.html"
            | "page.html"
            | "section.html"
            | "taxonomy_list.html"
            | "taxonomy_term.html"
            | "404.html"
            | "atom.xml"
            | "sitemap.xml"
            | "robots.txt"
    )
}

/// Collects rendered files in memory.
#[derive(Default)]
struct MemorySink {
    files: std::sync::Mutex<Vec<(String, Vec<u8>)>>,
}

impl Sink for MemorySink {
    fn write(&self, rel: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        self.files
            .lock()
            .expect("sink lock")
            .push((rel.to_string(), bytes));
        Ok(())
    }
}
