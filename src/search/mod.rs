//! Full-text search: a static, chunked index written beside the site, and the browser code that
//! queries it (`search.js`, emitted by [`build_index`]).
//!
//! Everything a query needs is fetched on demand as small classic scripts, so the search page
//! works on any static host, under any sub-path, and from `file://` (where `fetch`, ES modules and
//! WebAssembly are blocked but `<script src>` is not). Files written under `search/`:
//!
//! | file | holds | loaded |
//! | --- | --- | --- |
//! | `search.js` | the query engine and the search page's behaviour | by the search page |
//! | `index.js` | manifest: document count, first word of every shard, filter values | on page load |
//! | `w/<n>.js` | one shard of the sorted vocabulary with each word's postings | per query word |
//! | `d/<p>.js` | a pack of consecutive documents: path, title, date, authors, and their plain texts for snippets, deflated (see `store.rs`) | per shown result |
//! | `filters.js` | which documents carry each filter value | when a filter is chosen |
//!
//! A posting is a document number and a 4-bit impact: the document's BM25 term-frequency weight
//! for that word (plus a bonus when the word is in the title), quantized at build time so the
//! browser needs no document lengths. Documents are numbered newest first, so ties rank newest
//! first and year filters compress to runs. See `search.js` for the query side.

mod shards;
mod store;
mod text;

use std::collections::BTreeMap;
use std::hash::Hasher;

use rayon::prelude::*;

use crate::fxhash::{FxHasher, FxMap};

use shards::{encode_docs, shard, shard_file, Shard};
pub use text::{html_to_text, Tokenizer};

/// Version of the file format shared by this module and `search.js`; both check it.
const FORMAT: u32 = 2;

/// The browser side, written to `search/search.js` so it always matches the index format.
pub const SEARCH_JS: &str = include_str!("search.js");

/// A shard is closed once its postings reach this many characters (about 5 KB gzipped): a
/// query downloads and parses little beyond the words it needs (a word common to every briefing
/// fills a shard on its own), while a 10,000-briefing archive still needs only a few hundred
/// files.
const SHARD_CHARS: usize = 16 * 1024;

/// The browser packs a document number into 20 bits when sorting results.
const MAX_DOCS: usize = 1 << 20;

/// BM25 parameters (the usual defaults).
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Added to the impact of words in the title. Larger than the most a body can score
/// (`K1 + 1`), so a title match outranks a body match however often the body repeats the word:
/// readers searching an archive mostly type what a briefing is about.
const TITLE_BONUS: f32 = 3.0;
/// Impacts are quantized to 1..=16 over `0..=MAX_IMPACT`.
const MAX_IMPACT: f32 = K1 + 1.0 + TITLE_BONUS;
/// Term-frequency weight of a word in the authors or filter values (the body counts 1).
const META_WEIGHT: u32 = 2;

/// One briefing to index.
#[derive(Debug, Clone, Default)]
pub struct SearchDoc<'a> {
    /// Root-relative page path with a trailing slash, e.g. `briefings/x/`.
    pub path: String,
    /// Title as displayed.
    pub title: String,
    /// ISO date (`2024-11-20`), used to order results; `None` sorts last.
    pub date: Option<String>,
    /// Date as displayed in results (`20 November 2024`).
    pub date_display: Option<String>,
    /// Author names as displayed.
    pub authors: Vec<String>,
    /// Filter name (`tags`, `regions`, `year` …) to the display values this briefing carries.
    /// The names become the keys of the search page's filter controls and URL parameters.
    pub filters: BTreeMap<String, Vec<String>>,
    /// The rendered body HTML, borrowed from the site when indexing a build.
    pub html: std::borrow::Cow<'a, str>,
}

