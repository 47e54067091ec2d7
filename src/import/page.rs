//! The page's layout: where the article starts and ends among the furniture,
//! and which of its lines belong to the body.

use super::byline::parse_glued_byline;
use super::head::{self, Head};
use super::lines::{same_text, Kind, Line};
use super::meta::{self, Meta};
use super::paragraphs::{is_list_item, is_prose, looks_like_heading};
use super::text::{ends_sentence, word_count};
use super::ImportError;

/// Fewer words of prose than this and the text is not an article.
pub const MIN_ARTICLE_WORDS: usize = 50;

/// Everything read off a page, before it becomes a record.
#[derive(Debug, Default)]
pub struct Analysis {
    /// Headline, title, standfirst, authors, category.
    pub head: Head,
    /// Date, attribution, links, notes, tags.
    pub meta: Meta,
    /// The article's own lines, in order.
    pub body: Vec<String>,
    /// Which of `lines` the body lines came from.
    pub kept: Vec<usize>,
    /// Every line of the page, as finally classified.
    pub lines: Vec<Line>,
    /// Where the article starts and where the site's material after it begins.
    pub start: usize,
    /// See `start`.
    pub cut: usize,
}

/// Reads the article off classified lines.
pub fn analyse(mut lines: Vec<Line>) -> Result<Analysis, ImportError> {
    let teasers = lines.iter().filter(|l| l.kind == Kind::Teaser).count();
    let Some(mut start) = body_start(&mut lines) else {
        return Err(not_an_article(teasers, 0));
    };
    let mut head = head::read(&lines, start);
    if head.authors.is_empty() {
        if let Some((body_at, dek)) = late_byline(&lines, start) {
            if let Kind::Byline(b) = &lines[body_at - 1].kind {
                head.authors = b.authors.clone();
                head.had_byline = true;
            }
            if head.summary.is_none() {
                head.summary = dek;
            }
            start = body_at;
        }
    }
    start = extend_back(&lines, start, &head);
    if let Some(glued) = parse_glued_byline(&lines[start].text) {
        if head.authors.is_empty() {
            head.authors = glued.authors;
            head.had_byline = true;
        }
        lines[start].text = glued.rest;
    }
    if head.summary.is_none() {
        head.summary = labelled_summary(&mut lines, start);
    }
    let cut = footer_cut(&lines, start);
    if head.authors.is_empty() {
        // A byline printed after the article ("— A. Author", "Written by A").
        if let Some(b) = lines[start..].iter().find_map(|l| match &l.kind {
            Kind::Byline(b) if !b.authors.is_empty() => Some(b),
            _ => None,
        }) {
            head.authors = b.authors.clone();
            head.had_byline = true;
        }
    }
    let meta = meta::read(&mut lines, start, cut, &head.authors);
    if head.authors.is_empty() {
        if let Some(name) = &meta.bio_author {
            head.authors.push(name.clone());
        }
    }
    let kept = body_lines(&lines, start, cut, &head);
    let words: usize = kept.iter().map(|(_, l)| word_count(l)).sum();
    if words < MIN_ARTICLE_WORDS {
        return Err(not_an_article(teasers, words));
    }
    let body = kept.iter().map(|(_, l)| l.clone()).collect();
    let kept = kept.into_iter().map(|(i, _)| i).collect();
    Ok(Analysis {
        head,
        meta,
        body,
        kept,
        lines,
        start,
        cut,
    })
}

/// Labels over a report's summary, in the languages reports come in.
#[rustfmt::skip]
const SUMMARY_LABELS: &[&str] = &[
    "summary", "abstract", "executive summary", "key points", "in brief", "overview",
    "résumé", "synthèse", "zusammenfassung", "resumen", "sintesi", "аннотация", "резюме",
    "要旨", "概要", "摘要", "内容提要", "요약", "초록",
];

