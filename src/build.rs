//! The pipeline, top to bottom: config → discover → normalise → site model → markdown →
//! render → write. Each stage collects every problem it finds; the build stops after the
//! first stage that found errors, before anything is written.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{normalise_base_url, SiteConfig, SitePaths};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::discover::{discover, Discovered, SourceFile};
use crate::markdown::{self, LinkContext};
use crate::media::SiteMedia;
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
    /// Resized image files encoded by this build (0 when all came from the cache).
    pub images_encoded: usize,
}

/// A loaded, checked site ready to render: the result of every stage before writing.
pub struct LoadedSite {
    pub site: Site,
    pub templates: Templates,
    pub paths: SitePaths,
    pub discovered: Discovered,
    pub syntax_css: String,
    pub warnings: Vec<Diagnostic>,
    /// Files figures name, resized images, labels.
    pub media: SiteMedia,
}

/// Reads site.toml and applies command-line overrides.
pub fn load_config(options: &BuildOptions) -> Result<SiteConfig, Diagnostic> {
    let mut config = SiteConfig::load(&options.root)?;
    if let Some(url) = &options.base_url {
        config.base_url = normalise_base_url(url)
            .map_err(|m| Diagnostic::error("config", format!("--base-url: {m}")))?;
    }
    Ok(config)
}

/// Loads the templates and the highlight theme's stylesheet, the parts of the look that do not
/// depend on content.
pub fn load_theme(
    paths: &SitePaths,
    config: &SiteConfig,
) -> Result<(Templates, String), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let templates = Templates::load(&paths.templates)
        .map_err(|e| errors.extend(e))
        .ok()
        .map(|mut t| {
            t.time_limit = Duration::from_secs_f64(config.render_time_limit);
            t
        });
    let dark = Some(config.highlight_theme_dark.as_str()).filter(|d| !d.is_empty());
    let syntax_css = markdown::highlight::theme_css(&config.highlight_theme, dark).map_err(|m| {
        let path = paths.root.join("site.toml");
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let d = Diagnostic::error("config", m.clone()).in_file(&path);
        let key = if m.contains("highlight_theme_dark") {
            "highlight_theme_dark"
        } else {
            "highlight_theme"
        };
        errors.push(match crate::config::find_key_line(&text, key) {
            Some((l, c)) => d.at(&text, l, c),
            None => d,
        });
    });
    match (templates, syntax_css) {
        (Some(t), Ok(css)) if errors.is_empty() => Ok((t, css)),
        _ => Err(errors),
    }
}

/// Normalises source files in parallel. Returns the documents, every error, and the content
/// paths of the files that failed.
pub fn normalise_sources(
    sources: &[SourceFile],
    config: &SiteConfig,
    paths: &SitePaths,
) -> (Vec<Document>, Vec<Diagnostic>, HashSet<String>) {
    let results: Vec<Result<Document, Vec<Diagnostic>>> = sources
        .par_iter()
        .map(|s| {
            normalise::load(
                s,
                config,
                &display_path(&paths.root, &paths.content, &s.rel),
            )
        })
        .collect();
    let mut documents = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    let mut failed = HashSet::new();
    for (r, source) in results.into_iter().zip(sources) {
        match r {
            Ok(d) => documents.push(d),
            Err(e) => {
                errors.extend(e);
                failed.insert(source.rel.clone());
            }
        }
    }
    (documents, errors, failed)
}

/// Builds the site model and renders every body not rendered yet. `failed` names content files
/// that exist but did not load, so links to them are not reported as broken as well.
pub fn model(
    config: SiteConfig,
    mut documents: Vec<Document>,
    drafts: bool,
    failed: &HashSet<String>,
    media: &SiteMedia,
) -> Result<Site, Vec<Diagnostic>> {
    if !drafts {
        documents.retain(|d| !d.draft);
    }
    let mut laps = crate::timings::Laps::from_env();
    let mut site = Site::assemble(config, documents)?;
    laps.lap("  assemble");
    render_bodies(&mut site, failed, media).map_err(|d| d.0)?;
    laps.lap("  markdown");
    attach_pdf_info(&mut site, media);
    Ok(site)
}

/// The full-text search index of every published briefing: files to write under the output.
pub fn search_index(site: &Site) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    crate::search::build_index(&search_docs(site), &site.config.language)
        .map_err(|m| Diagnostic::error("search", m))
}

/// Writes the search index into `sink` as it is made; returns how many files it wrote.
fn write_search_index(site: &Site, sink: &dyn Sink) -> Result<usize, Diagnostic> {
    crate::search::write_index(&search_docs(site), &site.config.language, &|rel, bytes| {
        sink.write(rel, bytes)
    })
    .map_err(|m| Diagnostic::error("search", m))
}

