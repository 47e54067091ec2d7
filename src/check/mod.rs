//! `briefgen check`: everything `build` would reject, plus what an editor wants to know before
//! publishing — internal links, `#anchors` and images that lead nowhere, and editorial warnings.
//!
//! It runs the build's own stages (with drafts loaded, since editors check what they are still
//! preparing) and renders every page into memory, so it reports the errors a build would and
//! never touches the output folder.

pub mod editorial;
pub mod links;
pub mod outputs;
pub mod report;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::build::BuildOptions;
use crate::diagnostics::Diagnostic;
use crate::model::Document;
use crate::pipeline::{self, LoadedSite};
use crate::site::Site;

/// What `briefgen check` found.
#[derive(Debug)]
pub struct CheckReport {
    /// The site's folder, for showing paths relative to it.
    pub root: PathBuf,
    /// Every error and warning, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// Markdown files read.
    pub files: usize,
}

impl CheckReport {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// The text of every loaded Markdown file, by the path documents name it with.
pub type Texts = HashMap<PathBuf, String>;

/// Checks the site in `root`.
pub fn check(root: &Path) -> CheckReport {
    let options = BuildOptions {
        root: root.to_path_buf(),
        drafts: true,
        ..BuildOptions::default()
    };
    let (mut diagnostics, files) = match pipeline::load(&options) {
        Ok(loaded) => {
            let files = loaded.discovered.sources.len();
            (check_loaded(loaded), files)
        }
        Err(failed) => (failed.0, count_sources(root)),
    };
    // Stable output whatever order the parallel stages finished in.
    diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.column, b.severity, a.code, &a.message)
            .cmp(&(&b.file, b.line, b.column, a.severity, b.code, &b.message))
    });
    diagnostics.dedup();
    CheckReport {
        root: root.to_path_buf(),
        diagnostics,
        files,
    }
}

/// The checks that need a loaded site: everything after the stages `build::load` runs.
fn check_loaded(loaded: LoadedSite) -> Vec<Diagnostic> {
    let LoadedSite {
        site,
        templates,
        paths,
        discovered,
        syntax_css,
        ..
    } = loaded;
    let mut laps = crate::timings::Laps::from_env();
    let mut out = pipeline::site_warnings(&discovered, &templates, &site);
    if let Err(d) = crate::output::check_target(&paths.output, &paths.root) {
        out.push(d);
    }
    let published = match published(&site) {
        Ok(p) => p,
        Err(errors) => {
            out.extend(errors);
            return out;
        }
    };
    let outputs = match outputs::render(&published, &site, &templates, &discovered, &syntax_css) {
        Ok(o) => o,
        Err(errors) => {
            out.extend(errors);
            return out;
        }
    };
    laps.lap("render (memory)");
    let texts = read_texts(&site);
    out.extend(editorial::warnings(&site, &texts));
    out.extend(templates.catalog.warnings(&page_languages(&site)));
    laps.lap("editorial");
    out.extend(links::check(&site, &outputs, &texts));
    laps.lap("links");
    out
}

/// The site `build` would publish: the loaded one without its drafts. Bodies are already
/// rendered, so this only regroups documents.
fn published(site: &Site) -> Result<Site, Vec<Diagnostic>> {
    let documents: Vec<Document> = site.documents().filter(|d| !d.draft).cloned().collect();
    Site::assemble(site.config.clone(), documents)
}

/// Every language a page of the site is shown in: the site's languages and any briefing's own.
fn page_languages(site: &Site) -> std::collections::BTreeSet<String> {
    site.all_languages()
        .map(|s| s.language.clone())
        .chain(site.documents().filter_map(|d| d.language.clone()))
        .collect()
}

fn read_texts(site: &Site) -> Texts {
    let files: Vec<&PathBuf> = site.documents().map(|d| &d.file).collect();
    files
        .into_par_iter()
        .filter_map(|f| {
            let bytes = std::fs::read(f).ok()?;
            let text = crate::normalise::decode(bytes).ok()?;
            Some((f.clone(), text))
        })
        .collect()
}

/// How many Markdown files a site has, when loading stopped before counting them.
fn count_sources(root: &Path) -> usize {
    crate::discover::discover(root, &root.join("content"), &root.join("static"))
        .map_or(0, |d| d.sources.len())
}