/// A summary the article opens with under a label: "Summary: …" on the first paragraph,
/// or a "Summary" line over it. The paragraph becomes the record's summary (the body
/// leaves it out as it does any standfirst).
fn labelled_summary(lines: &mut [Line], start: usize) -> Option<String> {
    let is_label = |t: &str| {
        let f = super::text::fold(t);
        SUMMARY_LABELS.contains(&f.trim_end_matches([':', '：']).trim())
    };
    let text = lines[start].text.clone();
    if let Some((label, rest)) = text.split_once([':', '：']) {
        if is_label(label) && word_count(rest) >= 8 {
            lines[start].text = rest.trim().to_string();
            return Some(lines[start].text.clone());
        }
    }
    let prev = (0..start)
        .rev()
        .find(|&j| !matches!(lines[j].kind, Kind::Blank | Kind::Separator))?;
    let followed = next_meaningful(lines, start + 1).is_some_and(|n| lines[n].kind == Kind::Text);
    (is_label(&lines[prev].text) && followed && is_prose(&text)).then(|| {
        lines[prev].kind = Kind::Ui;
        text
    })
}

fn not_an_article(teasers: usize, words: usize) -> ImportError {
    ImportError::NotAnArticle(match (teasers, words) {
        (0, 0) => "no article text".to_string(),
        (_, 0) => "only teaser lines".to_string(),
        _ => format!("only {words} words of prose (at least {MIN_ARTICLE_WORDS} needed)"),
    })
}

/// Index of the next line that is not blank, a separator or interface text.
pub fn next_meaningful(lines: &[Line], from: usize) -> Option<usize> {
    (from..lines.len())
        .find(|&i| !matches!(lines[i].kind, Kind::Blank | Kind::Separator | Kind::Ui))
}

/// The first line of running text. A sentence-like line still belongs to
/// the head when it is repeated (a headline printed twice) or directly
/// followed by a byline or date (a headline or standfirst above them).
fn body_start(lines: &mut [Line]) -> Option<usize> {
    let mut authors: Vec<String> = Vec::new();
    for i in 0..lines.len() {
        if let Kind::Byline(b) = &lines[i].kind {
            authors.extend(b.authors.iter().cloned());
        }
        if lines[i].kind != Kind::Text || !is_prose(&lines[i].text) {
            continue;
        }
        // "Jane Doe is a senior fellow at …" above the article stands for its byline.
        if meta::is_bio_of(&lines[i].text, &authors)
            || (authors.is_empty() && meta::strict_bio_name(&lines[i].text).is_some())
        {
            lines[i].kind = Kind::Bio(lines[i].text.clone());
            continue;
        }
        let short = word_count(&lines[i].text) <= 25;
        let before_byline = next_meaningful(lines, i + 1)
            .is_some_and(|n| matches!(lines[n].kind, Kind::Byline(_) | Kind::Dateline(..)));
        if short && (lines[i].repeats > 1 || before_byline) {
            continue;
        }
        return Some(i);
    }
    None
}

/// A byline printed under the standfirst: within the first lines of the
/// body, after at most one short paragraph (which is then the standfirst).
/// Returns where the article then starts: after an own-line byline, or at
/// the line a byline is glued to.
fn late_byline(lines: &[Line], start: usize) -> Option<(usize, Option<String>)> {
    let mut dek: Option<&str> = None;
    for (i, line) in lines.iter().enumerate().skip(start) {
        match &line.kind {
            Kind::Byline(_) => return Some((i + 1, dek.map(str::to_string))),
            Kind::Text if dek.is_some() && parse_glued_byline(&line.text).is_some() => {
                return Some((i, dek.map(str::to_string)))
            }
            Kind::Text if dek.is_none() && word_count(&line.text) <= 60 => dek = Some(&line.text),
            Kind::Blank | Kind::Separator | Kind::Ui | Kind::Dateline(..) | Kind::Category(_) => {}
            _ => return None,
        }
    }
    None
}

/// Short sentences just above the first long paragraph open the article
/// too ("The summit is over."), unless they are the headline or standfirst.
fn extend_back(lines: &[Line], start: usize, head: &Head) -> usize {
    let mut first = start;
    for j in (0..start).rev() {
        let line = &lines[j];
        match line.kind {
            Kind::Blank | Kind::Separator | Kind::Ui => {}
            Kind::Text if ends_sentence(&line.text) && !is_headline(&line.text, head) => first = j,
            _ => break,
        }
    }
    first
}

