//! Incremental rebuilds for `serve`. The engine keeps every normalised document and rendered
//! body between rebuilds; an edit re-reads only the files that changed, re-renders only their
//! bodies, and re-renders only the output files whose inputs changed. Every rebuild, however
//! small, ends in the same [`pipeline::publish`] and [`pipeline::site_warnings`] as `build`,
//! so it reports the same warnings and errors.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use super::languages::{dirty_outputs, site_at_mut, LanguageBuild};
use super::memory::publish_to_memory;
use super::place::Place;
use super::store::{Entry, Store};
use crate::build::BuildOptions;
use crate::config::{SiteConfig, SitePaths};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::discover::{discover, Discovered, SourceFile};
use crate::media::SiteMedia;
use crate::model::Document;
use crate::pipeline::{self, LanguageSelection, Publish, Selection};
use crate::render::plan::OutputKey;
use crate::render::{Output, Templates};
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
    /// Each language's plan: the default language's, then `site.languages` in order.
    languages: Vec<LanguageBuild>,
}

impl Built {
    fn new(config: SiteConfig, (templates, syntax_css): (Templates, String), site: Site) -> Built {
        let languages = site
            .all_languages()
            .map(|s| LanguageBuild::new(s, &templates))
            .collect();
        Built {
            config,
            templates,
            syntax_css,
            site,
            languages,
        }
    }

    /// What the site's pages need to publish.
    fn input<'a>(&'a self, discovered: &'a Discovered) -> Publish<'a> {
        Publish {
            site: &self.site,
            templates: &self.templates,
            prepared: &self.languages[0].prepared,
            discovered,
            syntax_css: &self.syntax_css,
        }
    }