/// Builds the search index for `docs` (every briefing that should be findable, drafts excluded
/// unless the build includes them) and returns the files to write, as paths relative to the
/// output root (all under `search/`) and their contents.
///
/// `language` is the site's language code (`en`, `ja` …); English enables suffix-tolerant
/// matching in the browser (`sanctions` also finds `sanctioned`).
///
/// Deterministic: the same documents give byte-identical files, in any input order.
pub fn build_index(docs: &[SearchDoc], language: &str) -> Result<Vec<(String, Vec<u8>)>, String> {
    let files = std::sync::Mutex::new(Vec::new());
    write_index(docs, language, &|rel: &str, bytes: Vec<u8>| {
        files
            .lock()
            .expect("no panics while holding the lock")
            .push((rel.to_string(), bytes));
        Ok(())
    })?;
    let mut files = files
        .into_inner()
        .expect("no panics while holding the lock");
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

/// Builds the search index like [`build_index`], handing each file to `write` as soon as it is
/// made (in parallel, in no particular order), so the whole index is never held in memory.
/// Returns how many files were written.
pub fn write_index(
    docs: &[SearchDoc],
    language: &str,
    write: &(dyn Fn(&str, Vec<u8>) -> std::io::Result<()> + Sync),
) -> Result<usize, String> {
    if docs.len() > MAX_DOCS {
        return Err(format!(
            "search: too many documents to index ({})",
            docs.len()
        ));
    }
    let order = doc_order(docs);
    let build = build_id(docs, &order);
    let put = |rel: String, bytes: Vec<u8>| {
        write(&rel, bytes).map_err(|e| format!("search: cannot write {rel}: {e}"))
    };
    // Tokenize in chunks of consecutive documents, each chunk with its own word table, so a
    // word is allocated once per chunk rather than once per document; a few chunks per thread
    // balance the load. Each pack of documents is written as soon as its texts are made, so no
    // text outlives its pack (about 120 MB at 10,000 briefings); chunks hold whole packs.
    let per_chunk = (docs.len() / (rayon::current_num_threads() * 4)).max(32);
    let per_chunk = per_chunk.next_multiple_of(store::DOCS_PER_PACK);
    let chunks: Vec<Chunk> = order
        .par_chunks(per_chunk)
        .enumerate()
        .map(|(c, o)| analyse_chunk(docs, o, c * per_chunk, &build, &put))
        .collect::<Result<_, String>>()?;
    let vocabulary = invert(&chunks, docs.len());
    let shards = shard(&vocabulary);
    drop(vocabulary);

    let filters = filter_table(docs, &order);
    put(
        "search/index.js".into(),
        manifest(&build, language, docs.len(), &shards, &filters).into_bytes(),
    )?;
    put(
        "search/filters.js".into(),
        filters_file(&build, &filters).into_bytes(),
    )?;
    put("search/search.js".into(), SEARCH_JS.as_bytes().to_vec())?;
    // Shards are independent of each other: encode and write them in parallel.
    shards
        .par_iter()
        .enumerate()
        .try_for_each(|(n, s)| put(format!("search/w/{n}.js"), shard_file(&build, n, s)))?;
    Ok(3 + shards.len() + docs.len().div_ceil(store::DOCS_PER_PACK))
}

/// Document numbers: newest first, undated last, then by path (so the output does not depend on
/// the input order). `order[n]` is the index in `docs` of document `n`.
fn doc_order(docs: &[SearchDoc]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| {
        let (da, db) = (&docs[a], &docs[b]);
        db.date
            .is_some()
            .cmp(&da.date.is_some())
            .then_with(|| db.date.cmp(&da.date))
            .then_with(|| da.path.cmp(&db.path))
    });
    order
}

/// Consecutive documents after tokenizing, sharing one word table.
struct Chunk {
    /// Local word number → word.
    words: Vec<String>,
    docs: Vec<DocTerms>,
}

/// One document after tokenizing.
struct DocTerms {
    /// Each distinct word (local number) with its weighted term frequency, the top bit set when
    /// the word is in the title: 8 bytes a pair instead of 12, for the few hundred distinct words
    /// of each of up to a million documents.
    terms: Vec<(u32, u32)>,
    /// Number of body words (the BM25 document length).
    len: u32,
}

/// In [`DocTerms::terms`], the bit that marks a title word, and the term frequency below it
/// (capped: BM25's weight has long saturated at a billion).
const TITLE_BIT: u32 = 1 << 31;
const TF_MASK: u32 = TITLE_BIT - 1;

/// Word table of one chunk: open addressing over word numbers, comparing full hashes before
/// bytes, because a lookup per token is the hottest loop of indexing.
#[derive(Default)]
struct Interner {
    /// Slot → word number + 1 (0 is empty); the length is a power of two.
    slots: Vec<u32>,
    hashes: Vec<u64>,
    words: Vec<String>,
}

impl Interner {
    fn hash(w: &str) -> u64 {
        let mut h = FxHasher::default();
        h.write(w.as_bytes());
        // Fx leaves the low bits weak; the high bits pick the slot.
        h.finish()
    }

    fn slot(&self, h: u64) -> usize {
        (h.rotate_left(20) as usize) & (self.slots.len() - 1)
    }