fn is_headline(text: &str, head: &Head) -> bool {
    [&head.title, &head.title_line, &head.summary]
        .iter()
        .any(|h| h.as_deref().is_some_and(|h| same_text(h, text)))
}

/// Where the site's own material begins: a footer line ("Related Articles",
/// "Share") or a run of teasers, provided more of the page's prose lies
/// before it than after (a share bar mid-article does not end it).
fn footer_cut(lines: &[Line], start: usize) -> usize {
    let prose = |range: std::ops::Range<usize>| -> usize {
        lines[range]
            .iter()
            .filter(|l| l.kind == Kind::Text && is_prose(&l.text))
            .map(|l| word_count(&l.text))
            .sum()
    };
    for i in start + 1..lines.len() {
        let teaser_run = lines[i].kind == Kind::Teaser
            && next_meaningful(lines, i + 1).is_some_and(|n| lines[n].kind == Kind::Teaser);
        if (lines[i].kind == Kind::Footer || teaser_run)
            && prose(start..i) >= prose(i + 1..lines.len())
        {
            return i;
        }
    }
    lines.len()
}

/// The article's own lines between `start` and `cut`, with their line numbers.
fn body_lines(lines: &[Line], start: usize, cut: usize, head: &Head) -> Vec<(usize, String)> {
    let last_prose = (start..cut)
        .rev()
        .find(|&i| lines[i].kind == Kind::Text && is_prose(&lines[i].text))
        .unwrap_or(start);
    let mut out: Vec<(usize, String)> = Vec::new();
    // Under a "Most read" or "Read also" marker inside the article, the short lines are
    // other articles' headlines, up to the next paragraph of prose.
    let mut side_list = false;
    for i in start..cut {
        let line = &lines[i];
        if line.kind == Kind::Footer {
            side_list = true;
        } else if line.kind == Kind::Text && is_prose(&line.text) {
            side_list = false;
        }
        let keep = match &line.kind {
            Kind::Text if side_list => is_list_item(&line.text),
            Kind::Text => true,
            Kind::Category(_) => i > start,
            Kind::Teaser => line.repeats == 1 && i < last_prose && !teaser_neighbour(lines, i),
            _ => false,
        };
        let text = line.text.trim();
        if !keep || text.is_empty() {
            continue;
        }
        let repeated_furniture = line.repeats > 1 && word_count(text) < 15 && !is_list_item(text);
        if is_headline(text, head) || repeated_furniture || out.iter().any(|(_, o)| o == text) {
            continue;
        }
        out.push((i, text.to_string()));
    }
    trim_tail(drop_headline_runs(out))
}

/// Short lines that end nothing after the last paragraph are the site's labels and buttons
/// ("Letters", "좋아요"), whatever their language.
fn trim_tail(mut lines: Vec<(usize, String)>) -> Vec<(usize, String)> {
    while lines.len() > 1
        && lines.last().is_some_and(|(_, l)| {
            !is_list_item(l) && !ends_sentence(l) && word_count(l) <= 8 && !is_prose(l)
        })
    {
        lines.pop();
    }
    lines
}

fn teaser_neighbour(lines: &[Line], i: usize) -> bool {
    let before = (0..i)
        .rev()
        .find(|&j| !matches!(lines[j].kind, Kind::Blank | Kind::Separator | Kind::Ui));
    let after = next_meaningful(lines, i + 1);
    [before, after]
        .iter()
        .flatten()
        .any(|&j| lines[j].kind == Kind::Teaser)
}

/// Headline-shaped lines with no text under them are other articles'
/// headlines: drop them at the end of the body and in runs of three or more.
fn drop_headline_runs(lines: Vec<(usize, String)>) -> Vec<(usize, String)> {
    let bare = |l: &str| looks_like_heading(l) && !is_list_item(l) && !is_prose(l);
    let mut keep = vec![true; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let run = lines[i..].iter().take_while(|(_, l)| bare(l)).count();
        if run >= 3 || (run > 0 && i + run == lines.len()) {
            keep[i..i + run].iter_mut().for_each(|k| *k = false);
        }
        i += run.max(1);
    }
    lines
        .into_iter()
        .zip(keep)
        .filter_map(|(l, k)| k.then_some(l))
        .collect()
}
