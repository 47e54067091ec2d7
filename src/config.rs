//! Stage 1: `site.toml`, read strictly (unknown keys are errors) and validated.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::Diagnostic;

/// The site's configuration as written in `site.toml`, after defaults and validation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Absolute URL the site is published under, always ending in `/`.
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    /// Author credited on briefings whose front matter names none.
    #[serde(default)]
    pub default_author: Option<String>,
    /// Briefings per page on the home index and section listings.
    #[serde(default = "default_paginate_by")]
    pub paginate_by: usize,
    /// A syntect theme name; its CSS is written to `syntax.css`.
    #[serde(default = "default_highlight_theme")]
    pub highlight_theme: String,
    /// Theme used when the reader's system is in dark mode; `""` for none.
    #[serde(default = "default_highlight_theme_dark")]
    pub highlight_theme_dark: String,
    /// A custom domain for GitHub Pages, written to `CNAME`.
    #[serde(default)]
    pub cname: Option<String>,
    #[serde(default)]
    pub feed: FeedConfig,
    #[serde(default = "default_taxonomies")]
    pub taxonomies: Vec<TaxonomyConfig>,
    #[serde(default)]
    pub import: ImportConfig,
    #[serde(default)]
    pub markdown: MarkdownConfig,
    /// How images are resized for the web.
    #[serde(default)]
    pub images: crate::media::ImagesConfig,
    /// Words figures, charts, callouts and PDF boxes show readers.
    #[serde(default)]
    pub labels: crate::media::Labels,
    /// Seconds one page may take to render before the build stops with an error.
    #[serde(default = "default_render_time_limit")]
    pub render_time_limit: f64,
    /// Free-form values handed to templates as `site.extra`.
    #[serde(default)]
    pub extra: toml::Table,
}

/// Atom feed settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FeedConfig {
    pub enabled: bool,
    /// Entries per feed, newest first.
    pub limit: usize,
    /// Whole article bodies in entries (else summaries only).
    pub full_content: bool,
}

impl Default for FeedConfig {
    fn default() -> Self {
        FeedConfig {
            enabled: true,
            limit: 20,
            full_content: true,
        }
    }
}

/// One taxonomy (`tags`, `authors`, `regions` …): a front-matter list key with pages per term.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaxonomyConfig {
    /// Front-matter key and URL segment.
    pub name: String,
    /// Heading shown to readers; defaults to the capitalised name.
    #[serde(default)]
    pub title: Option<String>,
    /// One term's label, e.g. "Tag" for "Tag: North Korea"; templates fall back to the title.
    #[serde(default)]
    pub singular: Option<String>,
    /// Briefings per term page; defaults to the site's `paginate_by`.
    #[serde(default)]
    pub paginate_by: Option<usize>,
    /// Whether each term gets an Atom feed.
    #[serde(default = "yes")]
    pub feed: bool,
    /// A series: term pages list parts oldest first and each part shows "Part 2 of 5".
    #[serde(default)]
    pub ordered: bool,
}

impl TaxonomyConfig {
    pub fn title(&self) -> String {
        self.title.clone().unwrap_or_else(|| {
            let mut c = self.name.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
    }
}

/// How Markdown bodies are rendered.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownConfig {
    /// What happens to HTML written inside a body.
    pub raw_html: RawHtml,
}

/// What happens to raw HTML (`<span>`, `<script>` …) in Markdown bodies.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Kept, minus anything that can run script or load active content; `javascript:` links
    /// are neutralised. Bodies without raw HTML are not touched.
    #[default]
    Sanitize,
    /// Published exactly as written: only for sites whose every editor is trusted.
    Trusted,
    /// Shown to readers as text, tags and all; `javascript:` links are neutralised.
    Escape,
}

/// Settings for `briefgen import`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportConfig {
    /// Extra tag vocabulary entries on top of the shipped one.
    #[serde(default)]
    pub vocabulary: Vec<VocabularyConfig>,
}

/// A tag the importer may propose, with the words that signal it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VocabularyConfig {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

fn default_language() -> String {
    "en".into()
}
fn default_render_time_limit() -> f64 {
    crate::render::engine::DEFAULT_TIME_LIMIT.as_secs_f64()
}
fn default_paginate_by() -> usize {
    10
}
fn default_highlight_theme() -> String {
    "InspiredGitHub".into()
}
fn default_highlight_theme_dark() -> String {
    "base16-ocean.dark".into()
}
fn yes() -> bool {
    true
}
fn default_taxonomies() -> Vec<TaxonomyConfig> {
    ["tags", "authors"]
        .into_iter()
        .map(|name| TaxonomyConfig {
            name: name.into(),
            title: None,
            singular: None,
            paginate_by: None,
            feed: true,
            ordered: false,
        })
        .collect()
}

