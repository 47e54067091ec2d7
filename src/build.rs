//! The pipeline, top to bottom: config → discover → normalise → site model → markdown →
//! render → write. Each stage collects every problem it finds; the build stops after the
//! first stage that found errors, before anything is written.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{normalise_base_url, SiteConfig, SitePaths};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::discover::{discover, Discovered};
use crate::markdown::{self, LinkContext};
use crate::model::Document;
use crate::normalise;
use crate::output::Staging;
use crate::render::{self, context::root_for, Sink, Templates};
use crate::site::Site;

/// What `briefgen build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Output folder; `ROOT/public` when `None`.
    pub output: Option<PathBuf>,
    /// Replaces `base_url` from site.toml.
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Show a progress bar on a terminal for long builds.
    pub progress: bool,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub articles: usize,
    pub pages: usize,
    pub files: usize,
    pub output: PathBuf,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
}

/// A loaded, checked site ready to render: the result of every stage before writing.
pub struct LoadedSite {
    pub site: Site,
    pub templates: Templates,
    pub paths: SitePaths,
    pub discovered: Discovered,
    pub syntax_css: String,
    pub warnings: Vec<Diagnostic>,
}

/// Runs every stage up to (not including) rendering.
pub fn load(options: &BuildOptions) -> Result<LoadedSite, Diagnostics> {
    let root = &options.root;
    let mut config = SiteConfig::load(root)?;
    if let Some(url) = &options.base_url {
        config.base_url = normalise_base_url(url)
            .map_err(|m| Diagnostic::error("config", format!("--base-url: {m}")))?;
    }
    let paths = SitePaths::new(root, options.output.as_deref());
    let mut discovered = discover(root, &paths.content, &paths.static_dir)?;
    let mut warnings = std::mem::take(&mut discovered.warnings);

    let mut errors = Vec::new();
    let templates = Templates::load(&paths.templates)
        .map_err(|e| errors.extend(e))
        .ok();
    let syntax_css = markdown::highlight::theme_css(&config.highlight_theme)
        .map_err(|m| {
            let path = root.join("site.toml");
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let d = Diagnostic::error("config", m).in_file(&path);
            errors.push(
                match crate::config::find_key_line(&text, "highlight_theme") {
                    Some((l, c)) => d.at(&text, l, c),
                    None => d,
                },
            );
        })
        .unwrap_or_default();

    let results: Vec<Result<Document, Vec<Diagnostic>>> = discovered
        .sources
        .par_iter()
        .map(|s| normalise::load(s, &config, &display_path(root, &paths.content, &s.rel)))
        .collect();
    let mut documents = Vec::with_capacity(results.len());
    // Files that failed to load still exist: links to them are not reported as broken too.
    let mut failed = HashSet::new();
    for (r, source) in results.into_iter().zip(&discovered.sources) {
        match r {
            Ok(d) => documents.push(d),
            Err(e) => {
                errors.extend(e);
                failed.insert(source.rel.clone());
            }
        }
    }
    if !options.drafts {
        documents.retain(|d| !d.draft);
    }
    // Later stages still run on the good files so one build reports every bad file.
    let mut site = match Site::assemble(config, documents) {
        Ok(site) => site,
        Err(e) => {
            errors.extend(e);
            return Err(Diagnostics(errors));
        }
    };
    if let Err(e) = render_bodies(&mut site, &failed) {
        errors.extend(e.0);
    }
    if !errors.is_empty() {
        return Err(Diagnostics(errors));
    }
    for a in &site.articles {
        if !a.review.is_empty() {
            warnings.push(
                Diagnostic::warning("review", format!("needs review: {}", a.review.join(", ")))
                    .in_file(&a.file)
                    .with_hint("confirm these fields, then empty the `review` list"),
            );
        }
        if a.date.is_none() {
            warnings.push(
                Diagnostic::warning(
                    "no-date",
                    "briefing has no date: listed last and left out of feeds",
                )
                .in_file(&a.file)
                .with_hint("add `date = 2024-11-20` to the front matter"),
            );
        }
    }
    let templates = templates.expect("template errors returned above");
    Ok(LoadedSite {
        site,
        templates,
        paths,
        discovered,
        syntax_css,
        warnings,
    })
}

