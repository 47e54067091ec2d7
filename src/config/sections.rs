//! The tables of `site.toml` below the top level: languages, menus, feeds, sitemap,
//! taxonomies, Markdown, import.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::yes;

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