/// What the search index is built from: every article the site lists.
fn search_docs(site: &Site) -> Vec<crate::search::SearchDoc<'_>> {
    use chrono::Datelike;
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
                date_display: a.date.as_ref().map(crate::render::context::date_display),
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

/// Warnings an editor should see on every build.
pub fn editorial_warnings(site: &Site) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for a in &site.articles {
        if !a.review.is_empty() {
            let d = Diagnostic::warning("review", format!("needs review: {}", a.review.join(", ")))
                .in_file(&a.file)
                .with_hint("confirm these fields, then empty the `review` list");
            // Few files need review: reading them again for the position costs nothing.
            let text = std::fs::read_to_string(&a.file).unwrap_or_default();
            warnings.push(match crate::config::find_key_line(&text, "review") {
                Some((line, col)) => d.at(&text, line, col),
                None => d,
            });
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
    warnings
}

/// A warning for everything the markdown stage removed from a body because it could run script,
/// at the raw HTML or link it came from.
pub fn dropped_warnings(site: &Site) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for doc in site.documents().filter(|d| !d.rendered.dropped.is_empty()) {
        // Few files have any: reading them again for the snippet costs nothing.
        let text = std::fs::read_to_string(&doc.file).unwrap_or_default();
        for dropped in &doc.rendered.dropped {
            let (line, col) = doc.file_position(dropped.offset);
            let hint = match dropped.code {
                "raw-html" => "remove it from the body, or set `raw_html = \"trusted\"` under [markdown] in site.toml if every editor is trusted",
                "unsafe-url" => "link to an http(s) address or a page of the site instead",
                _ => "write `{#id .class}` for ids and classes; other attributes need `raw_html = \"trusted\"`",
            };
            warnings.push(
                Diagnostic::warning(dropped.code, dropped.message.clone())
                    .in_file(&doc.file)
                    .at(&text, line, col)
                    .with_hint(hint),
            );
        }
    }
    warnings
}

/// Runs every stage up to (not including) rendering, collecting every error on the way.
pub fn load(options: &BuildOptions) -> Result<LoadedSite, Diagnostics> {
    let mut laps = crate::timings::Laps::from_env();
    let config = load_config(options)?;
    let paths = SitePaths::new(&options.root, options.output.as_deref());
    let mut discovered = discover(&paths.root, &paths.content, &paths.static_dir)?;
    let mut warnings = std::mem::take(&mut discovered.warnings);
    let media = site_media(&config, &paths, &discovered);
    laps.lap("config+discover");

    // Templates and the highlight theme do not depend on content: load them while the sources
    // are read, normalised and rendered to HTML (a third of a small site's build). The syntax
    // definitions load alongside too; Markdown waits for them only at its first code block.
    let content_config = config.clone();
    let (theme, (site, mut errors)) = rayon::join(
        || {
            rayon::join(
                || load_theme(&paths, &config),
                markdown::highlight::syntaxes,
            )
            .0
        },
        || {
            let (documents, errors, failed) =
                normalise_sources(&discovered.sources, &content_config, &paths);
            // Later stages still run on the good files so one build reports every bad file.
            let site = model(content_config, documents, options.drafts, &failed, &media);
            (site, errors)
        },
    );
    laps.lap("theme, and in parallel content");
    let (site, (mut templates, syntax_css)) = match (site, theme) {
        (Ok(site), Ok(theme)) if errors.is_empty() => (site, theme),
        (site, theme) => {
            errors.extend(theme.err().into_iter().flatten());
            errors.extend(site.err().into_iter().flatten());
            return Err(Diagnostics(errors));
        }
    };
    warnings.append(&mut templates.warnings);
    warnings.extend(editorial_warnings(&site));
    warnings.extend(dropped_warnings(&site));
    Ok(LoadedSite {
        site,
        templates,
        paths,
        discovered,
        syntax_css,
        warnings,
        media,
    })
}

/// The media state of a build: what figures may name, and the image store with its cache.
pub fn site_media(config: &SiteConfig, paths: &SitePaths, discovered: &Discovered) -> SiteMedia {
    SiteMedia::new(config, &paths.root, asset_index(discovered))
}

/// Every file published from `static/` and `content/`, by output path (content wins).
pub fn asset_index(discovered: &Discovered) -> crate::media::AssetIndex {
    crate::media::AssetIndex::new(
        discovered
            .static_assets
            .iter()
            .chain(&discovered.content_assets)
            .map(|a| (a.rel.as_str(), a.path.as_path())),
    )
}