/// URL segments the site itself uses at the top level.
const RESERVED_SEGMENTS: &[&str] = &["page", "static"];

impl SiteConfig {
    /// Reads and validates `ROOT/site.toml`.
    pub fn load(root: &Path) -> Result<SiteConfig, Diagnostic> {
        let path = root.join("site.toml");
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Diagnostic::error("config", format!("cannot read site.toml: {e}"))
                .in_file(&path)
                .with_hint("run briefgen in the site's folder or pass --root DIR")
        })?;
        Self::parse(&text, &path)
    }

    /// Parses and validates config text; `path` is used in error messages only.
    pub fn parse(text: &str, path: &Path) -> Result<SiteConfig, Diagnostic> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut config: SiteConfig =
            toml::from_str(text).map_err(|e| toml_error(&e, text, path))?;
        config.validate(text, path)?;
        Ok(config)
    }

    fn validate(&mut self, text: &str, path: &Path) -> Result<(), Diagnostic> {
        let at_key = |key: &str, msg: String| {
            let d = Diagnostic::error("config", msg).in_file(path);
            match find_key_line(text, key) {
                Some((line, col)) => d.at(text, line, col),
                None => d,
            }
        };
        self.base_url = normalise_base_url(&self.base_url).map_err(|msg| {
            at_key("base_url", msg).with_hint(
                "use the full address the site is published at, e.g. \"https://user.github.io/repo/\"",
            )
        })?;
        if let Err(m) = self.images.validate() {
            return Err(at_key("widths", m));
        }
        if self.paginate_by == 0 {
            return Err(at_key(
                "paginate_by",
                "`paginate_by` must be at least 1".into(),
            ));
        }
        // Duration::from_secs_f64 panics on negative, NaN or huge values.
        if !(self.render_time_limit > 0.0 && self.render_time_limit <= 86_400.0) {
            return Err(at_key(
                "render_time_limit",
                format!(
                    "`render_time_limit` must be a number of seconds above 0 and at most 86400, found {}",
                    self.render_time_limit
                ),
            )
            .with_hint("the default is 10; raise it only for pages that are genuinely huge"));
        }
        let mut seen = Vec::new();
        for tax in &self.taxonomies {
            let name = tax.name.as_str();
            let valid = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
            if !valid {
                return Err(at_key(
                    "name",
                    format!("taxonomy name `{name}` must be lowercase ASCII letters, digits, `-` or `_`"),
                ));
            }
            if crate::frontmatter::is_reserved_for_taxonomies(name)
                || RESERVED_SEGMENTS.contains(&name)
            {
                return Err(at_key(
                    "name",
                    format!("`{name}` is reserved and cannot name a taxonomy"),
                ));
            }
            if seen.contains(&name) {
                return Err(at_key(
                    "name",
                    format!("taxonomy `{name}` is defined twice"),
                ));
            }
            if tax.paginate_by == Some(0) {
                return Err(at_key(
                    "paginate_by",
                    "`paginate_by` must be at least 1".into(),
                ));
            }
            seen.push(name);
        }
        Ok(())
    }

    /// The path part of `base_url`, e.g. `/repo/` (or `/`).
    pub fn base_path(&self) -> String {
        let after_scheme = self.base_url.split_once("://").map_or("", |(_, rest)| rest);
        match after_scheme.find('/') {
            Some(i) => after_scheme[i..].to_string(),
            None => "/".into(),
        }
    }

    /// Absolute URL of a root-relative path.
    pub fn permalink(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    pub fn taxonomy(&self, name: &str) -> Option<&TaxonomyConfig> {
        self.taxonomies.iter().find(|t| t.name == name)
    }
}

/// Checks a base URL and gives it exactly one trailing slash.
pub fn normalise_base_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("`base_url` must start with https:// or http://, found `{url}`"))?;
    if rest.is_empty() || rest.starts_with('/') {
        return Err(format!("`base_url` has no host: `{url}`"));
    }
    if rest.contains(['?', '#', ' ', '"', '<', '>']) {
        return Err(format!(
            "`base_url` may not contain a query, fragment, space or quote: `{url}`"
        ));
    }
    Ok(format!("{}/", url.trim_end_matches('/')))
}

/// Finds the line and column of the value of the first `key =` (or `key:`) in `text`.
pub fn find_value(text: &str, key: &str) -> Option<(usize, usize)> {
    let (line, key_col) = find_key_line(text, key)?;
    let src = text.lines().nth(line - 1)?;
    let after_key: String = src
        .chars()
        .skip(key_col - 1 + key.chars().count())
        .collect();
    let after_sep = after_key.trim_start().get(1..)?;
    let value_start = after_sep.len() - after_sep.trim_start().len();
    let consumed =
        src.chars().count() - after_sep.chars().count() + after_sep[..value_start].chars().count();
    Some((line, consumed + 1))
}

