//! Stage 1: `site.toml`, read strictly (unknown keys are errors) and validated.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::{Code, Diagnostic};

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
    /// The languages the site is published in besides `language`, each under `/<code>/` with
    /// its own home, listings and feeds (`[languages.ja]`); an entry for `language` itself only
    /// sets its menu and taxonomy titles.
    #[serde(default)]
    pub languages: BTreeMap<String, LanguageConfig>,
}

/// One language of a multilingual site (`[languages.ja]`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageConfig {
    /// The site's title in this language; the site's `title` when not given.
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// Navigation entries after the home link; without it the navigation shows the archive,
    /// every taxonomy and the language's standalone pages.
    #[serde(default)]
    pub menu: Vec<MenuItem>,
    /// Taxonomy headings in this language by taxonomy name: `tags = "タグ"`. Without one the
    /// built-in translation of common names (tags, authors, topics, regions …) is used.
    #[serde(default)]
    pub taxonomies: BTreeMap<String, String>,
}

/// A navigation entry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    pub name: String,
    /// A path from the site root (`ja/about/`, `archive/`) or an `https://` address.
    pub url: String,
}

/// Atom feed settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FeedConfig {
    pub enabled: bool,
    /// Entries per feed, newest first.
    pub limit: usize,
    /// Whole article bodies in the site feed's entries (else summaries only).
    pub full_content: bool,
    /// Whole bodies in the feeds of taxonomy terms too. Off by default: with a few hundred terms
    /// those copies of the same bodies were a fifth of a large archive's output, and readers
    /// following a tag get each summary with a link.
    pub terms_full_content: bool,
}

impl Default for FeedConfig {
    fn default() -> Self {
        FeedConfig {
            enabled: true,
            limit: 20,
            full_content: true,
            terms_full_content: false,
        }
    }
}

/// Sitemap settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SitemapConfig {
    /// URLs per sitemap file. Past it, `sitemap.xml` becomes a sitemap index pointing at
    /// `sitemap-1.xml`, `sitemap-2.xml` … The protocol allows at most 50,000.
    pub max_urls: usize,
}

/// The sitemap protocol's limit of URLs in one file.
pub const SITEMAP_MAX_URLS: usize = 50_000;

impl Default for SitemapConfig {
    fn default() -> Self {
        SitemapConfig {
            max_urls: SITEMAP_MAX_URLS,
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
    /// Publishers the importer should recognise (`[[import.publishers]]`).
    #[serde(default)]
    pub publishers: Vec<PublisherConfig>,
}

/// A publisher the importer recognises by its name, other names or web domains.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublisherConfig {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub domains: Vec<String>,
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
    fn languages_are_read_and_checked() {
        let base = "title = \"T\"\nbase_url = \"https://x.org\"\nlanguage = \"EN\"\n";
        let c = parse(&format!(
            "{base}[languages.ja]\ntitle = \"黒潮\"\nmenu = [{{ name = \"概要\", url = \"ja/about/\" }}]\n[languages.ja.taxonomies]\ntags = \"タグ\"\n[languages.zh-hant]\n"
        ))
        .unwrap();
        assert_eq!(c.language, "en");
        assert_eq!(c.language_codes(), ["en", "ja", "zh-Hant"]);
        assert!(c.is_multilingual());
        assert_eq!(c.languages["ja"].title.as_deref(), Some("黒潮"));
        assert_eq!(c.languages["ja"].menu[0].url, "ja/about/");
        assert_eq!(c.language_prefix("ja"), "ja/");
        assert_eq!(c.language_prefix("zh-Hant"), "zh-hant/");
        assert_eq!(c.language_prefix("en"), "");
        assert_eq!(c.site_language(Some("JA")), "ja");
        assert_eq!(c.site_language(Some("ko")), "en");
        assert_eq!(c.site_language(None), "en");
        let single = parse(base).unwrap();
        assert!(!single.is_multilingual());
        // An entry for the default language alone does not make a second language.
        let own = parse(&format!("{base}[languages.en]\nmenu = []\n")).unwrap();
        assert!(!own.is_multilingual());

        let e = parse(&format!("{base}\n[languages.japanese]\n")).unwrap_err();
        assert!(e.message.contains("not a language code"), "{}", e.message);
        assert_eq!(e.line, Some(5));
        let e = parse(&format!(
            "{base}[languages.ja]\nmenu = [{{ name = \"x\", url = \"javascript:alert(1)\" }}]\n"
        ))
        .unwrap_err();
        assert!(e.message.contains("javascript:alert(1)"), "{}", e.message);
        let e = parse(&format!(
            "{base}[languages.ja.taxonomies]\ncolours = \"色\"\n"
        ))
        .unwrap_err();
        assert!(e.message.contains("`colours`"), "{}", e.message);
        assert_eq!(e.line, Some(5));
        let e = parse(&format!("{base}[languages.ja]\nheadline = \"x\"\n")).unwrap_err();
        assert!(
            e.message.contains("unknown key `headline`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn reserved_taxonomy_name_is_refused() {
        let e =
            parse("title = \"T\"\nbase_url = \"https://x.org\"\n[[taxonomies]]\nname = \"page\"\n")
                .unwrap_err();
        assert!(e.message.contains("reserved"), "{}", e.message);
    }
}
