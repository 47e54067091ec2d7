//! Stage 2: find the site's files. Nothing is read here but directory entries.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{Code, Diagnostic};

/// What a Markdown file in `content/` is, by where it sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// `content/<section>/…/x.md`: a briefing.
    Article,
    /// `content/<section>/_index.md`: a section's title and intro.
    SectionIndex,
    /// `content/x.md`: a standalone page such as About.
    Page,
}

/// A Markdown file to read.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub kind: SourceKind,
    /// Path on disk.
    pub path: PathBuf,
    /// Path relative to `content/`, `/`-separated, e.g. `briefings/x.md`.
    pub rel: String,
}

impl SourceFile {
    /// The first folder under `content/` (empty for top-level pages).
    pub fn section(&self) -> &str {
        self.rel.split_once('/').map_or("", |(s, _)| s)
    }
}

/// A non-Markdown file copied to the output unchanged.
#[derive(Debug, Clone)]
pub struct Asset {
    pub path: PathBuf,
    /// Output path relative to the output root, `/`-separated.
    pub rel: String,
}

/// Everything found on disk.
#[derive(Debug, Default)]
pub struct Discovered {
    pub sources: Vec<SourceFile>,
    /// Files in `content/` that are not Markdown, published beside their briefings.
    pub content_assets: Vec<Asset>,
    /// Files in `static/`, copied to the output root.
    pub static_assets: Vec<Asset>,
    /// Files the build made itself and keeps on disk (resized images in the cache), published
    /// at their `rel`; filled in after the Markdown stage.
    pub generated: Vec<Asset>,
    pub warnings: Vec<Diagnostic>,
}

/// Walks `content/` and `static/`. Hidden files and symlinks leading outside `root` are skipped.
pub fn discover(root: &Path, content: &Path, static_dir: &Path) -> Result<Discovered, Diagnostic> {
    let mut found = Discovered::default();
    if !content.is_dir() {
        return Err(Diagnostic::error(Code::Content, "no content/ folder")
            .in_file(content)
            .with_hint(
                "create content/ and put briefings in a sub-folder, e.g. content/briefings/x.md",
            ));
    }
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    for (path, rel) in walk(&root, content, &mut found.warnings) {
        let is_md = rel.ends_with(".md");
        if !is_md {
            found.content_assets.push(Asset { path, rel });
            continue;
        }
        let kind = match (rel.contains('/'), rel.rsplit('/').next()) {
            (_, Some("_index.md")) if rel.contains('/') => SourceKind::SectionIndex,
            (false, Some("_index.md")) => continue, // the home page takes no front matter
            (true, _) => SourceKind::Article,
            (false, _) => SourceKind::Page,
        };
        found.sources.push(SourceFile { kind, path, rel });
    }
    if static_dir.is_dir() {
        for (path, rel) in walk(&root, static_dir, &mut found.warnings) {
            found.static_assets.push(Asset { path, rel });
        }
    }
    // Stable order everywhere downstream, whatever the file system returns.
    found.sources.sort_by(|a, b| a.rel.cmp(&b.rel));
    found.content_assets.sort_by(|a, b| a.rel.cmp(&b.rel));
    found.static_assets.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(found)
}

fn walk(root: &Path, dir: &Path, warnings: &mut Vec<Diagnostic>) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let walker = WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| dir.to_path_buf());
                warnings
                    .push(Diagnostic::warning(Code::Io, format!("cannot read: {e}")).in_file(path));
                continue;
            }
        };
        let path = entry.path();
        let file_type = entry.file_type();
        let is_file = if file_type.is_symlink() {
            match path.canonicalize() {
                Ok(target) if target.starts_with(root) => target.is_file(),
                Ok(target) => {
                    warnings.push(
                        Diagnostic::warning(
                            Code::Symlink,
                            format!(
                                "symlink points outside the site ({}); not published",
                                target.display()
                            ),
                        )
                        .in_file(path)
                        .with_hint("copy the file into the site instead of linking to it"),
                    );
                    false
                }
                Err(_) => {
                    warnings.push(
                        Diagnostic::warning(Code::Symlink, "broken symlink; skipped").in_file(path),
                    );
                    false
                }
            }
        } else {
            file_type.is_file()
        };
        if !is_file {
            continue;
        }
        let Ok(rel) = path.strip_prefix(dir) else {
            continue;
        };
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        out.push((path.to_path_buf(), rel));
    }
    out
}
