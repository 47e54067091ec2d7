//! The pipeline, top to bottom: config → discover → normalise → site model → markdown →
//! render → write. Each stage collects every problem it finds; a command stops after the
//! first stage that found errors, before anything is written.
//!
//! `build`, `serve` and `check` all run these same functions: [`load`] (or, in `serve`, its
//! stages one by one, to re-run only what an edit touched), [`site_warnings`] and
//! [`publish()`]. They differ only in where the files go and what is re-run.

mod publish;
mod warnings;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rayon::prelude::*;

use crate::build::BuildOptions;
use crate::config::{normalise_base_url, SiteConfig, SitePaths};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::discover::{discover, Discovered, SourceFile};
use crate::markdown::{self, LinkContext};
use crate::media::SiteMedia;
use crate::model::Document;
use crate::normalise;
use crate::render::{context::root_for, Templates};
use crate::site::Site;
pub use publish::{
    assets, is_disk_full, publish, Asset, LanguageSelection, Publish, Published, Selection, Source,
};
pub use warnings::site_warnings;

/// A loaded, checked site ready to render: the result of every stage before writing.
pub struct LoadedSite {
    pub site: Site,
    pub templates: Templates,
    pub paths: SitePaths,
    pub discovered: Discovered,
    pub syntax_css: String,
    /// Files figures name, resized images, labels.
    pub media: SiteMedia,
}

/// Reads site.toml and applies command-line overrides.
pub fn load_config(options: &BuildOptions) -> Result<SiteConfig, Diagnostic> {
    let mut config = SiteConfig::load(&options.root)?;
    if let Some(url) = &options.base_url {
        config.base_url = normalise_base_url(url)
            .map_err(|m| Diagnostic::error(Code::Config, format!("--base-url: {m}")))?;
    }
    Ok(config)
}

/// The interface strings: the built-in translations, the site's `i18n/*.toml` over them, and
/// site.toml's `[labels]` over the default language's.
pub fn load_catalog(
    paths: &SitePaths,
    config: &SiteConfig,
) -> Result<crate::i18n::Catalog, Vec<Diagnostic>> {
    let mut catalog = crate::i18n::Catalog::load(&paths.root, &config.language)?;
    catalog.override_strings(&config.language, config.labels.strings());
    Ok(catalog)
}

