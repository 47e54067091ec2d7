//! The documents the normaliser produces and the later stages read.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

/// A reference from a document to a taxonomy term, as written in its front matter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TermRef {
    /// The display form the author wrote, e.g. `North Korea`.
    pub name: String,
    /// The canonical slug, e.g. `north-korea`: one per term.
    pub slug: String,
}

/// Where an article was first published.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SourceInfo {
    pub publisher: Option<String>,
    pub url: Option<String>,
    /// ISO 639-1 code of the language the piece was written in.
    pub original_language: Option<String>,
    pub category: Option<String>,
}

/// One heading in a table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

/// A body rendered to HTML, with what was learned while rendering it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenderedBody {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// Plain text of the first paragraph.
    pub first_paragraph: String,
    pub word_count: usize,
    pub reading_time: usize,
    /// Every `id` in `html`, for anchor checks.
    pub anchors: Vec<String>,
    /// What was taken out of the body because it could run script, for warnings.
    pub dropped: Vec<Dropped>,
}

/// Something removed from a body because it could run script in a reader's browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// Byte offset into the Markdown of the raw HTML or link it came from.
    pub offset: usize,
    /// `raw-html`, `unsafe-url` or `unsafe-attribute`.
    pub code: crate::diagnostics::Code,
    pub message: String,
}

/// What kind of output a document becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    Article,
    Page,
    SectionIndex,
    /// `content/authors/<slug>.md`: an author's name, affiliation, photo, links and bio.
    Profile,
}

/// What an author profile adds to the author's page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Profile {
    pub affiliation: Option<String>,
    /// Image path or URL.
    pub photo: Option<String>,
    pub links: Vec<ProfileLink>,
}

/// A link on an author profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProfileLink {
    pub title: String,
    pub url: String,
}

/// A normalised Markdown document: front matter checked and canonicalised, body not yet rendered.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub kind: DocKind,
    /// Path on disk, for messages.
    pub file: PathBuf,
    /// Path relative to `content/`, e.g. `briefings/x.md`.
    pub rel: String,
    /// First folder under `content/` (empty for pages).
    pub section: String,
    /// Output path relative to the site root, e.g. `briefings/x/`.
    pub path: String,
    pub title: String,
    pub description: Option<String>,
    pub date: Option<DateTime<FixedOffset>>,
    pub updated: Option<DateTime<FixedOffset>>,
    /// Terms per taxonomy name (`tags`, `authors`, …), de-duplicated by slug, in written order.
    pub terms: BTreeMap<String, Vec<TermRef>>,
    /// Summary written in the front matter.
    pub summary: Option<String>,
    pub draft: bool,
    pub source: Option<SourceInfo>,
    pub review: Vec<String>,
    pub author_bio: Option<String>,
    /// Language the document is written in (ISO 639-1); the site's language when not given.
    pub language: Option<String>,
    /// Slug of the briefing this one translates.
    pub translation_of: Option<String>,
    /// A PDF of the briefing (path or URL), for `citation_pdf_url`.
    pub pdf: Option<String>,
    /// Size and page count of `pdf` when it is a file of the site; set with the model.
    pub pdf_info: Option<crate::media::pdf::PdfInfo>,
    pub profile: Option<Profile>,
    pub extra: serde_json::Value,
    /// Markdown body (shared: documents are cloned for every incremental rebuild in `serve`).
    pub body: Arc<str>,
    /// 1-based line in the file where the body starts.
    pub body_line: usize,
    /// Set by the markdown stage; empty until then.
    pub rendered: Arc<RenderedBody>,
}

impl Document {
    /// The summary shown in listings: front matter first, else the first paragraph.
    pub fn summary_text(&self) -> &str {
        self.summary
            .as_deref()
            .unwrap_or(&self.rendered.first_paragraph)
    }

    /// Line and column in the source file of byte `offset` of the body (which must still be
    /// loaded): where diagnostics about the body point.
    pub fn file_position(&self, offset: usize) -> (usize, usize) {
        let (line, column) = crate::diagnostics::line_col(&self.body, offset);
        (line + self.body_line - 1, column)
    }

    /// Whether `other` is this document with at most its body changed, so listings, order,
    /// taxonomies and related lists stay as they are. Every field but the body's counts, so a
    /// field added later is compared without anyone remembering to.
    pub fn same_but_body(&self, other: &Document) -> bool {
        let with_other_body = Document {
            body: Arc::clone(&other.body),
            body_line: other.body_line,
            rendered: Arc::clone(&other.rendered),
            ..self.clone()
        };
        with_other_body == *other
    }

    /// The date used for "updated" in feeds and sitemaps.
    pub fn last_modified(&self) -> Option<DateTime<FixedOffset>> {
        self.updated.or(self.date)
    }
}
