//! Importing briefings from text that editors copy off publishers' pages.
//!
//! The page copy is cut into lines, each line is judged on its own (byline,
//! date, teaser, interface text, …), the page's layout is read from those
//! judgements (head, article, footer), and the result becomes an
//! [`ImportRecord`] with a Markdown body.

mod attribution;
mod authors;
mod byline;
pub mod command;
mod decode;
mod evidence;
pub mod explain;
mod furniture;
mod head;
/// Saved web pages and URLs (issue 16).
pub mod html;
mod lines;
mod meta;
mod page;
mod paragraphs;
mod publisher;
mod record;
mod tags;
mod text;
mod title;
mod translation;
mod vocabulary;

pub use crate::text::find_date::parse_date_arg;
pub use decode::decode_input;
pub use explain::ExplainedLine;
pub use publisher::KnownPublisher;
pub use record::{file_name, to_markdown, ImportRecord, ImportSource};
pub use vocabulary::{VocabEntry, Vocabulary};

use chrono::NaiveDate;
use std::fmt;

/// What the editor adds to what the text says.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Date to use when the text states none.
    pub date: Option<NaiveDate>,
    /// Tags to add (names, aliases or slugs).
    pub tags: Vec<String>,
    /// Publisher to use when the text names none.
    pub publisher: Option<String>,
    /// Site-specific tags, added to the shipped vocabulary.
    pub extra_vocabulary: Vec<VocabEntry>,
    /// Publishers the site knows (`[[import.publishers]]` in site.toml).
    pub publishers: Vec<KnownPublisher>,
}

/// Why a text could not be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// The text is not an article (empty, only teasers or navigation, too short).
    NotAnArticle(String),
    /// The bytes are not text in an encoding the importer reads.
    Decode(String),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::NotAnArticle(why) => write!(f, "not an article: {why}"),
            ImportError::Decode(why) => write!(f, "cannot decode: {why}"),
        }
    }
}

impl std::error::Error for ImportError {}

/// Imports one article from pasted text.
pub fn import_text(text: &str, opts: &ImportOptions) -> Result<ImportRecord, ImportError> {
    import_explained(text, opts).map(|(record, _)| record)
}

/// Imports one article from pasted text and says, line by line, what each line of the page
/// became and why. This is the entry point for any importer that has reduced a page to
/// text (the HTML importer falls back on it for pages without usable structure).
pub fn import_explained(
    text: &str,
    opts: &ImportOptions,
) -> Result<(ImportRecord, Vec<ExplainedLine>), ImportError> {
    let text = text::normalise(text);
    if text.trim().is_empty() {
        return Err(ImportError::NotAnArticle("empty".into()));
    }
    let analysis = page::analyse(lines::classify_page(&text))?;
    let explained = explain::explain(&analysis);
    let record = build_record(analysis, &explained, opts);
    Ok((record, explained))
}

fn build_record(
    analysis: page::Analysis,
    explained: &[ExplainedLine],
    opts: &ImportOptions,
) -> ImportRecord {
    let (head, meta) = (analysis.head, analysis.meta);
    let body = paragraphs::render(&paragraphs::blocks(&analysis.body));

    let mut review = Vec::new();
    let title = match &head.title {
        Some(t) => t.clone(),
        None => {
            review.push("title".to_string());
            let basis = head
                .summary
                .clone()
                .unwrap_or_else(|| first_sentence(&analysis.body));
            title::propose_title(&basis)
        }
    };
    let date = match meta.date {
        Some(found) => {
            if found.ambiguous {
                review.push("date".to_string());
            }
            Some(found.date)
        }
        None => {
            if opts.date.is_none() {
                review.push("date".to_string());
            }
            opts.date
        }
    };
    if head.title_guessed && !review.iter().any(|r| r == "title") {
        review.push("title".to_string());
    }
    if !head.had_byline || head.authors_guessed {
        review.push("authors".to_string());
    }
    let vocab = Vocabulary::with_extra(&opts.extra_vocabulary);
    let tags = tags::choose_tags(&vocab, &opts.tags, &meta.listed_tags, &title, &body);
    let mut candidates = publisher::candidates(&analysis.lines, &head.authors, &opts.publishers);
    if let Some(site) = head.site_name {
        candidates.push(publisher::Candidate {
            name: site,
            weight: 55,
            what: "site name after the headline",
        });
    }
    let publisher = meta
        .publisher
        .or_else(|| {
            candidates
                .iter()
                .max_by_key(|c| c.weight)
                .map(|c| c.name.clone())
        })
        .or_else(|| opts.publisher.clone());
    if explained.iter().any(|l| l.role == "dropped prose") {
        review.push("body".to_string());
    }
    ImportRecord {
        title,
        date: date.map(|d| d.format("%Y-%m-%d").to_string()),
        authors: head.authors,
        author_bio: meta.bio,
        summary: head.summary,
        tags,
        source: ImportSource {
            publisher,
            url: meta.url,
            original_language: meta.language.map(str::to_string),
            category: head.category,
        },
        review,
        body,
    }
}

fn first_sentence(body: &[String]) -> String {
    body.iter()
        .find(|l| paragraphs::is_prose(l))
        .and_then(|l| {
            crate::text::sentences::split_sentences(l)
                .first()
                .map(|s| s.to_string())
        })
        .unwrap_or_default()
}
