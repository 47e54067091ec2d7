//! What a policy brief is made of besides paragraphs: numbered figures, charts drawn from CSV
//! data, responsive images and attached PDFs. The Markdown stage calls in here for each
//! `{{ figure(…) }}` and `{{ chart(…) }}` shortcode and each image; the files this makes
//! (resized images) are collected in the [`images::ImageStore`] for the write stage.

mod cache;
pub mod chart;
pub mod config;
mod encode;
pub mod figure;
pub mod images;
mod labels;
pub mod pdf;
pub mod shortcode;

use crate::diagnostics::Code;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use config::{ImagesConfig, LabelsConfig};
pub use labels::Labels;

/// A problem in a body, at a byte offset of its Markdown; the build turns it into a
/// diagnostic with the file, line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyError {
    pub offset: usize,
    /// Diagnostic code: `link`, `figure`, `chart`, `image`, `shortcode` …
    pub code: Code,
    pub message: String,
    pub hint: Option<String>,
}

impl BodyError {
    pub fn new(offset: usize, code: Code, message: impl Into<String>) -> BodyError {
        BodyError {
            offset,
            code,
            message: message.into(),
            hint: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> BodyError {
        self.hint = Some(hint.into());
        self
    }

    /// The same error at another offset (an error found inside a file the body names is
    /// reported where the body names it).
    pub fn at(mut self, offset: usize) -> BodyError {
        self.offset = offset;
        self
    }
}

/// Every file the site publishes from `content/` and `static/`, by output path: where a
/// figure's `src` or a chart's `data` is looked up.
#[derive(Debug, Default, Clone)]
pub struct AssetIndex {
    files: HashMap<String, PathBuf>,
}

impl AssetIndex {
    /// `assets` are (output path, file on disk) pairs; a `content/` file shadows a `static/`
    /// one at the same path, as in the written site.
    pub fn new<'a>(assets: impl IntoIterator<Item = (&'a str, &'a Path)>) -> AssetIndex {
        AssetIndex {
            files: assets
                .into_iter()
                .map(|(rel, path)| (rel.to_string(), path.to_path_buf()))
                .collect(),
        }
    }

    pub fn get(&self, rel: &str) -> Option<&Path> {
        self.files.get(rel).map(PathBuf::as_path)
    }

    /// Finds the file a shortcode's `src` or `data` names, written in the Markdown file
    /// `doc_rel` (relative to `content/`) that becomes the page at `page_path`. `/x` is from the
    /// site root; a relative path is tried as a browser resolves it against the page, then next
    /// to the Markdown file. Returns the output path and the file.
    pub fn resolve(&self, src: &str, doc_rel: &str, page_path: &str) -> Option<(String, &Path)> {
        self.find(src, doc_rel, page_path, true)
    }

    /// Finds the file a Markdown image shows: only as a browser resolves it, so an image is
    /// resized exactly when the page's link reaches it (`check` warns about the others).
    pub fn resolve_link(&self, src: &str, page_path: &str) -> Option<(String, &Path)> {
        self.find(src, "", page_path, false)
    }

    fn find(
        &self,
        src: &str,
        doc_rel: &str,
        page_path: &str,
        beside_markdown: bool,
    ) -> Option<(String, &Path)> {
        if is_remote(src) {
            return None;
        }
        let src = src.split(['?', '#']).next().unwrap_or(src);
        let src = percent_decode(src);
        let candidates = match src.strip_prefix('/') {
            Some(abs) => vec![normalise_path("", abs)],
            None => {
                let doc_dir = doc_rel.rsplit_once('/').map_or("", |(d, _)| d);
                let mut found = vec![normalise_path(page_path, &src)];
                if beside_markdown {
                    found.push(normalise_path(doc_dir, &src));
                }
                found
            }
        };
        candidates
            .into_iter()
            .flatten()
            .find_map(|rel| self.get(&rel).map(|p| (rel.clone(), p)))
    }
}

/// An absolute URL or one with a scheme: not a file of the site.
pub fn is_remote(src: &str) -> bool {
    src.starts_with("//") || src.split_once(':').is_some_and(|(s, _)| !s.contains('/'))
}

/// `dir` joined with `rel`, with `.` and `..` resolved; `None` when it climbs above the root.
fn normalise_path(dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// `%20` and friends, as a browser decodes a path before asking for the file.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// Everything the Markdown stage needs to render figures, charts and images in one body.
pub struct MediaContext<'a> {
    /// The Markdown file, relative to `content/`, e.g. `briefings/x.md`.
    pub doc_rel: &'a str,
    /// The page it becomes, e.g. `briefings/x/`.
    pub page_path: &'a str,
    pub assets: &'a AssetIndex,
    /// Resizes images; `None` leaves images as written (and figures without `srcset`).
    pub images: Option<&'a images::ImageStore>,
    pub labels: &'a Labels,
}

impl MediaContext<'_> {
    /// A context with no files and the given labels: shortcodes naming files report them
    /// missing, images are left as written.
    pub fn empty(labels: &Labels) -> MediaContext<'_> {
        static NO_ASSETS: std::sync::OnceLock<AssetIndex> = std::sync::OnceLock::new();
        MediaContext {
            doc_rel: "",
            page_path: "",
            assets: NO_ASSETS.get_or_init(AssetIndex::default),
            images: None,
            labels,
        }
    }
}

