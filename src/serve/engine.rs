//! Incremental rebuilds for `serve`. The engine keeps every normalised document and rendered
//! body between rebuilds; an edit re-reads only the files that changed, re-renders only their
//! bodies, and re-renders only the output files whose inputs changed. Every rebuild, however
//! small, ends in the same [`pipeline::publish`] and [`pipeline::site_warnings`] as `build`,
//! so it reports the same warnings and errors.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::memory::publish_to_memory;
use super::place::Place;
use super::store::{Entry, Store};
use crate::build::BuildOptions;
use crate::config::{SiteConfig, SitePaths};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::discover::{discover, Discovered, SourceFile};
use crate::media::SiteMedia;
use crate::model::Document;
use crate::pipeline::{self, Publish, Selection};
use crate::render::plan::OutputKey;
use crate::render::{Output, Prepared, Renderer, Templates};
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

/// How a watched path changed the site.
#[derive(Debug, Default)]
struct Changes {
    config: bool,
    content: HashSet<String>,
    templates: HashSet<String>,
    statics: bool,
}

/// A built site: what the last good build published, and everything an incremental rebuild
/// starts from.
struct Built {
    config: SiteConfig,
    templates: Templates,
    syntax_css: String,
    site: Site,
    prepared: Prepared,
    /// Every output and what it is made from, in plan order.
    plan: Vec<(Output, OutputKey)>,
    /// Outputs showing each document path, for in-place rebuilds of body edits.
    reverse: HashMap<String, Vec<Output>>,
}

impl Built {
    fn new(config: SiteConfig, (templates, syntax_css): (Templates, String), site: Site) -> Built {
        let prepared = Prepared::new(&site, templates.catalog.clone());
        let plan: Vec<(Output, OutputKey)> = {
            let renderer = Renderer::new(&site, &templates, &prepared);
            prepared
                .plan(&site)
                .into_par_iter()
                .map(|o| (o, o.key(&renderer)))
                .collect()
        };
        Built {
            reverse: reverse_index(&plan),
            config,
            templates,
            syntax_css,
            site,
            prepared,
            plan,
        }
    }

    /// What the site's pages need to publish.
    fn input<'a>(&'a self, discovered: &'a Discovered) -> Publish<'a> {
        Publish {
            site: &self.site,
            templates: &self.templates,
            prepared: &self.prepared,
            discovered,
            syntax_css: &self.syntax_css,
        }
    }
}

/// The site as last built, and everything needed to rebuild it in part.
pub struct Engine {
    options: BuildOptions,
    paths: SitePaths,
    /// Every normalised document (drafts too), by content path.
    docs: BTreeMap<String, Document>,
    sources: BTreeMap<String, SourceFile>,
    /// `None` until a build succeeds.
    built: Option<Built>,
    /// Files figures name and the resized images, kept between rebuilds.
    media: Option<SiteMedia>,
}

impl Engine {
    pub fn new(options: BuildOptions) -> Engine {
        let paths = SitePaths::new(&options.root, None);
        Engine {
            options,
            paths,
            docs: BTreeMap::new(),
            sources: BTreeMap::new(),
            built: None,
            media: None,
        }
    }

    pub fn paths(&self) -> &SitePaths {
        &self.paths
    }

