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
use crate::model::Document;
use crate::render::{templates::BUILTIN_STATIC, Job, JobKey, Renderer, Sink, Templates};
use crate::site::Site;

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
    summaries: HashMap<String, Value>,
    site_value: Value,
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
        }
    }

    pub fn paths(&self) -> &SitePaths {
        &self.paths
    }

    /// Reads and renders everything, replacing the store's files.
    pub fn full_build(&mut self, store: &RwLock<Store>) -> Result<Rebuilt, Diagnostics> {
        let started = Instant::now();
        self.snapshot = None;
        self.docs.clear();
        self.sources.clear();
        let config = build::load_config(&self.options)?;
        let mut discovered = discover(
            &self.paths.root,
            &self.paths.content,
            &self.paths.static_dir,
        )?;
        let mut warnings = std::mem::take(&mut discovered.warnings);
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
        let config = self.config.clone().expect("set by the full build");

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
        self.remodel(&failed).map_err(Diagnostics)?;
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
        let site = build::model(config, docs, self.options.drafts, failed)?;
        // Keep the rendered bodies for the next rebuild.
        for doc in site
            .articles
            .iter()
            .chain(&site.pages)
            .chain(site.profiles.values())
        {
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
        let renderer = Renderer::new(site, templates);
        let jobs = renderer.jobs();
        let keys: Vec<JobKey> = jobs.iter().map(|&j| renderer.key(j)).collect();
        let summaries: HashMap<String, Value> = renderer
            .summaries()
            .map(|(p, v)| (p.to_string(), v.clone()))
            .collect();
        let dirty: Vec<Job> = match &self.snapshot {
            Some(old) if old.site_value == *renderer.site_value() => {
                let changed: HashSet<&str> = summaries
                    .iter()
                    .filter(|(p, v)| old.summaries.get(*p) != Some(v))
                    .map(|(p, _)| p.as_str())
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
        let sink = MemorySink::default();
        renderer
            .render_jobs(&dirty, &sink, &|_, _| {})
            .map_err(Diagnostics)?;
        let rendered = sink.files.into_inner().expect("sink lock");
        let count = rendered.len();

        let mut store = store.write().expect("store lock");
        let full = self.snapshot.is_none();
        if full {
            store.files.clear();
        } else {
            let live: HashSet<&str> = keys.iter().map(|k| k.output.as_str()).collect();
            let old_outputs: Vec<String> = self
                .snapshot
                .as_ref()
                .map(|s| s.keys.keys().cloned().collect())
                .unwrap_or_default();
            for output in old_outputs.iter().filter(|o| !live.contains(o.as_str())) {
                store.files.remove(output);
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
        for (path, bytes) in rendered {
            store.files.insert(path, Entry::Rendered(Arc::from(bytes)));
        }
        store.error = None;
        store.version += 1;
        drop(store);

        self.snapshot = Some(Snapshot {
            keys: keys.into_iter().map(|k| (k.output.clone(), k)).collect(),
            summaries,
            site_value: renderer.site_value().clone(),
        });
        Ok(count)
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
