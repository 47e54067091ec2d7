//! Importing briefings from text that editors copy off publishers' pages.
//!
//! The page copy is cut into lines, each line is judged on its own (byline,
//! date, teaser, interface text, …), the page's layout is read from those
//! judgements (head, article, footer), and the result becomes an
//! [`ImportRecord`] with a Markdown body.

mod attribution;
mod byline;
pub mod command;
mod dates;
mod decode;
mod furniture;
mod head;
/// Saved web pages and URLs (issue 16).
pub mod html;
mod lines;
mod meta;
mod page;
mod paragraphs;
mod record;
mod sentences;
mod tags;
mod text;
mod title;
mod translation;
mod vocabulary;

pub use dates::parse_date_arg;
pub use decode::decode_input;
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
    let text = text::normalise(text);
    if text.trim().is_empty() {
        return Err(ImportError::NotAnArticle("empty".into()));
    }
    let analysis = page::analyse(lines::classify_page(&text))?;
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
    if !head.had_byline {
        review.push("authors".to_string());
    }
    let vocab = Vocabulary::with_extra(&opts.extra_vocabulary);
    let tags = tags::choose_tags(&vocab, &opts.tags, &meta.listed_tags, &title, &body);
    let publisher = meta
        .publisher
        .or(head.site_name)
        .or_else(|| opts.publisher.clone());
    Ok(ImportRecord {
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
    })
}

fn first_sentence(body: &[String]) -> String {
    body.iter()
        .find(|l| paragraphs::is_prose(l))
        .and_then(|l| sentences::split_sentences(l).first().map(|s| s.to_string()))
        .unwrap_or_default()
}
