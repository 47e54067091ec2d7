//! `briefgen build`: the pipeline ([`crate::pipeline`]) run once, written to a staging folder
//! that replaces the output only when everything succeeded.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::output::Staging;
use crate::pipeline::{self, LoadedSite, Publish, Selection};
use crate::render::Prepared;

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
    /// Size and file count of the output, by part.
    pub size: crate::output_size::OutputSize,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
    /// Resized image files encoded by this build (0 when all came from the cache).
    pub images_encoded: usize,
}

/// Builds the site into its output folder, atomically.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let started = Instant::now();
    let LoadedSite {
        mut site,
        templates,
        paths,
        discovered,
        syntax_css,
        media,
    } = pipeline::load_with(options, pipeline::Sources::DropWhenRendered)?;
    let mut warnings = pipeline::site_warnings(&discovered, &templates, &site);
    // The sources warnings needed are not needed any more (most went as their bodies rendered).
    for doc in site.articles.iter_mut().chain(&mut site.pages) {
        doc.body = std::sync::Arc::from("");
    }
    let mut laps = crate::timings::Laps::from_env();
    let staging = Staging::new(&paths.output, &paths.root)?;
    let prepared = Prepared::new(&site, templates.catalog.clone());
    let bar = progress_bar(options.progress, site.articles.len());
    let tick = |done: usize, total: usize| {
        if let Some(bar) = &bar {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        }
    };
    let input = Publish {
        site: &site,
        templates: &templates,
        prepared: &prepared,
        discovered: &discovered,
        syntax_css: &syntax_css,
    };
    let published = pipeline::publish(&input, Selection::EVERYTHING, &staging, &tick);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let published = published.map_err(Diagnostics)?;
    laps.lap("assets+render+search index");
    staging.commit()?;
    laps.lap("commit");
    let size = output_size(&paths.output, &mut warnings);
    laps.lap("output size");
    Ok(BuildReport {
        articles: site.all_languages().map(|s| s.articles.len()).sum(),
        pages: published.rendered.pages,
        files: published.files(),
        output: paths.output,
        size,
        warnings,
        elapsed: started.elapsed(),
        images_encoded: media.images.as_ref().map_or(0, |s| s.encoded()),
    })
}

/// Measures the output just written, with a warning when it passes what GitHub Pages publishes.
/// The output is complete by then, so a failure to measure it is a warning, not an error.
fn output_size(output: &Path, warnings: &mut Vec<Diagnostic>) -> crate::output_size::OutputSize {
    use crate::output_size::{OutputSize, MAX_FILES, PAGES_MAX_BYTES};
    match OutputSize::measure(output) {
        Ok(size) => {
            warnings.extend(size.warning(PAGES_MAX_BYTES, MAX_FILES));
            size
        }
        Err(e) => {
            warnings.push(
                Diagnostic::warning(Code::OutputSize, format!("cannot measure the output: {e}"))
                    .in_file(output),
            );
            OutputSize::default()
        }
    }
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
