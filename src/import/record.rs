//! The imported briefing, and how it is written out as a content file.

use super::text::slugify_limited;
use super::vocabulary::Vocabulary;
use serde::Serialize;

/// Longest file-name slug, in bytes.
pub const MAX_SLUG_LEN: usize = 80;

/// A normalised briefing read from a page copy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportRecord {
    /// Headline (a provisional one when `review` contains "title").
    pub title: String,
    /// Publication date, YYYY-MM-DD.
    pub date: Option<String>,
    /// Authors in byline order; empty when the page names none.
    pub authors: Vec<String>,
    /// The author note ("Jane Doe is a fellow at …").
    pub author_bio: Option<String>,
    /// Standfirst.
    pub summary: Option<String>,
    /// Tag slugs.
    pub tags: Vec<String>,
    /// Where the article came from.
    pub source: ImportSource,
    /// Fields an editor must check ("title", "date", "authors").
    pub review: Vec<String>,
    /// The article as Markdown.
    pub body: String,
}

/// The original publication.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ImportSource {
    /// Publisher named by the page (or given by the editor).
    pub publisher: Option<String>,
    /// Link to the original.
    pub url: Option<String>,
    /// ISO 639-1 code of the language the article was written in, when translated.
    pub original_language: Option<String>,
    /// Section label ("Commentaries").
    pub category: Option<String>,
}

#[derive(Serialize)]
struct FrontMatter<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<toml::value::Datetime>,
    authors: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    author_bio: Option<&'a str>,
    tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    review: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a ImportSource>,
}

/// The content file: TOML front matter between `+++` lines, then the body.
/// Tags are written by display name ("North Korea"), as the build reads them.
pub fn to_markdown(rec: &ImportRecord, tag_names: &Vocabulary) -> String {
    let date = rec
        .date
        .as_deref()
        .and_then(|d| d.parse::<toml::value::Datetime>().ok());
    let source = &rec.source;
    let has_source = source.publisher.is_some()
        || source.url.is_some()
        || source.original_language.is_some()
        || source.category.is_some();
    let front = FrontMatter {
        title: &rec.title,
        date,
        authors: &rec.authors,
        author_bio: rec.author_bio.as_deref(),
        tags: rec.tags.iter().map(|t| tag_names.display_name(t)).collect(),
        summary: rec.summary.as_deref(),
        review: &rec.review,
        source: has_source.then_some(source),
    };
    let toml =
        toml::to_string(&front).expect("front matter of strings and lists always serialises");
    format!("+++\n{}+++\n\n{}\n", toml, rec.body.trim_end())
}

/// The file name for a record: the title's slug plus `.md`.
pub fn file_name(rec: &ImportRecord) -> String {
    let slug = slugify_limited(&rec.title, MAX_SLUG_LEN);
    format!("{}.md", if slug.is_empty() { "untitled" } else { &slug })
}