    /// Publishes `outputs` (per language, as [`super::languages::site_at`] numbers them) into
    /// memory.
    fn publish(
        &self,
        discovered: &Discovered,
        outputs: &[Vec<Output>],
        assets: bool,
    ) -> Result<Vec<(String, Entry)>, Diagnostics> {
        let others: Vec<LanguageSelection> = self.languages[1..]
            .iter()
            .zip(&outputs[1..])
            .map(|(l, outputs)| LanguageSelection {
                prepared: &l.prepared,
                outputs,
            })
            .collect();
        let selection = Selection {
            outputs: Some(&outputs[0]),
            languages: Some(&others),
            assets,
        };
        publish_to_memory(&self.input(discovered), selection)
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
        let Some(built) = self.built.take() else {
            return self.full_build(store);
        };
        let Built {
            templates,
            syntax_css,
            site: old_site,
            languages: old_languages,
            ..
        } = built;
        discovered.generated = self.generated_assets();
        let next = Built::new(config, theme.unwrap_or((templates, syntax_css)), site);
        let dirty = dirty_outputs(
            (&old_site, &old_languages),
            (&next.site, &next.languages),
            (&changed_paths, &changes.templates),
        );
        let old_plans = old_languages.into_iter().map(|l| l.plan).collect();
        let (rendered, removed, warnings) =
            self.publish(next, &discovered, Some(dirty), Some(old_plans), store)?;
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

    /// Publishes `dirty` outputs of `next` (per language; all when `None`) with its assets
    /// into the store, over the files of the `previous` plans, and keeps `next` as the last
    /// good build. Returns how many outputs were rendered and removed, and the warnings.
    fn publish(
        &mut self,
        next: Built,
        discovered: &Discovered,
        dirty: Option<Vec<Vec<Output>>>,
        previous: Option<Vec<Vec<(Output, OutputKey)>>>,
        store: &RwLock<Store>,
    ) -> Result<(usize, usize, Vec<Diagnostic>), Diagnostics> {
        let mut laps = crate::timings::Laps::from_env();
        let outputs =
            dirty.unwrap_or_else(|| next.languages.iter().map(LanguageBuild::outputs).collect());
        let warnings = pipeline::site_warnings(discovered, &next.templates, &next.site);
        let files = next.publish(discovered, &outputs, true)?;
        laps.lap("render");
        let mut store = store.write().expect("store lock");
        let mut removed = 0;
        match &previous {
            None => store.files.clear(),
            Some(old) => {
                let live: HashSet<&str> = next
                    .languages
                    .iter()
                    .flat_map(|l| &l.plan)
                    .map(|(_, k)| k.target.file.as_str())
                    .collect();
                for (_, key) in old.iter().flatten() {
                    if !live.contains(key.target.file.as_str()) {
                        removed += usize::from(store.files.remove(&key.target.file).is_some());
                    }
                }
            }
        }
        // Files from disk are listed again by this publish; vanished ones must go.
        store.files.retain(|_, e| !matches!(e, Entry::OnDisk(_)));
        store.files.extend(files);
        store.error = None;
        store.version += 1;
        drop(store);
        self.built = Some(next);
        laps.lap("bookkeeping");
        Ok((outputs.iter().map(Vec::len).sum(), removed, warnings))
    }

    /// Applies edits that change only bodies (same title, date, terms … as before) in place:
    /// no re-assembly of the model, only the edited bodies and the pages showing them, in the
    /// language the document is in. Returns `None` when the edit needs a full incremental
    /// rebuild.
    fn try_in_place(
        &mut self,
        fresh: &[Document],
        discovered: &Discovered,
        store: &RwLock<Store>,
    ) -> Option<Result<(usize, Vec<Diagnostic>), Diagnostics>> {
        let built = self.built.as_mut()?;
        let media = self.media.as_ref()?;
        let images_before = media.outputs().len();
        let places: Vec<(usize, Place)> = fresh
            .iter()
            .map(|doc| Place::find(&built.site, doc))
            .collect::<Option<_>>()?;
        let content_paths = built.site.content_paths();
        let resolve = |rel: &str| content_paths.get(rel.trim_start_matches('/')).cloned();
        let raw_html = built.site.config.markdown.raw_html;
        let default_language = built.site.config.language.clone();
        let mut dirty: Vec<HashSet<Output>> = vec![HashSet::new(); built.languages.len()];
        for (doc, (k, place)) in fresh.iter().zip(places) {
            let root = crate::render::context::root_for(&doc.path);
            let links = crate::markdown::LinkContext {
                root: &root,
                resolve: &resolve,
            };
            // Broken links are reported with positions by the regular rebuild.
            let labels = media.labels_in(doc.language.as_deref().unwrap_or(&default_language));
            let context = media.context_with(&doc.rel, &doc.path, &labels);
            let rendered =
                crate::markdown::render_with_media(&doc.body, &links, raw_html, &context).ok()?;
            if media.outputs().len() != images_before {
                // A new image is an asset to publish: the regular rebuild does that.
                return None;
            }
            let mut doc = doc.clone();
            doc.rendered = Arc::new(rendered);
            self.docs.insert(doc.rel.clone(), doc.clone());
            let site = site_at_mut(&mut built.site, k);
            let shown_at = place.shown_at(site, &doc);
            match place {
                Place::Article(i) => {
                    site.articles[i] = doc;
                    built.languages[k].prepared.refresh_article(site, i);
                }
                Place::Page(i) => site.pages[i] = doc,
                Place::Profile(slug) => {
                    site.profiles.insert(slug, doc);
                }
            }
            let shown = built.languages[k].reverse.get(&shown_at);
            dirty[k].extend(shown.into_iter().flatten().copied());
        }
        let dirty: Vec<Vec<Output>> = dirty.into_iter().map(|d| d.into_iter().collect()).collect();
        let warnings = pipeline::site_warnings(discovered, &built.templates, &built.site);
        let files = match built.publish(discovered, &dirty, false) {
            Ok(files) => files,
            Err(e) => return Some(Err(e)),
        };
        let mut store = store.write().expect("store lock");
        store.files.extend(files);
        store.error = None;
        store.version += 1;
        Some(Ok((dirty.iter().map(Vec::len).sum(), warnings)))
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
