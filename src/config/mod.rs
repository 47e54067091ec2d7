//! Stage 1: `site.toml`, read strictly (unknown keys are errors) and validated.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::{Code, Diagnostic};

pub mod output;
mod sections;
pub use sections::*;

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
    #[serde(default)]
    pub sitemap: SitemapConfig,
    /// How much each page carries (`[output]`).
    #[serde(default)]
    pub output: crate::config::output::OutputConfig,
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
    pub labels: crate::media::LabelsConfig,
    /// Seconds one page may take to render before the build stops with an error.
    #[serde(default = "default_render_time_limit")]
    pub render_time_limit: f64,
    /// Free-form values handed to templates as `site.extra`.
    #[serde(default)]
    pub extra: toml::Table,
    /// The languages the site is published in besides `language`, each under `/<code>/` with
    /// its own home, listings and feeds (`[languages.ja]`); an entry for `language` itself only
    /// sets its menu and taxonomy titles.
    #[serde(default)]
    pub languages: BTreeMap<String, LanguageConfig>,
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
pub(crate) fn yes() -> bool {
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
            Diagnostic::error(Code::Config, format!("cannot read site.toml: {e}"))
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
            let d = Diagnostic::error(Code::Config, msg).in_file(path);
            // Table headers (`[languages.xx]`) are found as text.
            let header = || {
                text.lines().enumerate().find_map(|(i, line)| {
                    line.find(key)
                        .map(|at| (i + 1, line[..at].chars().count() + 1))
                })
            };
            match find_key_line(text, key).or_else(header) {
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
        if let Some((key, m)) = self.output.validate() {
            return Err(at_key(key, m));
        }
        if !(1..=SITEMAP_MAX_URLS).contains(&self.sitemap.max_urls) {
            return Err(at_key(
                "max_urls",
                format!(
                    "`[sitemap] max_urls` must be between 1 and {SITEMAP_MAX_URLS} (the sitemap protocol's limit), found {}",
                    self.sitemap.max_urls
                ),
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
        self.validate_languages(&at_key)?;
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

    /// Checks `[languages.*]`: codes, menu URLs and taxonomy names, and writes codes the way
    /// BCP 47 does (`zh-Hant`), as front matter is matched against them.
    fn validate_languages(
        &mut self,
        at_key: &dyn Fn(&str, String) -> Diagnostic,
    ) -> Result<(), Diagnostic> {
        self.language = crate::i18n::canonical_code(&self.language);
        let mut languages = BTreeMap::new();
        for (code, lang) in std::mem::take(&mut self.languages) {
            if !crate::text::lang::is_language_code(&code) {
                return Err(at_key(
                    &format!("[languages.{code}"),
                    format!("`[languages.{code}]`: `{code}` is not a language code"),
                )
                .with_hint(
                    "use an ISO 639-1 code, optionally with a script or region: ja, zh-Hant, pt-BR",
                ));
            }
            for item in &lang.menu {
                let url = item.url.as_str();
                let external = url.starts_with("https://") || url.starts_with("http://");
                let relative = !url.contains(':') && !url.starts_with("//");
                if !(external || relative) {
                    return Err(at_key(
                        "url",
                        format!("menu entry `{}` of `[languages.{code}]` links to `{url}`, which is neither a site path nor an http(s) address", item.name),
                    )
                    .with_hint("write a path from the site root, such as \"ja/about/\", or a full https:// address"));
                }
            }
            if let Some(name) = lang.taxonomies.keys().find(|n| self.taxonomy(n).is_none()) {
                return Err(at_key(
                    name,
                    format!("`[languages.{code}.taxonomies]` names `{name}`, which is not a taxonomy of this site"),
                ));
            }
            languages.insert(crate::i18n::canonical_code(&code), lang);
        }
        self.languages = languages;
        Ok(())
    }

    /// Every language the site publishes, its default `language` first.
    pub fn language_codes(&self) -> Vec<&str> {
        std::iter::once(self.language.as_str())
            .chain(
                self.languages
                    .keys()
                    .map(String::as_str)
                    .filter(|c| *c != self.language),
            )
            .collect()
    }

    /// Whether the site publishes more than one language, each under its own prefix.
    pub fn is_multilingual(&self) -> bool {
        self.language_codes().len() > 1
    }

    /// The site language `code` is published as: itself when the site has it, else the
    /// default (a Japanese briefing on an English-only site is listed with the English ones).
    pub fn site_language<'a>(&'a self, code: Option<&str>) -> &'a str {
        let Some(code) = code.map(crate::i18n::canonical_code) else {
            return &self.language;
        };
        self.language_codes()
            .into_iter()
            .find(|c| *c == code)
            .unwrap_or(&self.language)
    }

    /// Where a language's pages live: `""` for the default language, `ja/` for the others.
    pub fn language_prefix(&self, code: &str) -> String {
        if code == self.language {
            String::new()
        } else {
            format!("{}/", code.to_ascii_lowercase())
        }
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
    let d = Diagnostic::error(Code::Config, message)
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
mod tests;