/// Size and page count of each briefing's PDF that is a file of the site, for the download
/// box. A PDF that cannot be read shows without them (`check` reports a missing one).
fn attach_pdf_info(site: &mut Site, media: &SiteMedia) {
    site.articles.par_iter_mut().for_each(|a| {
        a.pdf_info = a
            .pdf
            .as_deref()
            .filter(|p| !crate::media::is_remote(p))
            .and_then(|p| media.assets.get(p.trim_start_matches('/')))
            .and_then(|file| crate::media::pdf::inspect(file).ok());
    });
}

/// Renders every Markdown body in parallel; broken `@/` links, figures without alt text,
/// charts naming a missing column and unreadable images are errors with their position.
fn render_bodies(
    site: &mut Site,
    failed: &HashSet<String>,
    media: &SiteMedia,
) -> Result<(), Diagnostics> {
    let paths = site.content_paths();
    let resolve = |rel: &str| {
        let rel = rel.trim_start_matches('/');
        paths
            .get(rel)
            .cloned()
            .or_else(|| failed.contains(rel).then(String::new))
    };
    let raw_html = site.config.markdown.raw_html;
    let errors: Vec<Diagnostic> = site
        .articles
        .par_iter_mut()
        .chain(site.pages.par_iter_mut())
        .chain(site.profiles.par_iter_mut().map(|(_, p)| p))
        // Bodies rendered by an earlier incremental rebuild are kept.
        .filter(|doc| doc.rendered.html.is_empty())
        .filter_map(|doc| {
            let root = root_for(&doc.path);
            let links = LinkContext {
                root: &root,
                resolve: &resolve,
            };
            let context = media.context(&doc.rel, &doc.path);
            match markdown::render_with_media(&doc.body, &links, raw_html, &context) {
                Ok(r) => {
                    doc.rendered = std::sync::Arc::new(r);
                    None
                }
                Err(problems) => {
                    let text = std::fs::read_to_string(&doc.file).unwrap_or_default();
                    Some(
                        problems
                            .into_iter()
                            .map(|p| {
                                let (line, col) = doc.file_position(p.offset);
                                let d = Diagnostic::error(p.code, p.message)
                                    .in_file(&doc.file)
                                    .at(&text, line, col);
                                match p.hint {
                                    Some(h) => d.with_hint(h),
                                    None => d,
                                }
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
        mut site,
        templates,
        paths,
        discovered,
        syntax_css,
        warnings,
        media,
    } = loaded;
    // Sources are not needed once rendered: about 120 MB at 10,000 briefings.
    for doc in site.articles.iter_mut().chain(&mut site.pages) {
        doc.body = std::sync::Arc::from("");
    }
    let mut laps = crate::timings::Laps::from_env();
    let staging = Staging::new(&paths.output, &paths.root)?;
    let io = |path: &Path, e: std::io::Error| {
        Diagnostic::error("io", format!("cannot copy: {e}")).in_file(path)
    };

    for (rel, text) in render::templates::BUILTIN_STATIC {
        staging
            .write(rel, text.as_bytes().to_vec())
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
    let images = media.outputs();
    images
        .par_iter()
        .try_for_each(|(rel, cached)| staging.link(rel, cached).map_err(|e| io(cached, e)))?;
    media.save_cache();
    staging
        .write("syntax.css", syntax_css.into_bytes())
        .map_err(|e| io(staging.path(), e))?;
    staging
        .write(".nojekyll", Vec::new())
        .map_err(|e| io(staging.path(), e))?;
    if let Some(cname) = site
        .config
        .cname
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        staging
            .write("CNAME", format!("{cname}\n").into_bytes())
            .map_err(|e| io(staging.path(), e))?;
    }

    let bar = progress_bar(options.progress, site.articles.len());
    let tick = |done: usize, total: usize| {
        if let Some(bar) = &bar {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        }
    };
    laps.lap("assets");
    // The search index is independent of the pages: build it alongside them, so its serial
    // parts (merging the vocabulary) overlap with rendering.
    let (stats, search_files) = rayon::join(
        || render::render_site(&site, &templates, &staging, &tick),
        || write_search_index(&site, &staging),
    );
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let stats = stats.map_err(Diagnostics)?;
    let search_files = search_files?;
    laps.lap("render+search index");
    staging.commit()?;
    laps.lap("commit");
    Ok(BuildReport {
        articles: site.articles.len(),
        pages: stats.pages,
        files: stats.files
            + search_files
            + discovered.static_assets.len()
            + discovered.content_assets.len()
            + images.len()
            + 2,
        output: paths.output,
        warnings,
        elapsed: started.elapsed(),
        images_encoded: media.images.as_ref().map_or(0, |s| s.encoded()),
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