    /// Reads and renders everything, replacing the store's files.
    pub fn full_build(&mut self, store: &RwLock<Store>) -> Result<Rebuilt, Diagnostics> {
        let started = Instant::now();
        self.built = None;
        let config = pipeline::load_config(&self.options)?;
        let mut discovered = discover(
            &self.paths.root,
            &self.paths.content,
            &self.paths.static_dir,
        )?;
        self.media = Some(pipeline::site_media(&config, &self.paths, &discovered));
        let theme = pipeline::load_theme(&self.paths, &config);
        let (documents, mut errors, failed) =
            pipeline::normalise_sources(&discovered.sources, &config, &self.paths);
        self.sources = by_rel(&discovered.sources);
        self.docs = documents.into_iter().map(|d| (d.rel.clone(), d)).collect();
        let theme = theme.map_err(|e| errors.extend(e)).ok();
        // Bodies of good files still render, so link errors are reported with the others.
        let site = self.remodel(&config, &failed);
        let (site, theme) = match (site, theme) {
            (Ok(site), Some(theme)) if errors.is_empty() => (site, theme),
            (site, _) => {
                errors.extend(site.err().into_iter().flatten());
                return Err(Diagnostics(errors));
            }
        };
        discovered.generated = self.generated_assets();
        let next = Built::new(config, theme, site);
        let (rendered, removed, warnings) = self.publish(next, &discovered, None, None, store)?;
        Ok(Rebuilt {
            rendered,
            removed,
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
        let Some(built) = self.built.as_ref().filter(|_| !changes.config) else {
            return self.full_build(store);
        };
        let started = Instant::now();
        let mut discovered = discover(
            &self.paths.root,
            &self.paths.content,
            &self.paths.static_dir,
        )?;
        if let Some(media) = &mut self.media {
            media.assets = pipeline::asset_index(&discovered);
        }
        let config = built.config.clone();
        let mut laps = crate::timings::Laps::from_env();
        let theme = if changes.templates.is_empty() {
            None
        } else {
            Some(pipeline::load_theme(&self.paths, &config).map_err(Diagnostics)?)
        };

        // Re-read what changed, appeared or disappeared in content/.
        let now = by_rel(&discovered.sources);
        let deleted: Vec<String> = self
            .sources
            .keys()
            .filter(|r| !now.contains_key(*r))
            .cloned()
            .collect();
        let reread: Vec<SourceFile> = now
            .values()
            .filter(|s| changes.content.contains(&s.rel) || !self.sources.contains_key(&s.rel))
            .cloned()
            .collect();
        let structure_changed =
            !deleted.is_empty() || reread.iter().any(|s| !self.sources.contains_key(&s.rel));
        let (fresh, errors, failed) = pipeline::normalise_sources(&reread, &config, &self.paths);
        let body_edit = !structure_changed
            && theme.is_none()
            && !changes.statics
            && errors.is_empty()
            && !fresh.is_empty();
        if body_edit {
            if let Some(result) = self.try_in_place(&fresh, &discovered, store) {
                laps.lap("in place");
                self.sources = now;
                return result.map(|(rendered, warnings)| Rebuilt {
                    rendered,
                    removed: 0,
                    full: false,
                    elapsed: started.elapsed(),
                    warnings,
                });
            }
        }
        let changed_paths = self.apply(fresh, &deleted, structure_changed);
        self.sources = now;
        if !errors.is_empty() {
            return Err(Diagnostics(errors));
        }
        laps.lap("normalise");
        let site = self.remodel(&config, &failed).map_err(Diagnostics)?;
        laps.lap("remodel");
        let changes = Changes {
            content: changed_paths,
            ..changes
        };
        let Some(built) = self.built.take() else {
            return self.full_build(store);
        };
        let Built {
            templates,
            syntax_css,
            site: old_site,
            prepared: old_prepared,
            plan: old_plan,
            ..
        } = built;
        discovered.generated = self.generated_assets();
        let next = Built::new(config, theme.unwrap_or((templates, syntax_css)), site);
        let dirty = dirty_outputs((&old_plan, &old_prepared, &old_site), &next, &changes);
        let (rendered, removed, warnings) =
            self.publish(next, &discovered, Some(dirty), Some(old_plan), store)?;
        Ok(Rebuilt {
            rendered,
            removed,
            full: false,
            elapsed: started.elapsed(),
            warnings,
        })
    }

    /// Takes the re-read documents in and drops the deleted ones; returns the paths of the
    /// documents that changed (before and after the edit).
    fn apply(
        &mut self,
        fresh: Vec<Document>,
        deleted: &[String],
        structure_changed: bool,
    ) -> HashSet<String> {
        let mut paths_changed = structure_changed;
        for rel in deleted {
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
        if paths_changed {
            // Links between documents may now resolve differently: render every body again.
            for doc in self.docs.values_mut() {
                doc.rendered = Default::default();
            }
        }
        changed_paths
    }

    /// Assembles the model from the kept documents and renders the bodies not rendered yet,
    /// which are kept for the next rebuild.
    fn remodel(
        &mut self,
        config: &SiteConfig,
        failed: &HashSet<String>,
    ) -> Result<Site, Vec<Diagnostic>> {
        let docs: Vec<Document> = self.docs.values().cloned().collect();
        let media = self.media.as_ref().expect("media set with the config");
        let site = pipeline::model(config.clone(), docs, self.options.drafts, failed, media)?;
        for doc in site.documents() {
            if let Some(kept) = self.docs.get_mut(&doc.rel) {
                kept.rendered = Arc::clone(&doc.rendered);
            }
        }
        Ok(site)
    }

    /// The resized images the site's bodies show, saved in the cache for the next start.
    fn generated_assets(&self) -> Vec<crate::discover::Asset> {
        self.media.as_ref().map_or_else(Vec::new, |media| {
            media.save_cache();
            media.generated_assets()
        })
    }

    /// Publishes `dirty` outputs of `next` (all when `None`) with its assets into the store,
    /// over the files of the `previous` plan, and keeps `next` as the last good build.
    /// Returns how many outputs were rendered and removed, and the warnings.
    fn publish(
        &mut self,
        next: Built,
        discovered: &Discovered,
        dirty: Option<Vec<Output>>,
        previous: Option<Vec<(Output, OutputKey)>>,
        store: &RwLock<Store>,
    ) -> Result<(usize, usize, Vec<Diagnostic>), Diagnostics> {
        let mut laps = crate::timings::Laps::from_env();
        let outputs =
            dirty.unwrap_or_else(|| next.plan.iter().map(|(output, _)| *output).collect());
        let selection = Selection {
            outputs: Some(&outputs),
            assets: true,
        };
        let warnings = pipeline::site_warnings(discovered, &next.templates, &next.site);
        let files = publish_to_memory(&next.input(discovered), selection)?;
        laps.lap("render");
        let mut store = store.write().expect("store lock");
        let mut removed = 0;
        match &previous {
            None => store.files.clear(),
            Some(old) => {
                let live: HashSet<&str> = next
                    .plan
                    .iter()
                    .map(|(_, k)| k.target.file.as_str())
                    .collect();
                for (_, key) in old {
                    if !live.contains(key.target.file.as_str()) {
                        removed += usize::from(store.files.remove(&key.target.file).is_some());
                    }
                }
            }
        }
        // Files from disk are listed again by this publish; vanished ones must go. So must
        // every file of the other languages, which each publish renders whole.
        let prefixes: Vec<&str> = next
            .site
            .languages
            .iter()
            .map(|l| l.prefix.as_str())
            .collect();
        store.files.retain(|path, e| {
            !matches!(e, Entry::OnDisk(_)) && !prefixes.iter().any(|p| path.starts_with(p))
        });
        store.files.extend(files);
        store.error = None;
        store.version += 1;
        drop(store);
        self.built = Some(next);
        laps.lap("bookkeeping");
        Ok((outputs.len(), removed, warnings))
    }

    /// Applies edits that change only bodies (same title, date, terms … as before) in place:
    /// no re-assembly of the model, only the edited bodies and the pages showing them.
    /// Returns `None` when the edit needs a full incremental rebuild.
    fn try_in_place(
        &mut self,
        fresh: &[Document],
        discovered: &Discovered,
        store: &RwLock<Store>,
    ) -> Option<Result<(usize, Vec<Diagnostic>), Diagnostics>> {
        let built = self.built.as_mut()?;
        let media = self.media.as_ref()?;
        let images_before = media.outputs().len();
        let site = &mut built.site;
        let places: Vec<Place> = fresh
            .iter()
            .map(|doc| Place::of(site, doc).filter(|p| p.document(site).same_but_body(doc)))
            .collect::<Option<_>>()?;
        let content_paths = site.content_paths();
        let resolve = |rel: &str| content_paths.get(rel.trim_start_matches('/')).cloned();
        let mut dirty: HashSet<Output> = HashSet::new();
        for (doc, place) in fresh.iter().zip(places) {
            let root = crate::render::context::root_for(&doc.path);
            let links = crate::markdown::LinkContext {
                root: &root,
                resolve: &resolve,
            };
            // Broken links are reported with positions by the regular rebuild.
            let context = media.context(&doc.rel, &doc.path);
            let raw_html = site.config.markdown.raw_html;
            let rendered =
                crate::markdown::render_with_media(&doc.body, &links, raw_html, &context).ok()?;
            if media.outputs().len() != images_before {
                // A new image is an asset to publish: the regular rebuild does that.
                return None;
            }
            let mut doc = doc.clone();
            doc.rendered = Arc::new(rendered);
            self.docs.insert(doc.rel.clone(), doc.clone());
            let shown_at = place.shown_at(&doc);
            match place {
                Place::Article(i) => {
                    site.articles[i] = doc;
                    built.prepared.refresh_article(site, i);
                }
                Place::Page(i) => site.pages[i] = doc,
                Place::Profile(k) => {
                    site.profiles.insert(k, doc);
                }
            }
            dirty.extend(built.reverse.get(&shown_at).into_iter().flatten().copied());
        }
        let dirty: Vec<Output> = dirty.into_iter().collect();
        let selection = Selection {
            outputs: Some(&dirty),
            assets: false,
        };
        let warnings = pipeline::site_warnings(discovered, &built.templates, &built.site);
        let files = match publish_to_memory(&built.input(discovered), selection) {
            Ok(files) => files,
            Err(e) => return Some(Err(e)),
        };
        let mut store = store.write().expect("store lock");
        store.files.extend(files);
        store.error = None;
        store.version += 1;
        Some(Ok((dirty.len(), warnings)))
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

fn by_rel(sources: &[SourceFile]) -> BTreeMap<String, SourceFile> {
    sources.iter().map(|s| (s.rel.clone(), s.clone())).collect()
}

/// Which outputs show each document path.
fn reverse_index(plan: &[(Output, OutputKey)]) -> HashMap<String, Vec<Output>> {
    let mut reverse: HashMap<String, Vec<Output>> = HashMap::new();
    for (output, key) in plan {
        for path in key.inputs.own.iter().chain(&key.inputs.listed) {
            reverse.entry(path.clone()).or_default().push(*output);
        }
    }
    reverse
}

/// The outputs of `new` whose inputs differ from those of the old build, or that show a
/// changed document or use a changed template.
fn dirty_outputs(
    (old_plan, old_prepared, old_site): (&[(Output, OutputKey)], &Prepared, &Site),
    new: &Built,
    changes: &Changes,
) -> Vec<Output> {
    let (site, prepared) = (&new.site, &new.prepared);
    if old_prepared.site_value() != prepared.site_value() {
        return new.plan.iter().map(|(o, _)| *o).collect();
    }
    let old_keys: HashMap<&str, &OutputKey> = old_plan
        .iter()
        .map(|(_, k)| (k.target.file.as_str(), k))
        .collect();
    let old_index: HashMap<&str, usize> = old_site
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.path.as_str(), i))
        .collect();
    let changed: HashSet<&str> = site
        .articles
        .iter()
        .enumerate()
        .filter(|(i, a)| {
            old_index
                .get(a.path.as_str())
                .is_none_or(|&j| old_prepared.summary(j) != prepared.summary(*i))
        })
        .map(|(_, a)| a.path.as_str())
        .chain(changes.content.iter().map(String::as_str))
        .collect();
    // Templates some output renders directly; any other (base, macros, partials) may be used
    // by every page.
    let page_templates: HashSet<&str> = old_plan.iter().map(|(_, k)| k.target.template).collect();
    let all_html = changes
        .templates
        .iter()
        .any(|t| !page_templates.contains(t.as_str()));
    new.plan
        .iter()
        .filter(|(_, key)| {
            old_keys.get(key.target.file.as_str()) != Some(&key)
                || key
                    .inputs
                    .own
                    .as_deref()
                    .is_some_and(|p| changed.contains(p))
                || key
                    .inputs
                    .listed
                    .iter()
                    .any(|p| changed.contains(p.as_str()))
                || changes.templates.contains(key.target.template)
                || (all_html && key.target.file.ends_with(".html"))
        })
        .map(|(o, _)| *o)
        .collect()
}
