//! The one function `build`, `serve` and `check` call to turn a loaded site into files:
//! the assets, every output of the plan (or the part `serve` chose to re-run) and the search
//! index, written to a [`Sink`] in the same order with the same errors, whoever asks.

use std::borrow::Cow;
use std::path::Path;
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::diagnostics::{Code, Diagnostic};
use crate::discover::Discovered;
use crate::render::templates::BUILTIN_STATIC;
use crate::render::{Output, Prepared, RenderStats, Renderer, Sink, Templates};
use crate::site::Site;

/// What publishing needs: the site, its look, and what was prepared to render it.
pub struct Publish<'a> {
    pub site: &'a Site,
    pub templates: &'a Templates,
    pub prepared: &'a Prepared,
    pub discovered: &'a Discovered,
    pub syntax_css: &'a str,
}

/// What to publish: everything, or what `serve` chose to re-run.
#[derive(Clone, Copy)]
pub struct Selection<'a> {
    /// The outputs to render; `None` for the whole plan.
    pub outputs: Option<&'a [Output]>,
    /// The outputs to render of each other language (`site.languages`, in order), with what
    /// was prepared to render it; `None` renders every other language whole.
    pub languages: Option<&'a [LanguageSelection<'a>]>,
    /// Whether to write the assets (theme files, `static/`, `content/` files, generated ones).
    pub assets: bool,
}

/// The part of one other language's site to render.
#[derive(Clone, Copy)]
pub struct LanguageSelection<'a> {
    pub prepared: &'a Prepared,
    pub outputs: &'a [Output],
}

impl Selection<'_> {
    pub const EVERYTHING: Selection<'static> = Selection {
        outputs: None,
        languages: None,
        assets: true,
    };
}

/// What publishing wrote.
#[derive(Debug, Default, Clone, Copy)]
pub struct Published {
    pub rendered: RenderStats,
    pub assets: usize,
    pub search_files: usize,
}

impl Published {
    /// Every file written.
    pub fn files(&self) -> usize {
        self.rendered.files + self.assets + self.search_files
    }
}

/// Where an asset's bytes come from.
pub enum Source<'a> {
    Bytes(Cow<'a, [u8]>),
    /// A file of `static/` or `content/`, copied.
    File(&'a Path),
    /// A file the build made and keeps (a resized image in the cache), linked where it can be.
    Cached(&'a Path),
}

/// A file of the output that is not rendered from a template.
pub struct Asset<'a> {
    pub rel: Cow<'a, str>,
    pub source: Source<'a>,
}

/// Every asset of the site, in the order they are written: the theme's files, then the site's
/// `static/` and `content/` files (which win over the theme's), then the generated ones.
pub fn assets<'a>(
    discovered: &'a Discovered,
    syntax_css: &'a str,
    config: &SiteConfig,
) -> Vec<Asset<'a>> {
    let bytes = |rel: &'a str, b: Cow<'a, [u8]>| Asset {
        rel: rel.into(),
        source: Source::Bytes(b),
    };
    let mut assets: Vec<Asset> = BUILTIN_STATIC
        .iter()
        .map(|(rel, text)| bytes(rel, text.as_bytes().into()))
        .collect();
    assets.extend(
        discovered
            .static_assets
            .iter()
            .chain(&discovered.content_assets)
            .map(|a| Asset {
                rel: a.rel.as_str().into(),
                source: Source::File(&a.path),
            }),
    );
    assets.extend(discovered.generated.iter().map(|a| Asset {
        rel: a.rel.as_str().into(),
        source: Source::Cached(&a.path),
    }));
    assets.push(bytes("syntax.css", syntax_css.as_bytes().into()));
    assets.push(bytes(".nojekyll", Cow::Borrowed(b"")));
    if let Some(cname) = config
        .cname
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        assets.push(bytes("CNAME", format!("{cname}\n").into_bytes().into()));
    }
    assets
}

