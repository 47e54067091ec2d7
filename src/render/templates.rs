//! The theme: the built-in templates and static files, and the site's own `templates/`, which
//! override them file by file. Reading them knows nothing of the template engine; parsing them
//! is [`super::engine`]'s.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{Code, Diagnostic};

/// The default theme, compiled into the binary so any site builds without a `templates/` folder.
pub const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("page.html", include_str!("../../templates/page.html")),
    ("section.html", include_str!("../../templates/section.html")),
    (
        "taxonomy_list.html",
        include_str!("../../templates/taxonomy_list.html"),
    ),
    (
        "taxonomy_term.html",
        include_str!("../../templates/taxonomy_term.html"),
    ),
    ("404.html", include_str!("../../templates/404.html")),
    (
        "partials/archive_item.html",
        include_str!("../../templates/partials/archive_item.html"),
    ),
    (
        "partials/entry.html",
        include_str!("../../templates/partials/entry.html"),
    ),
    (
        "partials/entry_list.html",
        include_str!("../../templates/partials/entry_list.html"),
    ),
    (
        "partials/card.html",
        include_str!("../../templates/partials/card.html"),
    ),
    (
        "partials/card_list.html",
        include_str!("../../templates/partials/card_list.html"),
    ),
    (
        "partials/pagination.html",
        include_str!("../../templates/partials/pagination.html"),
    ),
    (
        "partials/pagination_links.html",
        include_str!("../../templates/partials/pagination_links.html"),
    ),
    (
        "partials/related_card.html",
        include_str!("../../templates/partials/related_card.html"),
    ),
    ("search.html", include_str!("../../templates/search.html")),
    ("archive.html", include_str!("../../templates/archive.html")),
    (
        "archive_year.html",
        include_str!("../../templates/archive_year.html"),
    ),
    ("atom.xml", include_str!("../../templates/atom.xml")),
    ("sitemap.xml", include_str!("../../templates/sitemap.xml")),
    ("robots.txt", include_str!("../../templates/robots.txt")),
];

/// The default theme's static files, written before the site's own `static/` (which wins).
pub const BUILTIN_STATIC: &[(&str, &str)] = &[
    ("style.css", include_str!("../../static/style.css")),
    ("briefgen.js", include_str!("../../static/briefgen.js")),
    ("favicon.svg", include_str!("../../static/favicon.svg")),
];

/// Every template's source by name, with the file it came from (`None` for the built-in theme).
pub type Sources = BTreeMap<String, (Option<PathBuf>, String)>;

/// The file a template came from, or `<built-in>/NAME` for the built-in theme's.
pub fn source_file(name: &str, path: &Option<PathBuf>) -> PathBuf {
    path.clone()
        .unwrap_or_else(|| PathBuf::from(format!("<built-in>/{name}")))
}

/// Reads the built-in templates, then every file in `dir` (if it exists) over them. Returns the
/// sources and warnings about files not read.
pub fn read_sources(dir: &Path) -> Result<(Sources, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut sources: Sources = BUILTIN
        .iter()
        .map(|(name, text)| (name.to_string(), (None, text.to_string())))
        .collect();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    // The site root: templates may link to files inside it, never outside.
    let root = dir
        .parent()
        .and_then(|p| p.canonicalize().ok())
        .unwrap_or_else(|| dir.to_path_buf());
    if dir.is_dir() {
        for entry in WalkDir::new(dir).into_iter().filter_map(Result::ok) {
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            if entry.file_type().is_symlink() {
                match entry.path().canonicalize() {
                    Ok(target) if target.starts_with(&root) && target.is_file() => {}
                    Ok(target) if target.starts_with(&root) => continue,
                    target => {
                        let to = target.map_or("nothing".into(), |t| t.display().to_string());
                        warnings.push(
                            Diagnostic::warning(
                                Code::Symlink,
                                format!(
                                    "template symlink points outside the site ({to}); not read"
                                ),
                            )
                            .in_file(entry.path())
                            .with_hint(
                                "copy the template into templates/ instead of linking to it",
                            ),
                        );
                        continue;
                    }
                }
            } else if !entry.file_type().is_file() {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(dir) else {
                continue;
            };
            let name = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            match std::fs::read_to_string(entry.path()) {
                Ok(text) => {
                    sources.insert(name, (Some(entry.path().to_path_buf()), text));
                }
                Err(e) => errors.push(
                    Diagnostic::error(Code::Template, format!("cannot read template: {e}"))
                        .in_file(entry.path()),
                ),
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok((sources, warnings))
}