    fn intern(&mut self, w: &str) -> u32 {
        if self.words.len() * 2 >= self.slots.len() {
            self.grow();
        }
        let h = Self::hash(w);
        let mask = self.slots.len() - 1;
        let mut i = self.slot(h);
        loop {
            match self.slots[i] {
                0 => {
                    let id = self.words.len() as u32;
                    self.slots[i] = id + 1;
                    self.hashes.push(h);
                    self.words.push(w.to_owned());
                    return id;
                }
                e => {
                    let id = (e - 1) as usize;
                    if self.hashes[id] == h && self.words[id] == w {
                        return id as u32;
                    }
                }
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        self.slots = vec![0; size];
        for (id, &h) in self.hashes.iter().enumerate() {
            let mut i = self.slot(h);
            while self.slots[i] != 0 {
                i = (i + 1) & (size - 1);
            }
            self.slots[i] = id as u32 + 1;
        }
    }
}

/// Tokenizes the documents numbered `first..` (`order` gives their indices in `docs`; `first` is
/// a multiple of the pack size) and writes their packs with `put`.
fn analyse_chunk(
    docs: &[SearchDoc],
    order: &[usize],
    first: usize,
    build: &str,
    put: &(dyn Fn(String, Vec<u8>) -> Result<(), String> + Sync),
) -> Result<Chunk, String> {
    let mut tok = Tokenizer::default();
    let mut words = Interner::default();
    // Per local word, for the current document: weighted frequency and title flag.
    let mut counts: Vec<(u32, bool)> = Vec::new();
    let mut touched: Vec<u32> = Vec::new();
    let mut out = Vec::with_capacity(order.len());
    let mut text = String::new();
    let mut pack = store::PackWriter::default();
    for (k, &source) in order.iter().enumerate() {
        let doc = &docs[source];
        text.clear();
        html_to_text(&doc.html, &mut text);
        let mut add = |w: &str, tf: u32, title: bool| {
            let id = words.intern(w);
            if id as usize == counts.len() {
                counts.push((0, false));
            }
            let c = &mut counts[id as usize];
            if *c == (0, false) {
                touched.push(id);
            }
            c.0 += tf;
            c.1 |= title;
        };
        let mut len = 0u32;
        tok.tokens(&text, &mut |w| {
            len += 1;
            add(w, 1, false);
        });
        tok.tokens(&doc.title, &mut |w| add(w, 0, true));
        for meta in doc.authors.iter().chain(doc.filters.values().flatten()) {
            tok.tokens(meta, &mut |w| add(w, META_WEIGHT, false));
        }
        let terms = touched
            .drain(..)
            .map(|id| {
                let (tf, title) = std::mem::take(&mut counts[id as usize]);
                (id, tf.min(TF_MASK) | if title { TITLE_BIT } else { 0 })
            })
            .collect();
        out.push(DocTerms { terms, len });
        pack.push(doc, &text);
        let n = first + k;
        if pack.len() == store::DOCS_PER_PACK || k + 1 == order.len() {
            let p = n / store::DOCS_PER_PACK;
            put(format!("search/d/{p}.js"), pack.finish(build, p))?;
        }
    }
    Ok(Chunk {
        words: words.words,
        docs: out,
    })
}

/// The lowest impact a title word gets; body words stay below it (see `TITLE_BONUS`), so the
/// browser can tell which query words a result has in its title.
fn title_impact() -> u32 {
    impact(0, true, 1, 1.0)
}

/// Quantized BM25 impact, 1..=16.
fn impact(tf: u32, title: bool, len: u32, avg_len: f32) -> u32 {
    let tf = tf as f32;
    let norm = K1 * (1.0 - B + B * len as f32 / avg_len);
    let mut w = if tf > 0.0 {
        tf * (K1 + 1.0) / (tf + norm)
    } else {
        0.0
    };
    if title {
        w += TITLE_BONUS;
    }
    ((w / MAX_IMPACT * 16.0).ceil() as u32).clamp(1, 16)
}

/// A word and its postings, each `doc << 4 | (impact - 1)`, in document order.
type Postings<'a> = (&'a str, Vec<u32>);

/// Inverts the documents into a vocabulary sorted as JavaScript compares strings (by UTF-16
/// code unit), so the browser can binary-search shard boundaries.
fn invert(chunks: &[Chunk], doc_count: usize) -> Vec<Postings<'_>> {
    let total_len: f64 = chunks
        .iter()
        .flat_map(|c| &c.docs)
        .map(|d| f64::from(d.len))
        .sum();
    let avg_len = (total_len / doc_count.max(1) as f64).max(1.0) as f32;
    // Local word numbers → global ones.
    let mut global: FxMap<&str, u32> = FxMap::default();
    let mut words: Vec<&str> = Vec::new();
    let maps: Vec<Vec<u32>> = chunks
        .iter()
        .map(|c| {
            c.words
                .iter()
                .map(|w| match global.get(w.as_str()) {
                    Some(&g) => g,
                    None => {
                        let g = words.len() as u32;
                        global.insert(w, g);
                        words.push(w);
                        g
                    }
                })
                .collect()
        })
        .collect();
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); words.len()];
    let mut n = 0u32;
    for (c, map) in chunks.iter().zip(&maps) {
        for d in &c.docs {
            for &(local, tf) in &d.terms {
                let title = tf & TITLE_BIT != 0;
                postings[map[local as usize] as usize]
                    .push(n << 4 | (impact(tf & TF_MASK, title, d.len, avg_len) - 1));
            }
            n += 1;
        }
    }
    let mut vocabulary: Vec<Postings> = words.into_iter().zip(postings).collect();
    vocabulary.par_sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
    vocabulary
}

