//! Fixture sites in temp dirs, the binary, and a link walker over built output.
#![allow(dead_code)]

pub mod files;
pub mod interface;
pub mod scorer;

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};

pub const SITE_TOML: &str = r#"
title = "Test Desk"
description = "A test archive"
base_url = "https://user.github.io/repo/"
paginate_by = 2

[[taxonomies]]
name = "tags"

[[taxonomies]]
name = "authors"

[[taxonomies]]
name = "regions"
"#;

/// A site on disk in a temp dir.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    /// An empty site with the default test config.
    pub fn new() -> Fixture {
        Fixture::with_config(SITE_TOML)
    }

    pub fn with_config(config: &str) -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        let f = Fixture { dir };
        f.write("site.toml", config);
        fs::create_dir_all(f.root().join("content")).unwrap();
        f
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) -> &Fixture {
        self.write_bytes(rel, text.as_bytes())
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Fixture {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
        self
    }

    /// Writes a briefing with the given front-matter lines and body.
    pub fn article(&self, rel: &str, front: &str, body: &str) -> &Fixture {
        self.write(
            &format!("content/{rel}"),
            &format!("+++\n{front}\n+++\n\n{body}\n"),
        )
    }

    pub fn out(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn read(&self, rel: &str) -> String {
        let path = self.out().join(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
    }

    pub fn html(&self, rel: &str) -> Html {
        Html::parse_document(&self.read(rel))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.out().join(rel).exists()
    }

    /// Runs the binary with `args` and `--root` set to this site.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_briefgen"))
            .args(args)
            .arg("--root")
            .arg(self.root())
            .env("NO_COLOR", "1")
            .output()
            .expect("run briefgen")
    }

    /// Builds with the binary and asserts success.
    pub fn build(&self, extra: &[&str]) -> Output {
        let mut args = vec!["build"];
        args.extend_from_slice(extra);
        let out = self.run(&args);
        assert!(
            out.status.success(),
            "build failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Builds and asserts failure; returns stderr.
    pub fn build_fails(&self) -> String {
        let out = self.run(&["build"]);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(
            out.status.code(),
            Some(1),
            "expected exit 1, got {:?}:\n{stderr}",
            out.status
        );
        stderr
    }
}

pub fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let sel = Selector::parse(css).unwrap();
    doc.select(&sel).collect()
}

pub fn texts(doc: &Html, css: &str) -> Vec<String> {
    select(doc, css)
        .iter()
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

pub fn attrs(doc: &Html, css: &str, attr: &str) -> Vec<String> {
    select(doc, css)
        .iter()
        .filter_map(|e| e.value().attr(attr).map(str::to_owned))
        .collect()
}

/// Walks every HTML file in `out`, resolving each internal href/src/#anchor as a browser would
/// for a site published at `base_path` (e.g. `/repo/`). Returns every broken link found.
pub fn broken_links(out: &Path, base_path: &str) -> Vec<String> {
    let mut ids: HashMap<PathBuf, HashSet<String>> = HashMap::new();
    let mut broken = Vec::new();
    let files: Vec<PathBuf> = walkdir(out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    let mut ids_of = |file: &Path| -> HashSet<String> {
        ids.entry(file.to_path_buf())
            .or_insert_with(|| {
                let doc = Html::parse_document(&fs::read_to_string(file).unwrap_or_default());
                attrs(&doc, "[id]", "id")
                    .into_iter()
                    .chain(attrs(&doc, "a[name]", "name"))
                    .collect()
            })
            .clone()
    };
    for file in &files {
        let rel = file
            .strip_prefix(out)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        // The URL a browser would have for this file (404.html is served at any URL).
        let page_url = format!("{base_path}{rel}");
        let doc = Html::parse_document(&fs::read_to_string(file).unwrap());
        let links = attrs(&doc, "a[href]", "href")
            .into_iter()
            .chain(attrs(&doc, "link[href]", "href"))
            .chain(attrs(&doc, "img[src]", "src"))
            .chain(attrs(&doc, "script[src]", "src"));
        for link in links {
            if link.contains("://") || link.starts_with("mailto:") || link.starts_with("//") {
                continue;
            }
            let (path_part, fragment) = link
                .split_once('#')
                .map_or((link.as_str(), None), |(p, f)| (p, Some(f)));
            let absolute = if path_part.is_empty() {
                page_url.clone()
            } else if path_part.starts_with('/') {
                path_part.to_string()
            } else {
                resolve(&page_url, path_part)
            };
            let Some(inside) = absolute.strip_prefix(base_path) else {
                broken.push(format!(
                    "{rel}: `{link}` escapes {base_path} (→ {absolute})"
                ));
                continue;
            };
            let mut target = out.join(inside);
            if inside.is_empty() || inside.ends_with('/') {
                target = target.join("index.html");
            }
            if !target.is_file() {
                broken.push(format!("{rel}: `{link}` → {absolute} does not exist"));
                continue;
            }
            if let Some(frag) = fragment.filter(|f| !f.is_empty()) {
                if target.extension().is_some_and(|e| e == "html")
                    && !ids_of(&target).contains(frag)
                {
                    broken.push(format!(
                        "{rel}: `{link}` → no id `{frag}` in {}",
                        target.display()
                    ));
                }
            }
        }
    }
    broken
}

/// Resolves a relative reference against a URL path, like a browser.
fn resolve(base: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = base.split('/').collect();
    parts.pop(); // the file name (or "" for a directory URL)
    for seg in rel.split('/') {
        match seg {
            "." => {}
            ".." => {
                if parts.len() > 1 {
                    parts.pop();
                }
            }
            s => parts.push(s),
        }
    }
    let joined = parts.join("/");
    if rel.ends_with('/') || rel.ends_with("/.") || rel == "." {
        format!("{}/", joined.trim_end_matches('/'))
    } else {
        joined
    }
}

pub fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Every record of the search index's document store under `out` (`search/d/<p>.js` packs), in
/// document order, each with its `text` inflated as the search page does.
pub fn search_records(out: &Path) -> Vec<serde_json::Value> {
    use base64::Engine as _;
    use std::io::Read as _;
    let mut packs: Vec<(usize, Vec<serde_json::Value>)> = walkdir(&out.join("search/d"))
        .iter()
        .map(|path| {
            let text = fs::read_to_string(path).unwrap();
            let inner = text
                .strip_prefix("__briefgenSearch.docs(")
                .and_then(|t| t.strip_suffix(");\n"))
                .unwrap_or_else(|| panic!("{}: not a document pack", path.display()));
            let args: Vec<serde_json::Value> = serde_json::from_str(&format!("[{inner}]"))
                .unwrap_or_else(|e| panic!("{}: arguments are not JSON: {e}", path.display()));
            let packed = base64::engine::general_purpose::STANDARD
                .decode(args[4].as_str().unwrap())
                .unwrap();
            let mut texts = Vec::new();
            flate2::read::DeflateDecoder::new(&packed[..])
                .read_to_end(&mut texts)
                .unwrap();
            let mut at = 0;
            let records = args[2]
                .as_array()
                .unwrap()
                .iter()
                .zip(args[3].as_array().unwrap())
                .map(|(record, len)| {
                    let len = len.as_u64().unwrap() as usize;
                    let mut record = record.clone();
                    record["text"] = String::from_utf8(texts[at..at + len].to_vec())
                        .unwrap()
                        .into();
                    at += len;
                    record
                })
                .collect();
            assert_eq!(at, texts.len(), "{}", path.display());
            (args[1].as_u64().unwrap() as usize, records)
        })
        .collect();
    packs.sort_by_key(|(n, _)| *n);
    packs.into_iter().flat_map(|(_, records)| records).collect()
}