/// Finds the line and column of the first `key =` (or `key:`) in `text`.
pub fn find_key_line(text: &str, key: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(i, line)| {
        let trimmed = line.trim_start();
        let rest = trimmed.strip_prefix(key)?;
        let rest = rest.trim_start();
        (rest.starts_with('=') || rest.starts_with(':'))
            .then(|| (i + 1, line.len() - trimmed.len() + 1))
    })
}

fn toml_error(e: &toml::de::Error, text: &str, path: &Path) -> Diagnostic {
    let message = e.message().trim().to_string();
    let hint = if message.starts_with("unknown field") {
        "remove the key or fix its spelling; the README lists every site.toml key"
    } else if message.starts_with("missing field") {
        "add the key to site.toml; the README lists every site.toml key"
    } else {
        "see the site.toml reference in the README"
    };
    let message = message
        .replacen("unknown field", "unknown key", 1)
        .replacen("missing field", "missing required key", 1);
    let d = Diagnostic::error("config", message)
        .in_file(path)
        .with_hint(hint);
    match e.span() {
        Some(span) if !text.is_empty() => d.at_offset(text, span.start),
        _ => d,
    }
}

/// Where a site lives on disk.
#[derive(Debug, Clone)]
pub struct SitePaths {
    pub root: PathBuf,
    pub content: PathBuf,
    pub templates: PathBuf,
    pub static_dir: PathBuf,
    pub output: PathBuf,
}

impl SitePaths {
    pub fn new(root: &Path, output: Option<&Path>) -> SitePaths {
        SitePaths {
            root: root.to_path_buf(),
            content: root.join("content"),
            templates: root.join("templates"),
            static_dir: root.join("static"),
            output: output.map_or_else(|| root.join("public"), Path::to_path_buf),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<SiteConfig, Diagnostic> {
        SiteConfig::parse(text, Path::new("site.toml"))
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let c = parse("title = \"T\"\nbase_url = \"https://u.github.io/repo\"\n").unwrap();
        assert_eq!(c.base_url, "https://u.github.io/repo/");
        assert_eq!(c.base_path(), "/repo/");
        assert_eq!(c.paginate_by, 10);
        let names: Vec<_> = c.taxonomies.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["tags", "authors"]);
        assert_eq!(c.taxonomies[0].title(), "Tags");
        assert_eq!(c.markdown.raw_html, RawHtml::Sanitize);
    }

    #[test]
    fn raw_html_mode_is_read_and_checked() {
        let base = "title = \"T\"\nbase_url = \"https://x.org\"\n[markdown]\n";
        let c = parse(&format!("{base}raw_html = \"trusted\"\n")).unwrap();
        assert_eq!(c.markdown.raw_html, RawHtml::Trusted);
        let c = parse(&format!("{base}raw_html = \"escape\"\n")).unwrap();
        assert_eq!(c.markdown.raw_html, RawHtml::Escape);
        let e = parse(&format!("{base}raw_html = \"unsafe\"\n")).unwrap_err();
        assert!(
            e.message.contains("unknown variant `unsafe`"),
            "{}",
            e.message
        );
        assert!(e.message.contains("sanitize"), "{}", e.message);
        assert_eq!(e.line, Some(4));
        let e = parse(&format!("{base}html = \"trusted\"\n")).unwrap_err();
        assert!(e.message.contains("unknown key `html`"), "{}", e.message);
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let e = parse("title = \"T\"\nbase_url = \"https://x.org\"\ncolour = 1\n").unwrap_err();
        assert!(e.message.contains("unknown key `colour`"), "{}", e.message);
        assert_eq!(e.line, Some(3));
    }

    #[test]
    fn missing_required_key_is_named() {
        let e = parse("title = \"T\"\n").unwrap_err();
        assert!(
            e.message.contains("missing required key `base_url`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn bad_base_url_points_at_the_key() {
        let e = parse("title = \"T\"\n\nbase_url = \"example.org\"\n").unwrap_err();
        assert!(e.message.contains("https://"), "{}", e.message);
        assert_eq!(e.line, Some(3));
    }

    #[test]
    fn reserved_taxonomy_name_is_refused() {
        let e =
            parse("title = \"T\"\nbase_url = \"https://x.org\"\n[[taxonomies]]\nname = \"page\"\n")
                .unwrap_err();
        assert!(e.message.contains("reserved"), "{}", e.message);
    }
}