/// Publishes `selection` of the site into `sink`: the assets first, then the outputs and the
/// search index side by side (the index's serial parts overlap with rendering). Every error
/// is collected; the first failed write stops everything and is the one error reported for it.
pub fn publish(
    input: &Publish,
    selection: Selection,
    sink: &dyn Sink,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Published, Vec<Diagnostic>> {
    let writes = Writes {
        sink,
        failed: OnceLock::new(),
    };
    let site = input.site;
    let assets = if selection.assets {
        let assets = assets(input.discovered, input.syntax_css, &site.config);
        write_assets(&assets, &writes).map_err(|d| vec![d])?;
        assets.len()
    } else {
        0
    };
    let renderer = Renderer::new(site, input.templates, input.prepared);
    let plan;
    let outputs = match selection.outputs {
        Some(outputs) => outputs,
        None => {
            plan = input.prepared.plan(site);
            &plan
        }
    };
    sink.expect_files(assets + outputs.len());
    let (rendered, search_files) = rayon::join(
        || -> Result<RenderStats, Vec<Diagnostic>> {
            let mut stats = renderer.render_outputs(outputs, &writes, progress)?;
            // The site's other languages, each under its prefix: whole, or what was selected.
            for (k, other) in site.languages.iter().enumerate() {
                let more = match selection.languages.and_then(|l| l.get(k)) {
                    Some(part) => Renderer::new(other, input.templates, part.prepared)
                        .render_outputs(part.outputs, &writes, progress)?,
                    None => {
                        let prepared = Prepared::new(other, input.templates.catalog.clone());
                        let renderer = Renderer::new(other, input.templates, &prepared);
                        renderer.render_outputs(&prepared.plan(other), &writes, progress)?
                    }
                };
                stats.pages += more.pages;
                stats.files += more.files;
            }
            Ok(stats)
        },
        || write_search_index(site, &writes),
    );
    if let Some(failed) = writes.failed.into_inner() {
        // Whatever else stopped because of it says nothing more.
        let mut errors = rendered.err().unwrap_or_default();
        errors.retain(|e| *e != failed);
        errors.insert(0, failed);
        return Err(errors);
    }
    match (rendered, search_files) {
        (Ok(rendered), Ok(search_files)) => Ok(Published {
            rendered,
            assets,
            search_files,
        }),
        (rendered, search) => {
            let mut errors = rendered.err().unwrap_or_default();
            errors.extend(search.err());
            Err(errors)
        }
    }
}

/// Writes `assets` in order; the site's own files, which may be many, in parallel.
fn write_assets(assets: &[Asset], sink: &Writes) -> Result<(), Diagnostic> {
    let write = |asset: &Asset| match &asset.source {
        Source::Bytes(bytes) => sink.write(&asset.rel, bytes.to_vec()),
        Source::File(from) => sink.copy(&asset.rel, from),
        Source::Cached(from) => sink.link(&asset.rel, from),
    };
    let on_disk = |a: &Asset| matches!(a.source, Source::File(_) | Source::Cached(_));
    for run in assets.chunk_by(|a, b| on_disk(a) == on_disk(b)) {
        let result = if on_disk(&run[0]) {
            run.par_iter().try_for_each(write)
        } else {
            run.iter().try_for_each(write)
        };
        if result.is_err() {
            return Err(sink.failed.get().cloned().expect("set by the failed write"));
        }
    }
    Ok(())
}

/// A sink that stops at the first failed write and keeps the one error it makes: on a full
/// disk every later write would fail the same way.
struct Writes<'a> {
    sink: &'a dyn Sink,
    failed: OnceLock<Diagnostic>,
}

impl Writes<'_> {
    fn stopped() -> std::io::Error {
        std::io::Error::other("stopped after an earlier write failed")
    }

    fn check(&self) -> std::io::Result<()> {
        match self.failed.get() {
            Some(_) => Err(Self::stopped()),
            None => Ok(()),
        }
    }
}

impl Sink for Writes<'_> {
    fn write(&self, rel: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        self.check()?;
        self.sink.write(rel, bytes).map_err(|e| {
            self.failed.get_or_init(|| self.sink.write_failed(rel, e));
            Self::stopped()
        })
    }

    fn link(&self, rel: &str, from: &Path) -> std::io::Result<()> {
        self.check()?;
        self.sink.link(rel, from).map_err(|e| {
            self.failed.get_or_init(|| self.sink.write_failed(rel, e));
            Self::stopped()
        })
    }

    fn copy(&self, rel: &str, from: &Path) -> std::io::Result<()> {
        self.check()?;
        self.sink.copy(rel, from).map_err(|e| {
            self.failed.get_or_init(|| {
                if is_disk_full(&e) {
                    self.sink.write_failed(rel, e)
                } else {
                    Diagnostic::error(Code::Io, format!("cannot copy: {e}")).in_file(from)
                }
            });
            Self::stopped()
        })
    }

    fn write_failed(&self, rel: &str, error: std::io::Error) -> Diagnostic {
        match self.failed.get() {
            Some(d) => d.clone(),
            None => self.sink.write_failed(rel, error),
        }
    }

    fn stopped(&self) -> bool {
        self.failed.get().is_some()
    }
}

/// Whether a write failed for want of space.
pub fn is_disk_full(e: &std::io::Error) -> bool {
    #[cfg(target_os = "linux")]
    if e.raw_os_error() == Some(libc::ENOSPC) {
        return true;
    }
    e.kind() == std::io::ErrorKind::StorageFull
}

/// Writes the search index of every language into `sink` as it is made, each under its
/// language's prefix (`ja/search/`) so a search finds briefings in the reader's language only;
/// returns how many files it wrote.
fn write_search_index(site: &Site, sink: &dyn Sink) -> Result<usize, Diagnostic> {
    let mut written = 0;
    for lang_site in site.all_languages() {
        let prefix = &lang_site.prefix;
        written += crate::search::write_index(
            &search_docs(lang_site),
            &lang_site.language,
            &|rel, bytes| sink.write(&format!("{prefix}{rel}"), bytes),
        )
        .map_err(|m| Diagnostic::error(Code::Search, m))?;
    }
    Ok(written)
}

/// What the search index is built from: every article the site lists.
fn search_docs(site: &Site) -> Vec<crate::search::SearchDoc<'_>> {
    use chrono::Datelike;
    let catalog = crate::i18n::Catalog::builtin(&site.language);
    let lang = catalog.language(&site.language);
    site.articles
        .par_iter()
        .map(|a| {
            let mut filters = std::collections::BTreeMap::new();
            for (tax, terms) in a.terms.iter().filter(|(t, _)| *t != "authors") {
                filters.insert(tax.clone(), terms.iter().map(|t| t.name.clone()).collect());
            }
            if let Some(d) = a.date {
                filters.insert("year".to_string(), vec![d.year().to_string()]);
            }
            crate::search::SearchDoc {
                path: a.path.clone(),
                title: a.title.clone(),
                date: a.date.as_ref().map(crate::render::context::date_iso),
                date_display: a
                    .date
                    .map(|d| lang.date(d.date_naive(), crate::i18n::DateStyle::Long)),
                authors: a
                    .terms
                    .get("authors")
                    .map(|l| l.iter().map(|t| t.name.clone()).collect())
                    .unwrap_or_default(),
                filters,
                html: a.rendered.html.as_str().into(),
            }
        })
        .collect()
}
