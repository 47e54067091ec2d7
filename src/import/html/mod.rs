//! Importing briefings from saved web pages (`.html`, `.htm`) and URLs.
//!
//! The page's own metadata settles the headline, authors, date, publisher,
//! address and language ([`meta`], [`choose`]); a reader-view extractor
//! finds the article among the furniture ([`extract`]) and it becomes
//! Markdown with its structure ([`markdown`]). A page with no usable
//! structure is read as page text by the text importer instead. Either way
//! the result is the same [`ImportRecord`] the text importer makes.

mod byline;
mod charset;
mod choose;
mod dom;
mod extract;
pub mod fetch;
mod images;
mod input;
mod jsonld;
mod markdown;
mod mdtext;
mod meta;
mod names;
mod trim;
mod vocab;

pub use charset::{content_type_charset, decode_html};
pub use images::localise;
pub use input::{html_input, read_input, HtmlInput, InputError, Web};

use super::tags::choose_tags;
use super::{import_text, ImportError, ImportOptions, ImportRecord, ImportSource, Vocabulary};
use choose::Chosen;
use meta::PageMeta;
use scraper::{ElementRef, Html, Node, Selector};
use url::Url;

/// Fewer words of article text than this and the page is read as page
/// text instead (the text importer's own threshold for an article).
const MIN_BODY_WORDS: usize = 80;

/// Pages nested deeper than this are refused rather than walked (the
/// walks recurse, and no real page comes near it).
const MAX_DEPTH: usize = 512;

/// The imported page: the record, how each field was found, and the
/// images its body shows.
#[derive(Debug)]
pub struct HtmlImport {
    pub record: ImportRecord,
    /// One line per field: the value, its source and its rivals.
    pub explain: Vec<String>,
    /// Absolute URLs of the body's images.
    pub images: Vec<String>,
}

/// Imports one page. `page_url` is where it was fetched from (relative
/// links resolve against it when the page names no base of its own).
pub fn import_html(
    html: &str,
    page_url: Option<&str>,
    opts: &ImportOptions,
) -> Result<HtmlImport, ImportError> {
    let doc = Html::parse_document(html);
    let depth = dom::depth(&doc);
    if depth > MAX_DEPTH {
        return Err(ImportError::NotAnArticle(format!(
            "the page nests its elements {depth} levels deep (more than {MAX_DEPTH}); \
             save it again from the browser or import its text instead"
        )));
    }
    let meta = meta::read(&doc);
    let base = base_url(&doc, &meta, page_url);
    let mut explain = Vec::new();
    let mut chosen = choose::choose(&meta, base.as_ref(), &mut explain);
    if let (None, Some(url)) = (&chosen.url, page_url) {
        explain.push(format!("source.url: {url} [fetched address]"));
        chosen.url = Some(url.to_string());
    }
    let Some(body) = article_body(&doc, &meta, &mut chosen, base, &mut explain)? else {
        explain.push("body: no container with enough text; read as page text".into());
        let record = from_page_text(&doc, &meta, chosen, opts)?;
        return Ok(HtmlImport {
            record,
            explain,
            images: Vec::new(),
        });
    };
    let record = build_record(&meta, chosen, body.markdown, opts, &mut explain);
    Ok(HtmlImport {
        record,
        explain,
        images: body.images,
    })
}

/// `<base href>`, else the fetched address, else the canonical one.
fn base_url(doc: &Html, meta: &PageMeta, page_url: Option<&str>) -> Option<Url> {
    let sel = Selector::parse("base[href]").expect("valid selector");
    let page = page_url
        .and_then(|u| Url::parse(u).ok())
        .or_else(|| meta.urls.iter().find_map(|u| Url::parse(&u.value).ok()));
    let declared = doc.select(&sel).next().and_then(|b| b.value().attr("href"));
    match (declared, &page) {
        (Some(href), Some(p)) => p.join(href).ok().or(page),
        (Some(href), None) => Url::parse(href).ok(),
        (None, _) => page,
    }
}

/// The article's Markdown, `None` when no container holds enough text.
fn article_body(
    doc: &Html,
    meta: &PageMeta,
    chosen: &mut Chosen,
    base: Option<Url>,
    explain: &mut Vec<String>,
) -> Result<Option<markdown::Converted>, ImportError> {
    for pass in [extract::Pass::Strict, extract::Pass::Relaxed] {
        if let Some(body) = body_in_pass(doc, meta, chosen, base.clone(), explain, pass)? {
            return Ok(Some(body));
        }
    }
    Ok(None)
}

