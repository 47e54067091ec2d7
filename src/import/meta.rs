//! Facts about the article printed around it: date, author note,
//! attribution, link to the original, translation note, listed tags.

use super::lines::{Kind, Line};
use super::paragraphs::is_prose;
use super::tags::is_tag_item;
use super::text::word_count;
use crate::text::find_date::FoundDate;
use crate::text::sentences::split_sentences;
use regex::Regex;
use std::sync::LazyLock;

/// What the page says about the article beyond its head.
#[derive(Debug, Default, Clone)]
pub struct Meta {
    /// Publication date printed on the page.
    pub date: Option<FoundDate>,
    /// Original publisher named by an attribution.
    pub publisher: Option<String>,
    /// Link to the original.
    pub url: Option<String>,
    /// ISO 639-1 code from a translation note.
    pub language: Option<&'static str>,
    /// The author note.
    pub bio: Option<String>,
    /// The name an author note opens with, when the page had no byline.
    pub bio_author: Option<String>,
    /// Tag names the page lists.
    pub listed_tags: Vec<String>,
}

static BIO_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s+(?:and|und|et|y|e)\s+[^,.]{3,60}?)?(?:\s+(?:is|are|was|were|serves|served|has|have|holds|works|teaches|teach|lead|leads|directs|direct|heads|writes|write|covers|work|research|specialises|specializes|researches|es|son|fue|trabaja|enseña|est|sont|était|enseigne|dirige|ist|sind|war|arbeitet|lehrt|leitet|è|sono|insegna|—|–)\s|,\s+(?:a|an|the)\s)")
        .expect("bio verb pattern")
});

static STRICT_BIO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<name>\p{Lu}[\p{L}'’.-]+(?:\s+(?:\p{Lu}[\p{L}'’.-]*|van|von|de|da|bin|al|el)){1,3})\s+(?:is|was|serves\s+as)\s+(?:an?\s+|the\s+)?(?:[\p{L}-]+\s+){0,5}?(?:fellow|professor|lecturer|researcher|analyst|director|editor|journalist|correspondent|scholar|associate|student|candidate|chair|founder|writer|author|adviser|advisor|diplomat|ambassador|expert|specialist|consultant)\b")
        .expect("strict bio pattern")
});

static SIGNED_BIO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<name>\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]*){1,3})\s+(?:is|was|es|est|ist)\s",
    )
    .expect("signed bio pattern")
});

/// The name a short note opens with when it has the shape "Name is a fellow at …".
pub fn strict_bio_name(text: &str) -> Option<String> {
    if word_count(text) > 50 {
        return None;
    }
    let text = ["Dr. ", "Dr ", "Prof. ", "Professor "]
        .iter()
        .find_map(|h| text.strip_prefix(h))
        .unwrap_or(text);
    STRICT_BIO.captures(text).map(|c| c["name"].to_string())
}

/// True when `text` is a note about one of `authors` ("Jane Doe is a …").
pub fn is_bio_of(text: &str, authors: &[String]) -> bool {
    // A note signed off with a dash ("— Jane Doe is a …") reads the same.
    let text = text.trim_start_matches(['—', '–', '-', ' ']);
    word_count(text) <= 100
        && authors.iter().any(|a| {
            text.strip_prefix(a.as_str())
                .is_some_and(|rest| BIO_VERB.is_match(rest))
        })
}

/// Reads the facts, marking the lines it used so the body leaves them out.
pub fn read(lines: &mut [Line], start: usize, cut: usize, authors: &[String]) -> Meta {
    let last_prose = (start..cut)
        .rev()
        .find(|&i| lines[i].kind == Kind::Text && is_prose(&lines[i].text))
        .unwrap_or(start);
    let mut meta = Meta {
        date: date(lines, start, cut),
        ..Meta::default()
    };
    attribution(lines, start, last_prose, cut, &mut meta);
    meta.language = lines.iter().find_map(|l| match l.kind {
        Kind::Translation(Some(code)) => Some(code),
        _ => None,
    });
    meta.listed_tags = listed_tags(lines, start);
    author_note(lines, last_prose, cut, authors, &mut meta);
    meta
}

/// The publication date: a byline's date, else the dateline nearest above
/// the article, then one inside it, then an "Updated" date, then an
/// attribution's date.
/// Dates after the article belong to teasers and are not used.
fn date(lines: &[Line], start: usize, cut: usize) -> Option<FoundDate> {
    let published = |range: std::ops::Range<usize>| {
        lines[range].iter().find_map(|l| match &l.kind {
            Kind::Dateline(d, false) => Some(*d),
            _ => None,
        })
    };
    let byline_date = lines[..start].iter().find_map(|l| match &l.kind {
        Kind::Byline(b) => b.date,
        _ => None,
    });
    // Of several dates above the article, the one nearest to it is the
    // article's; a site header's "today" comes first on the page.
    let nearest_above = lines[..start].iter().rev().find_map(|l| match &l.kind {
        Kind::Dateline(d, false) => Some(*d),
        _ => None,
    });
    byline_date
        .or(nearest_above)
        .or_else(|| published(start..cut))
        .or_else(|| {
            lines[..cut].iter().find_map(|l| match &l.kind {
                Kind::Dateline(d, true) => Some(*d),
                _ => None,
            })
        })
        .or_else(|| {
            lines.iter().find_map(|l| match &l.kind {
                Kind::Attribution(a) if !a.weak => a.date,
                _ => None,
            })
        })
}