/// A hash of everything the index is made from. Every file carries it, so the browser notices a
/// manifest and chunks from different builds (a cached page after a deploy) and reloads the
/// manifest. It depends only on the input, so document files can be written before the
/// vocabulary exists.
fn build_id(docs: &[SearchDoc], order: &[usize]) -> String {
    let per_doc: Vec<u64> = order
        .par_iter()
        .map(|&i| {
            let d = &docs[i];
            let mut h = FxHasher::default();
            h.write(d.path.as_bytes());
            h.write(d.title.as_bytes());
            for field in [&d.date, &d.date_display] {
                h.write(field.as_deref().unwrap_or("\0").as_bytes());
            }
            h.write_usize(d.authors.len());
            for a in &d.authors {
                h.write(a.as_bytes());
            }
            for (name, values) in &d.filters {
                h.write(name.as_bytes());
                h.write_usize(values.len());
                for v in values {
                    h.write(v.as_bytes());
                }
            }
            h.write(d.html.as_bytes());
            h.finish()
        })
        .collect();
    let mut h = FxHasher(FORMAT as u64);
    for x in per_doc {
        h.write_u64(x);
    }
    format!("{:016x}", h.finish())
}

/// For each filter name: its values (display form, most used first) and the documents carrying
/// each value.
type FilterTable = BTreeMap<String, Vec<(String, Vec<u32>)>>;

fn filter_table(docs: &[SearchDoc], order: &[usize]) -> FilterTable {
    let mut table: BTreeMap<String, BTreeMap<String, Vec<u32>>> = BTreeMap::new();
    for (n, &i) in order.iter().enumerate() {
        for (name, values) in &docs[i].filters {
            let by_value = table.entry(name.clone()).or_default();
            for v in values {
                let list = by_value.entry(v.clone()).or_default();
                // A value listed twice on one document counts once.
                if list.last() != Some(&(n as u32)) {
                    list.push(n as u32);
                }
            }
        }
    }
    table
        .into_iter()
        .map(|(name, values)| {
            let mut values: Vec<(String, Vec<u32>)> = values.into_iter().collect();
            // Years read best newest first; other filters most used first, then by name.
            if name == "year" {
                values.sort_by(|a, b| b.0.cmp(&a.0));
            } else {
                values.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
            }
            (name, values)
        })
        .collect()
}

fn manifest(
    build: &str,
    language: &str,
    docs: usize,
    shards: &[Shard],
    filters: &FilterTable,
) -> String {
    let first_words: Vec<&str> = shards
        .iter()
        .map(|s| s.words.first().map_or("", String::as_str))
        .collect();
    let filters: Vec<serde_json::Value> = filters
        .iter()
        .map(|(name, values)| {
            let values: Vec<(&str, usize)> =
                values.iter().map(|(v, d)| (v.as_str(), d.len())).collect();
            serde_json::json!({ "name": name, "values": values })
        })
        .collect();
    let value = serde_json::json!({
        "format": FORMAT,
        "build": build,
        "language": language,
        "docs": docs,
        "titleImpact": title_impact(),
        "docsPerPack": store::DOCS_PER_PACK,
        "shards": first_words,
        "filters": filters,
    });
    format!("__briefgenSearch.manifest({value});\n")
}

fn filters_file(build: &str, filters: &FilterTable) -> String {
    let value: BTreeMap<&str, Vec<String>> = filters
        .iter()
        .map(|(name, values)| {
            (
                name.as_str(),
                values.iter().map(|(_, d)| encode_docs(d)).collect(),
            )
        })
        .collect();
    format!(
        "__briefgenSearch.filters(\"{build}\",{});\n",
        serde_json::to_string(&value).expect("strings always serialize")
    )
}

#[cfg(test)]
mod tests;