fn body_in_pass(
    doc: &Html,
    meta: &PageMeta,
    chosen: &mut Chosen,
    base: Option<Url>,
    explain: &mut Vec<String>,
    pass: extract::Pass,
) -> Result<Option<markdown::Converted>, ImportError> {
    let Some(found) = extract::article(doc, pass) else {
        return Ok(None);
    };
    explain.push(format!("{} ({pass:?} pass)", found.how));
    if let Some(why) = listing(&found.roots, meta) {
        return Err(ImportError::NotAnArticle(why));
    }
    let mut roots = found.roots.clone();
    let mut footnotes = markdown::footnote_labels(&roots);
    roots.extend(outside_notes(doc, &roots, &footnotes));
    footnotes.extend(markdown::footnote_labels(&roots));
    let mut drop_texts = chosen.title_forms.clone();
    drop_texts.extend(meta.standfirsts.iter().map(|s| markdown::fold(&s.value)));
    let ctx = markdown::Context {
        base,
        drop_texts,
        footnotes,
        relaxed: pass == extract::Pass::Relaxed,
    };
    let mut converted = markdown::convert(&roots, &ctx);
    let (trimmed, head) =
        trim::trim_furniture(&converted.markdown, &chosen.authors, &chosen.title_forms);
    converted.markdown = trimmed;
    if chosen.authors.is_empty() && !head.authors.is_empty() {
        explain.push(format!(
            "authors: {} [byline above the body]",
            head.authors.join(", ")
        ));
        chosen.authors = head.authors;
        chosen.review.retain(|r| r != "authors");
    }
    let above = byline::lines_above(doc, &found.roots);
    if chosen.authors.is_empty() {
        let names = byline::byline_in(&above);
        if !names.is_empty() {
            explain.push(format!(
                "authors: {} [byline above the text]",
                names.join(", ")
            ));
            chosen.authors = names;
            chosen.review.retain(|r| r != "authors");
        }
    }
    if chosen.date.is_none() {
        let printed = above
            .iter()
            .filter(|l| l.split_whitespace().count() <= 12)
            .find_map(|l| crate::text::find_date::find_date(l).map(|d| d.date));
        if let Some(date) = head.date.or(printed) {
            explain.push(format!("date: {date} [dateline above the body]"));
            chosen.date = Some(date);
        }
    }
    let words = count_words(&converted.markdown);
    if words < MIN_BODY_WORDS {
        explain.push(format!("body: only {words} words in the best container"));
        return Ok(None);
    }
    Ok(Some(converted))
}

/// A page of teasers: several linked headlines and little running text.
fn listing(roots: &[ElementRef], meta: &PageMeta) -> Option<String> {
    let heading = Selector::parse("h2, h3, h4").expect("valid selector");
    let para = Selector::parse("p").expect("valid selector");
    let mut linked = 0;
    let mut long = 0;
    for root in roots {
        linked += root
            .select(&heading)
            .filter(|h| dom::link_density(h) > 0.7 && !dom::text(h).is_empty())
            .count();
        long += root
            .select(&para)
            .filter(|p| dom::text(p).split_whitespace().count() >= 45)
            .count();
    }
    let teasers = linked >= 3 && linked > long;
    (teasers || (meta.listing && linked >= 2))
        .then(|| format!("a listing page: {linked} linked headlines and {long} long paragraphs"))
}

/// Footnote definitions printed outside the article's container (a notes
/// section after it): their nearest list or section is added.
fn outside_notes<'a>(
    doc: &'a Html,
    roots: &[ElementRef<'a>],
    footnotes: &std::collections::HashMap<String, String>,
) -> Vec<ElementRef<'a>> {
    let mut extra: Vec<ElementRef<'a>> = Vec::new();
    let inside = |el: &ElementRef| {
        roots
            .iter()
            .any(|r| el.ancestors().any(|a| a.id() == r.id()))
    };
    for id in footnotes.keys() {
        let Ok(sel) = Selector::parse(&format!("[id=\"{}\"]", id.replace('"', ""))) else {
            continue;
        };
        let Some(note) = doc.select(&sel).next() else {
            continue;
        };
        if inside(&note) {
            continue;
        }
        let holder = note
            .ancestors()
            .filter_map(ElementRef::wrap)
            .find(|a| matches!(a.value().name(), "ol" | "ul" | "section" | "div"))
            .unwrap_or(note);
        if !extra.iter().any(|e| e.id() == holder.id()) && !inside(&holder) {
            extra.push(holder);
        }
    }
    extra
}

/// Words, counting two CJK characters as one (those scripts use no spaces).
pub(crate) fn count_words(text: &str) -> usize {
    let spaced = text.split_whitespace().count();
    let cjk = text.chars().filter(|c| is_cjk(*c)).count();
    spaced + cjk / 2
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af)
}