/// Publisher and link. A bare "Source: X" inside the body names a chart's
/// data source, so it stays in the body and does not count.
fn attribution(lines: &mut [Line], start: usize, last_prose: usize, cut: usize, meta: &mut Meta) {
    let outside_body = |i: usize| i < start || i > last_prose;
    let mut weak_publisher = None;
    let mut labelled_url = None;
    let mut bare_url = None;
    for (i, line) in lines.iter_mut().enumerate() {
        match &line.kind {
            Kind::Attribution(a) if !a.weak => {
                meta.publisher = meta.publisher.take().or_else(|| a.publisher.clone());
                meta.url = meta.url.take().or_else(|| a.url.clone());
            }
            Kind::Attribution(a) if outside_body(i) => {
                weak_publisher = weak_publisher.or_else(|| a.publisher.clone());
                labelled_url = labelled_url.take().or_else(|| a.url.clone());
            }
            Kind::Attribution(_) => line.kind = Kind::Text,
            Kind::Url(u, true) => labelled_url = labelled_url.take().or_else(|| Some(u.clone())),
            Kind::Url(u, false) if outside_body(i) && i < cut => {
                bare_url = bare_url.take().or_else(|| Some(u.clone()))
            }
            _ => {}
        }
    }
    meta.publisher = meta.publisher.take().or(weak_publisher);
    meta.url = meta.url.take().or(labelled_url).or(bare_url);
}

/// "Tags: A, B" lines, and a column of names under a "Tags" heading after
/// the article has begun.
fn listed_tags(lines: &[Line], start: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        match &line.kind {
            Kind::TagList(names) => out.extend(names.iter().cloned()),
            Kind::TagHeading if i > start => {
                let column = lines[i + 1..]
                    .iter()
                    .filter(|l| l.kind != Kind::Blank)
                    .take_while(|l| {
                        matches!(l.kind, Kind::Text | Kind::Category(_) | Kind::Ui)
                            && is_tag_item(&l.text)
                    })
                    .take(12);
                out.extend(column.map(|l| l.text.trim().to_string()));
            }
            _ => {}
        }
    }
    out
}

/// The author note: a marked one ("About the author: …") anywhere, else a
/// line about a byline author ("Jane Doe is a fellow …"), else such
/// sentences closing the last paragraph; without a byline, a last
/// paragraph of the form "Name is a fellow at …".
fn author_note(
    lines: &mut [Line],
    last_prose: usize,
    cut: usize,
    authors: &[String],
    meta: &mut Meta,
) {
    if let Some(i) = lines.iter().position(|l| matches!(l.kind, Kind::Bio(_))) {
        let text = match &lines[i].kind {
            Kind::Bio(t) => t.clone(),
            _ => String::new(),
        };
        if !text.is_empty() {
            meta.bio_author = strict_bio_name(&text).filter(|_| authors.is_empty());
            meta.bio = Some(text);
        } else if let Some(n) = (i + 1..lines.len()).find(|&n| lines[n].kind != Kind::Blank) {
            if lines[n].kind == Kind::Text {
                meta.bio = Some(lines[n].text.clone());
                lines[n].kind = Kind::Bio(lines[n].text.clone());
            }
        }
        if meta.bio.is_some() {
            return;
        }
    }
    if let Some(line) = lines
        .iter_mut()
        .find(|l| l.kind == Kind::Text && is_bio_of(&l.text, authors))
    {
        meta.bio = Some(line.text.clone());
        line.kind = Kind::Bio(line.text.clone());
        return;
    }
    if last_prose >= cut || lines[last_prose].kind != Kind::Text {
        return;
    }
    let text = lines[last_prose].text.clone();
    let sentences = split_sentences(&text);
    if let Some(k) = (1..sentences.len()).find(|&k| is_bio_of(sentences[k], authors)) {
        meta.bio = Some(sentences[k..].join(" "));
        lines[last_prose].text = sentences[..k].join(" ");
        return;
    }
    // "— Jane Doe is a nurse…": after a sign-off dash any role will do.
    let signed = text.starts_with(['—', '–']);
    let unsigned = text.trim_start_matches(['—', '–', ' ']);
    if authors.is_empty() && word_count(&text) <= 60 {
        let found = STRICT_BIO
            .captures(unsigned)
            .map(|c| c["name"].to_string())
            .or_else(|| {
                signed
                    .then(|| SIGNED_BIO.captures(unsigned))
                    .flatten()
                    .map(|c| c["name"].to_string())
            });
        if let Some(name) = found {
            meta.bio = Some(unsigned.to_string());
            meta.bio_author = Some(name);
            lines[last_prose].kind = Kind::Bio(text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_author_notes() {
        let authors = vec!["Jane Doe".to_string(), "Li Wei".to_string()];
        assert!(is_bio_of(
            "Jane Doe is a senior fellow at the Lowy Institute.",
            &authors
        ));
        assert!(is_bio_of(
            "Jane Doe and Li Wei are researchers at KIDA.",
            &authors
        ));
        assert!(is_bio_of(
            "Li Wei, a professor at Fudan University, writes on Korea.",
            &authors
        ));
        assert!(!is_bio_of("Jane Doelle is a fellow.", &authors));
        assert!(!is_bio_of("North Korea is a fellow traveller.", &authors));
        assert!(STRICT_BIO.is_match("Mika Tanaka is a research fellow at the Japan Institute."));
        assert!(!STRICT_BIO.is_match("North Korea is a frail power."));
    }
}
