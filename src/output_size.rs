//! What a build wrote, against what static hosts accept: total size, file count and the largest
//! parts of the output.
//!
//! GitHub Pages publishes sites of at most 1 GB, and hosts slow down or refuse uploads of
//! hundreds of thousands of files, so `build` reports both in its summary line and warns, naming
//! the parts to look at, when either passes its limit.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostics::{Code, Diagnostic};

/// GitHub Pages' limit on a published site (1 GB, in decimal bytes as GitHub counts them).
pub const PAGES_MAX_BYTES: u64 = 1_000_000_000;
/// Past this many files, uploads to Pages and most hosts' deploy steps get slow or fail.
pub const MAX_FILES: u64 = 100_000;

/// Size and file count of an output folder, overall and by part.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutputSize {
    pub bytes: u64,
    pub files: u64,
    /// Parts of the output, largest first.
    pub parts: Vec<Part>,
}

/// One part of the output: a top-level folder (`briefings/`, `tags/` …), the Atom feeds wherever
/// they are, or the files at the top.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub name: String,
    pub bytes: u64,
    pub files: u64,
}

impl OutputSize {
    /// Walks `dir` and adds up every file.
    pub fn measure(dir: &Path) -> std::io::Result<OutputSize> {
        let mut parts: BTreeMap<String, (u64, u64)> = BTreeMap::new();
        let mut size = OutputSize::default();
        for entry in walkdir::WalkDir::new(dir).min_depth(1) {
            let entry = entry.map_err(std::io::Error::other)?;
            if !entry.file_type().is_file() {
                continue;
            }
            let bytes = entry.metadata().map_err(std::io::Error::other)?.len();
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let part = part_of(rel);
            let slot = parts.entry(part).or_default();
            slot.0 += bytes;
            slot.1 += 1;
            size.bytes += bytes;
            size.files += 1;
        }
        size.parts = parts
            .into_iter()
            .map(|(name, (bytes, files))| Part { name, bytes, files })
            .collect();
        size.parts
            .sort_by(|a, b| b.bytes.cmp(&a.bytes).then_with(|| a.name.cmp(&b.name)));
        Ok(size)
    }

    /// `612.4 MB in 28,510 files`, for the build's summary line.
    pub fn summary(&self) -> String {
        format!("{} in {}", megabytes(self.bytes), files(self.files))
    }

    /// A warning when the output passes `max_bytes` or `max_files`, naming its largest parts.
    pub fn warning(&self, max_bytes: u64, max_files: u64) -> Option<Diagnostic> {
        let mut over = Vec::new();
        if self.bytes > max_bytes {
            over.push(format!(
                "larger than {} (GitHub Pages publishes at most 1 GB)",
                megabytes(max_bytes)
            ));
        }
        if self.files > max_files {
            over.push(format!("more than {}", files(max_files)));
        }
        if over.is_empty() {
            return None;
        }
        let largest: Vec<String> = self
            .parts
            .iter()
            .take(4)
            .map(|p| format!("{} {} ({})", p.name, megabytes(p.bytes), files(p.files)))
            .collect();
        Some(
            Diagnostic::warning(
                Code::OutputSize,
                format!(
                    "the output is {}: {}; largest parts: {}",
                    self.summary(),
                    over.join(" and "),
                    largest.join(", ")
                ),
            )
            .with_hint(
                "host the site where size is not capped (Cloudflare Pages, Netlify, an S3 or \
                 GCS bucket, your own server), or make it smaller: summaries in term feeds \
                 (`[feed] terms_full_content = false`), more briefings per listing page \
                 (`paginate_by`); see \"Large archives\" in the README",
            ),
        )
    }
}

/// The part a file counts in: feeds wherever they are, else its top-level folder.
fn part_of(rel: &Path) -> String {
    if rel.file_name().is_some_and(|n| n == "atom.xml") {
        return if rel.parent() == Some(Path::new("")) {
            "atom.xml".into()
        } else {
            "term feeds (*/atom.xml)".into()
        };
    }
    let mut components = rel.components();
    match (components.next(), components.next()) {
        (Some(first), Some(_)) => format!("{}/", first.as_os_str().to_string_lossy()),
        _ => "files at the top".into(),
    }
}

/// Decimal megabytes with one decimal, as hosts state their limits (`1000.0 MB`).
fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// `1 file`, `28,510 files`.
fn files(n: u64) -> String {
    format!("{} file{}", thousands(n), if n == 1 { "" } else { "s" })
}

/// `28510` → `28,510`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let files: &[(&str, usize)] = &[
            ("index.html", 100),
            ("atom.xml", 50),
            ("briefings/a/index.html", 3000),
            ("briefings/b/index.html", 2000),
            ("tags/x/index.html", 700),
            ("tags/x/atom.xml", 400),
            ("authors/y/atom.xml", 300),
            ("search/d/0.js", 900),
        ];
        for (rel, len) in files {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, vec![b'x'; *len]).unwrap();
        }
        dir
    }

    #[test]
    fn adds_up_files_by_part_largest_first() {
        let dir = site();
        let size = OutputSize::measure(dir.path()).unwrap();
        assert_eq!(size.bytes, 7450);
        assert_eq!(size.files, 8);
        let parts: Vec<(&str, u64, u64)> = size
            .parts
            .iter()
            .map(|p| (p.name.as_str(), p.bytes, p.files))
            .collect();
        assert_eq!(
            parts,
            [
                ("briefings/", 5000, 2),
                ("search/", 900, 1),
                ("tags/", 700, 1),
                ("term feeds (*/atom.xml)", 700, 2),
                ("files at the top", 100, 1),
                ("atom.xml", 50, 1),
            ]
        );
        assert_eq!(size.summary(), "0.0 MB in 8 files");
    }

    #[test]
    fn warns_past_either_limit_naming_the_largest_parts() {
        let size = OutputSize::measure(site().path()).unwrap();
        assert_eq!(size.warning(PAGES_MAX_BYTES, MAX_FILES), None);
        assert_eq!(size.warning(7450, 8), None, "limits are inclusive");

        let by_bytes = size.warning(5000, 100).unwrap();
        assert_eq!(by_bytes.code, "output-size");
        assert!(!by_bytes.is_error());
        assert!(
            by_bytes.message.contains("larger than 0.0 MB"),
            "{}",
            by_bytes.message
        );
        assert!(!by_bytes.message.contains("files and"));
        assert!(by_bytes
            .message
            .contains("largest parts: briefings/ 0.0 MB (2 files), search/ 0.0 MB (1 file)"));
        assert!(by_bytes.hint.as_deref().unwrap().contains("Large archives"));

        let by_files = size.warning(PAGES_MAX_BYTES, 7).unwrap();
        assert!(by_files.message.contains("more than 7 files"));
        assert!(!by_files.message.contains("larger than"));

        let both = size.warning(1, 1).unwrap();
        assert!(both.message.contains(
            "larger than 0.0 MB (GitHub Pages publishes at most 1 GB) and more than 1 file"
        ));
    }

    #[test]
    fn thousands_separators() {
        for (n, s) in [
            (0, "0"),
            (999, "999"),
            (1000, "1,000"),
            (28510, "28,510"),
            (1234567, "1,234,567"),
        ] {
            assert_eq!(thousands(n), s);
        }
    }
}