fn build_record(
    meta: &PageMeta,
    mut chosen: Chosen,
    body: String,
    opts: &ImportOptions,
    explain: &mut Vec<String>,
) -> ImportRecord {
    let title = match chosen.title.take() {
        Some(t) => t,
        None => {
            chosen.review.push("title".into());
            let first = body
                .split("\n\n")
                .next()
                .unwrap_or("")
                .replace(['*', '\\'], "");
            explain
                .push("title: none in the page; proposed from the first sentence [review]".into());
            first
                .split_whitespace()
                .take(12)
                .collect::<Vec<_>>()
                .join(" ")
        }
    };
    let summary = summary(meta, &body, &title, explain);
    if chosen.date.is_none() && opts.date.is_none() {
        chosen.review.push("date".into());
    }
    let date = chosen.date.or(opts.date);
    let vocab = Vocabulary::with_extra(&opts.extra_vocabulary);
    let tags = choose_tags(&vocab, &opts.tags, &chosen.tags, &title, &body);
    let author_bio = meta.bio.clone().filter(|bio| {
        chosen.authors.iter().any(|a| {
            let last = a.split_whitespace().last().unwrap_or(a);
            bio.split_whitespace()
                .take(12)
                .any(|w| w.trim_matches(|c: char| !c.is_alphanumeric()) == last)
        })
    });
    ImportRecord {
        title,
        date: date.map(|d| d.format("%Y-%m-%d").to_string()),
        authors: chosen.authors,
        author_bio,
        summary,
        tags,
        source: ImportSource {
            publisher: chosen.publisher.or_else(|| opts.publisher.clone()),
            url: chosen.url,
            original_language: chosen.language.filter(|l| l.len() == 2 && l != "en"),
            category: chosen.section,
        },
        review: chosen.review,
        body,
    }
}

/// The standfirst: one printed under the headline, or the description
/// when it is the article's own (not an excerpt of the body, not cut off).
fn summary(meta: &PageMeta, body: &str, title: &str, explain: &mut Vec<String>) -> Option<String> {
    if let Some(s) = meta.standfirsts.first() {
        explain.push(format!("summary: {} [{}]", s.value, s.source));
        return Some(s.value.clone());
    }
    let first_para = markdown::fold(
        body.split("\n\n")
            .find(|b| !b.starts_with(['#', '!', '>']))
            .unwrap_or(""),
    );
    let own = meta.descriptions.iter().find(|d| {
        let folded = markdown::fold(&d.value);
        let head: String = folded.chars().take(60).collect();
        folded.split_whitespace().count() >= 6
            && !d.value.trim_end().ends_with(['…'])
            && !d.value.trim_end().ends_with("...")
            && !first_para.starts_with(&head)
            && folded != markdown::fold(title)
    })?;
    explain.push(format!("summary: {} [{}]", own.value, own.source));
    Some(own.value.clone())
}

/// A page with no usable structure: its visible text goes through the
/// text importer, and what the metadata settles overrides its guesses.
fn from_page_text(
    doc: &Html,
    meta: &PageMeta,
    chosen: Chosen,
    opts: &ImportOptions,
) -> Result<ImportRecord, ImportError> {
    let text = page_text(doc);
    let mut record = import_text(&text, opts).map_err(|e| match e {
        ImportError::NotAnArticle(why) if meta.paywalled => {
            ImportError::NotAnArticle(format!("{why}; the page is behind a paywall"))
        }
        other => other,
    })?;
    if let Some(title) = chosen.title {
        record.title = title;
        record.review.retain(|r| r != "title");
    }
    if !chosen.authors.is_empty() {
        record.authors = chosen.authors;
        record.review.retain(|r| r != "authors");
    }
    if let Some(date) = chosen.date {
        record.date = Some(date.format("%Y-%m-%d").to_string());
        record.review.retain(|r| r != "date");
    }
    for field in chosen.review {
        if !record.review.contains(&field) {
            record.review.push(field);
        }
    }
    let source = &mut record.source;
    source.publisher = chosen.publisher.or(source.publisher.take());
    source.url = chosen.url.or(source.url.take());
    source.category = chosen.section.or(source.category.take());
    if source.original_language.is_none() {
        source.original_language = chosen.language.filter(|l| l.len() == 2 && l != "en");
    }
    Ok(record)
}

/// The page's visible text, one line per block, as a browser's "select
/// all, copy" gives it.
fn page_text(doc: &Html) -> String {
    let mut out = String::new();
    let body = Selector::parse("body").expect("valid selector");
    let root = doc
        .select(&body)
        .next()
        .unwrap_or_else(|| doc.root_element());
    write_text(root, &mut out);
    out
}

fn write_text(el: ElementRef, out: &mut String) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(&t.replace(['\n', '\r', '\t'], " ")),
            Node::Element(e) => {
                let child = ElementRef::wrap(child).expect("element node");
                if matches!(e.name(), "script" | "style" | "noscript" | "template")
                    || dom::is_hidden(&child)
                {
                    continue;
                }
                let block = dom::is_block(e.name());
                if block {
                    out.push('\n');
                }
                write_text(child, out);
                if block {
                    out.push('\n');
                }
            }
            _ => {}
        }
    }
}