/// A build's media state: the files figures may name, the image store and the interface
/// strings labels come from.
pub struct SiteMedia {
    pub assets: AssetIndex,
    /// `None` when `[images] process = false`.
    pub images: Option<images::ImageStore>,
    /// The site's default language's labels.
    pub labels: Labels,
}

impl SiteMedia {
    /// `catalog` holds the interface strings (built-in, the site's `i18n/`, `[labels]`).
    pub fn new(
        config: &crate::config::SiteConfig,
        root: &Path,
        assets: AssetIndex,
        catalog: std::sync::Arc<crate::i18n::Catalog>,
    ) -> SiteMedia {
        let images = config.images.process.then(|| {
            images::ImageStore::new(config.images.clone(), root.join(&config.images.cache_dir))
        });
        SiteMedia {
            assets,
            images,
            labels: Labels::new(catalog, &config.language),
        }
    }

    /// The labels of pages in language `code`.
    pub fn labels_in(&self, code: &str) -> Labels {
        self.labels.in_language(code)
    }

    /// The context for rendering the body of `doc_rel`, which becomes the page `page_path`,
    /// with the site's default language's labels.
    pub fn context<'a>(&'a self, doc_rel: &'a str, page_path: &'a str) -> MediaContext<'a> {
        self.context_with(doc_rel, page_path, &self.labels)
    }

    /// [`SiteMedia::context`] with `labels` in the body's language ([`SiteMedia::labels_in`]).
    pub fn context_with<'a>(
        &'a self,
        doc_rel: &'a str,
        page_path: &'a str,
        labels: &'a Labels,
    ) -> MediaContext<'a> {
        MediaContext {
            doc_rel,
            page_path,
            assets: &self.assets,
            images: self.images.as_ref(),
            labels,
        }
    }

    /// Resized images to publish: (output path, file in the cache).
    pub fn outputs(&self) -> Vec<(String, PathBuf)> {
        self.images
            .as_ref()
            .map(|s| s.outputs())
            .unwrap_or_default()
    }

    /// Resized images as assets of the output plan.
    pub fn generated_assets(&self) -> Vec<crate::discover::Asset> {
        self.outputs()
            .into_iter()
            .map(|(rel, path)| crate::discover::Asset { rel, path })
            .collect()
    }

    /// Keeps what this build learned for the next one.
    pub fn save_cache(&self) {
        if let Some(store) = &self.images {
            store.save();
        }
    }
}

/// Escapes text for an HTML attribute or element body.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    pulldown_cmark_escape::escape_html(&mut out, s).expect("writing to a String");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_like_a_browser_then_beside_the_markdown_file() {
        let content = Path::new("/site/content");
        let files = [
            ("briefings/map.png", content.join("briefings/map.png")),
            (
                "briefings/x/photo.jpg",
                content.join("briefings/x/photo.jpg"),
            ),
            ("img/logo.png", PathBuf::from("/site/static/img/logo.png")),
            ("a b.png", content.join("a b.png")),
        ];
        let index = AssetIndex::new(files.iter().map(|(r, p)| (*r, p.as_path())));
        let find = |src: &str, doc: &str, page: &str| index.resolve(src, doc, page).map(|r| r.0);
        assert_eq!(
            find("map.png", "briefings/x.md", "briefings/x/").as_deref(),
            Some("briefings/map.png")
        );
        assert_eq!(
            find("photo.jpg", "briefings/x/index.md", "briefings/x/").as_deref(),
            Some("briefings/x/photo.jpg")
        );
        assert_eq!(
            find("/img/logo.png", "briefings/x.md", "briefings/x/").as_deref(),
            Some("img/logo.png")
        );
        assert_eq!(
            find("../../a%20b.png", "b/x.md", "b/x/").as_deref(),
            Some("a b.png")
        );
        assert_eq!(find("../../../etc/passwd", "b/x.md", "b/x/"), None);
        assert_eq!(find("https://x.org/a.png", "b/x.md", "b/x/"), None);
        assert!(is_remote("data:image/png;base64,xx") && !is_remote("a/b:c.png"));
        // A Markdown image is found only where the page's link leads.
        assert_eq!(index.resolve_link("map.png", "briefings/x/"), None);
        assert_eq!(
            index
                .resolve_link("../map.png", "briefings/x/")
                .map(|r| r.0)
                .as_deref(),
            Some("briefings/map.png")
        );
    }
}
