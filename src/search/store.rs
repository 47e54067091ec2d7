//! The document store: what a shown result needs (path, title, date, authors) and the plain text
//! its snippet is cut from, in packs of [`DOCS_PER_PACK`] consecutive documents.
//!
//! One file per document made the store the largest part of the index by far (at 10,000
//! briefings 10,000 files and 116 MB, most of it text escaped as JavaScript string literals).
//! A pack keeps the records as JSON and the texts as one raw-deflate stream, written as base64
//! inside the classic script (scripts are what loads from `file://`); the browser inflates it with
//! the standard `DecompressionStream`. Texts compressed together share their phrases, so a pack
//! takes about a third of the bytes of the separate files, and a quarter of the files.
//!
//! Packs are small on purpose: a page of results fetches one pack per result, so the pack size
//! trades bytes on disk against bytes transferred per query.

use std::io::Write as _;

use base64::Engine as _;
use flate2::write::DeflateEncoder;
use flate2::Compression;

use super::SearchDoc;

/// Documents per pack file. Four keeps a page of ten results (up to ten packs) around 120 KB
/// transferred, while the store needs a quarter of a file per briefing.
pub(super) const DOCS_PER_PACK: usize = 4;

/// Deflate level of the texts, with flate2's zlib-rs backend (a port of zlib-ng). On packs of
/// the bench corpus level 2 leaves 0.212 of the raw text at about 45 instructions a byte; level 1
/// (zlib-ng's quick strategy) leaves 0.276 at 29, level 4 0.184 at 64, level 6 0.180 at 72. Level
/// 2 takes a fifth off the store (about 9 MB at 10,000 briefings) for 0.18 G instructions at
/// 1,000, which the leaner term and home pages more than pay for. The index is built alongside
/// the pages, so its cost is build time.
const LEVEL: u32 = 2;

/// Snippets are cut from at most this many characters of a document's text, which bounds what one
/// shown result costs to fetch.
pub(super) const MAX_TEXT_CHARS: usize = 24 * 1024;

/// What a result shows, as stored in a pack's records.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct DocRecord<'a> {
    path: &'a str,
    title: &'a str,
    date: Option<&'a str>,
    date_display: Option<&'a str>,
    authors: &'a [String],
}

/// Collects consecutive documents until a pack is full, then encodes it.
#[derive(Default)]
pub(super) struct PackWriter {
    /// The records so far, as the inside of a JSON array.
    records: Vec<u8>,
    /// Byte length of each document's text within `texts`.
    lengths: Vec<usize>,
    texts: Vec<u8>,
}

impl PackWriter {
    /// Adds the next document and its text (cut to [`MAX_TEXT_CHARS`]).
    pub fn push(&mut self, doc: &SearchDoc, text: &str) {
        if !self.lengths.is_empty() {
            self.records.push(b',');
        }
        let record = DocRecord {
            path: &doc.path,
            title: &doc.title,
            date: doc.date.as_deref(),
            date_display: doc.date_display.as_deref(),
            authors: &doc.authors,
        };
        serde_json::to_writer(&mut self.records, &record).expect("writing to a Vec cannot fail");
        let text = cut(text);
        self.lengths.push(text.len());
        self.texts.extend_from_slice(text.as_bytes());
    }

    pub fn len(&self) -> usize {
        self.lengths.len()
    }

    /// The file of pack number `pack`, emptying the writer for the next pack:
    /// `__briefgenSearch.docs(build, pack, [records], [text byte lengths], "base64 deflate");`.
    pub fn finish(&mut self, build: &str, pack: usize) -> Vec<u8> {
        let mut deflate = DeflateEncoder::new(
            Vec::with_capacity(self.texts.len() / 3 + 64),
            Compression::new(LEVEL),
        );
        deflate
            .write_all(&self.texts)
            .expect("writing to a Vec cannot fail");
        let packed = deflate.finish().expect("writing to a Vec cannot fail");
        let mut out = String::with_capacity(self.records.len() + packed.len() * 4 / 3 + 96);
        out.push_str("__briefgenSearch.docs(\"");
        out.push_str(build);
        out.push_str("\",");
        out.push_str(&pack.to_string());
        out.push_str(",[");
        out.push_str(std::str::from_utf8(&self.records).expect("serde_json writes UTF-8"));
        out.push_str("],[");
        for (k, len) in self.lengths.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            out.push_str(&len.to_string());
        }
        out.push_str("],\"");
        base64::engine::general_purpose::STANDARD.encode_string(&packed, &mut out);
        out.push_str("\");\n");
        self.records.clear();
        self.lengths.clear();
        self.texts.clear();
        out.into_bytes()
    }
}

/// The first [`MAX_TEXT_CHARS`] characters of `text`.
fn cut(text: &str) -> &str {
    if text.len() <= MAX_TEXT_CHARS {
        return text;
    }
    match text.char_indices().nth(MAX_TEXT_CHARS) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}