/// Renders every Markdown body in parallel; broken `@/` links are errors with their position.
fn render_bodies(site: &mut Site, failed: &HashSet<String>) -> Result<(), Diagnostics> {
    let paths = site.content_paths();
    let resolve = |rel: &str| {
        let rel = rel.trim_start_matches('/');
        paths
            .get(rel)
            .cloned()
            .or_else(|| failed.contains(rel).then(String::new))
    };
    let errors: Vec<Diagnostic> = site
        .articles
        .par_iter_mut()
        .chain(site.pages.par_iter_mut())
        .filter_map(|doc| {
            let root = root_for(&doc.path);
            match markdown::render(
                &doc.body,
                &LinkContext {
                    root: &root,
                    resolve: &resolve,
                },
            ) {
                Ok(r) => {
                    doc.rendered = r;
                    None
                }
                Err(broken) => {
                    let text = std::fs::read_to_string(&doc.file).unwrap_or_default();
                    Some(
                        broken
                            .into_iter()
                            .map(|b| {
                                let (line, col) = crate::diagnostics::line_col(&doc.body, b.offset);
                                Diagnostic::error(
                                    "link",
                                    format!("link to `{}` points at no content file", b.target),
                                )
                                .in_file(&doc.file)
                                .at(&text, line + doc.body_line - 1, col)
                                .with_hint(
                                    "`@/` links name a file under content/, e.g. @/briefings/x.md",
                                )
                            })
                            .collect::<Vec<_>>(),
                    )
                }
            }
        })
        .flatten()
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Diagnostics(errors))
    }
}

/// Builds the site into its output folder, atomically.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let started = Instant::now();
    let loaded = load(options)?;
    let LoadedSite {
        site,
        templates,
        paths,
        discovered,
        syntax_css,
        warnings,
    } = loaded;
    let staging = Staging::new(&paths.output, &paths.root)?;
    let io = |path: &Path, e: std::io::Error| {
        Diagnostic::error("io", format!("cannot copy: {e}")).in_file(path)
    };

    for (rel, text) in render::templates::BUILTIN_STATIC {
        staging
            .write(rel, text.as_bytes())
            .map_err(|e| io(staging.path(), e))?;
    }
    discovered
        .static_assets
        .par_iter()
        .chain(discovered.content_assets.par_iter())
        .try_for_each(|asset| {
            staging
                .copy(&asset.rel, &asset.path)
                .map_err(|e| io(&asset.path, e))
        })?;
    staging
        .write("syntax.css", syntax_css.as_bytes())
        .map_err(|e| io(staging.path(), e))?;
    staging
        .write(".nojekyll", b"")
        .map_err(|e| io(staging.path(), e))?;

    let bar = progress_bar(options.progress, site.articles.len());
    let tick = |done: usize, total: usize| {
        if let Some(bar) = &bar {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        }
    };
    let stats = render::render_site(&site, &templates, &staging, &tick).map_err(Diagnostics)?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    staging.commit()?;
    Ok(BuildReport {
        articles: site.articles.len(),
        pages: stats.pages,
        files: stats.files + discovered.static_assets.len() + discovered.content_assets.len() + 2,
        output: paths.output,
        warnings,
        elapsed: started.elapsed(),
    })
}

fn progress_bar(enabled: bool, articles: usize) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !enabled || articles < 1000 || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} rendering [{bar:40}] {pos}/{len} files")
            .expect("valid template")
            .progress_chars("=> "),
    );
    Some(bar)
}

/// The path shown in messages: as the user would type it from where they ran briefgen.
fn display_path(root: &Path, content: &Path, rel: &str) -> PathBuf {
    let full = content.join(rel);
    if root == Path::new(".") {
        full.strip_prefix("./")
            .map(Path::to_path_buf)
            .unwrap_or(full)
    } else {
        full
    }
}