/// Loads the templates and the highlight theme's stylesheet, the parts of the look that do not
/// depend on content.
pub fn load_theme(
    paths: &SitePaths,
    config: &SiteConfig,
) -> Result<(Templates, String), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let catalog = load_catalog(paths, config)
        .map_err(|e| errors.extend(e))
        .ok();
    let templates = Templates::load(&paths.templates)
        .map_err(|e| errors.extend(e))
        .ok()
        .map(|mut t| {
            t.time_limit = Duration::from_secs_f64(config.render_time_limit);
            if let Some(catalog) = catalog {
                t.use_catalog(catalog);
            }
            t
        });
    let dark = Some(config.highlight_theme_dark.as_str()).filter(|d| !d.is_empty());
    let syntax_css = markdown::highlight::theme_css(&config.highlight_theme, dark).map_err(|m| {
        let path = paths.root.join("site.toml");
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let d = Diagnostic::error(Code::Config, m.clone()).in_file(&path);
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

/// Whether documents keep their Markdown source once their body is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sources {
    /// `serve` and `check` read sources again (edits, link checks).
    Keep,
    /// `build` needs a source only for the position of a warning about what rendering removed:
    /// every other source is dropped as soon as its body is rendered, so sources and bodies
    /// (about 12 KB each per briefing) are not all held at once.
    DropWhenRendered,
}

/// Builds the site model and renders every body not rendered yet. `failed` names content files
/// that exist but did not load, so links to them are not reported as broken as well.
pub fn model(
    config: SiteConfig,
    documents: Vec<Document>,
    drafts: bool,
    failed: &HashSet<String>,
    media: &SiteMedia,
) -> Result<Site, Vec<Diagnostic>> {
    model_with(config, documents, drafts, failed, media, Sources::Keep)
}

/// [`model`], keeping or dropping sources as `sources` says.
pub fn model_with(
    config: SiteConfig,
    mut documents: Vec<Document>,
    drafts: bool,
    failed: &HashSet<String>,
    media: &SiteMedia,
    sources: Sources,
) -> Result<Site, Vec<Diagnostic>> {
    if !drafts {
        documents.retain(|d| !d.draft);
    }
    let mut laps = crate::timings::Laps::from_env();
    let mut site = Site::assemble(config, documents)?;
    laps.lap("  assemble");
    render_bodies(&mut site, failed, media, sources).map_err(|d| d.0)?;
    laps.lap("  markdown");
    attach_pdf_info(&mut site, media);
    Ok(site)
}

/// Runs every stage up to (not including) rendering, collecting every error on the way.
pub fn load(options: &BuildOptions) -> Result<LoadedSite, Diagnostics> {
    load_with(options, Sources::Keep)
}

/// [`load`], keeping or dropping sources as `sources` says.
pub fn load_with(options: &BuildOptions, sources: Sources) -> Result<LoadedSite, Diagnostics> {
    let mut laps = crate::timings::Laps::from_env();
    let config = load_config(options)?;
    let paths = SitePaths::new(&options.root, options.output.as_deref());
    let mut discovered = discover(&paths.root, &paths.content, &paths.static_dir)?;
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
            let site = model_with(
                content_config,
                documents,
                options.drafts,
                &failed,
                &media,
                sources,
            );
            (site, errors)
        },
    );
    laps.lap("theme, and in parallel content");
    let (site, (templates, syntax_css)) = match (site, theme) {
        (Ok(site), Ok(theme)) if errors.is_empty() => (site, theme),
        (site, theme) => {
            errors.extend(theme.err().into_iter().flatten());
            errors.extend(site.err().into_iter().flatten());
            return Err(Diagnostics(errors));
        }
    };
    discovered.generated = media.generated_assets();
    media.save_cache();
    Ok(LoadedSite {
        site,
        templates,
        paths,
        discovered,
        syntax_css,
        media,
    })
}

/// The media state of a build: what figures may name, and the image store with its cache.
/// Its labels come from the interface strings; a translation file with errors (reported by
/// [`load_theme`]) leaves the built-in ones.
pub fn site_media(config: &SiteConfig, paths: &SitePaths, discovered: &Discovered) -> SiteMedia {
    let catalog = load_catalog(paths, config).unwrap_or_else(|_| {
        let mut c = crate::i18n::Catalog::builtin(&config.language);
        c.override_strings(&config.language, config.labels.strings());
        c
    });
    SiteMedia::new(
        config,
        &paths.root,
        asset_index(discovered),
        std::sync::Arc::new(catalog),
    )
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

/// Size and page count of each briefing's PDF that is a file of the site, in every language,
/// for the download box. A PDF that cannot be read shows without them (`check` reports a missing one).
fn attach_pdf_info(site: &mut Site, media: &SiteMedia) {
    for other in &mut site.languages {
        attach_pdf_info(other, media);
    }
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
    sources: Sources,
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
    let default_language = site.config.language.clone();
    let errors: Vec<Diagnostic> = site
        .documents_mut()
        .into_par_iter()
        // Bodies rendered by an earlier incremental rebuild are kept.
        .filter(|doc| doc.rendered.html.is_empty())
        .filter_map(|doc| {
            let root = root_for(&doc.path);
            let links = LinkContext {
                root: &root,
                resolve: &resolve,
            };
            // Labels ("Figure 2", "Key points") in the language the page is shown in.
            let labels = media.labels_in(doc.language.as_deref().unwrap_or(&default_language));
            let context = media.context_with(&doc.rel, &doc.path, &labels);
            match markdown::render_with_media(&doc.body, &links, raw_html, &context) {
                Ok(r) => {
                    if sources == Sources::DropWhenRendered && r.dropped.is_empty() {
                        doc.body = std::sync::Arc::from("");
                    }
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

#[cfg(test)]
mod tests;
