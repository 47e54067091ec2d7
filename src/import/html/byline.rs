//! What the page prints around its headline: authors (`itemprop=author`,
//! `rel=author`, links to author pages grouped in one byline, elements
//! named as bylines, a "By" line above the text) and the kicker set in the
//! headline.

use super::dom;
use super::meta::{inside_furniture_list, squash, Found};
use super::names::{dedupe, split_names};
use scraper::{ElementRef, Html, Selector};

/// Path parts of the addresses of author pages.
const AUTHOR_PATHS: &[&str] = &[
    "/author/",
    "/authors/",
    "/by/",
    "/reporter/",
    "/reporters/",
    "/journalist/",
    "/journalists/",
    "/profile/",
    "/profiles/",
    "/people/",
    "/person/",
    "/experts/",
    "/expert/",
    "/staff/",
    "/writers/",
    "/writer/",
    "/contributors/",
    "/contributor/",
    "/autor/",
    "/autores/",
    "/autoren/",
    "/auteur/",
    "/auteurs/",
    "/signataires/",
    "/journaliste/",
    "/redacteur/",
    "/columnist/",
    "/avtor/",
    "/authors-",
    "/@",
    "autor-",
];

/// Class-name parts of elements that hold a byline.
const BYLINE_NAMES: &[&str] = &[
    "byline",
    "author",
    "autor",
    "auteur",
    "contributor",
    "writer",
    "reporter",
    "journalist",
    "signature",
];

/// Class-name parts of author elements that are not the byline itself.
const NOT_BYLINE: &[&str] = &[
    "bio", "desc", "about", "avatar", "photo", "image", "img", "follow", "role", "title", "job",
    "position", "card", "box", "more", "list",
];

/// Every byline reading, most trusted first.
pub fn authors(doc: &Html) -> Vec<Found<Vec<String>>> {
    let mut found = Vec::new();
    let mut push = |names: Vec<String>, source: &'static str| {
        if !names.is_empty() {
            found.push(Found {
                value: dedupe(names),
                source,
            });
        }
    };
    let itemprop = select(
        doc,
        "[itemprop=author] [itemprop=name], [itemprop=author][content]",
    );
    push(names_of(&itemprop), "itemprop=author");
    push(names_of(&select(doc, "a[rel~=author]")), "rel=author");
    push(linked_byline(doc), "byline");
    push(byline_text(doc), "byline text");
    found
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    select_where(doc, css, |_| true)
}

/// The elements `css` selects that pass `keep` (checked first, as it is
/// cheaper) and sit outside hidden elements and furniture lists.
fn select_where<'a>(
    doc: &'a Html,
    css: &str,
    keep: impl Fn(&ElementRef) -> bool,
) -> Vec<ElementRef<'a>> {
    let sel = Selector::parse(css).expect("valid selector");
    doc.select(&sel)
        .filter(|e| keep(e) && !dom::is_hidden(e) && !inside_furniture_list(e))
        .collect()
}

fn names_of(els: &[ElementRef]) -> Vec<String> {
    els.iter()
        .map(|e| {
            e.value()
                .attr("content")
                .map(squash)
                .unwrap_or_else(|| dom::text(e))
        })
        .flat_map(|t| split_names(&t))
        .collect()
}

/// Links to author pages: the first one, and the others in the same
/// byline (its nearest block-level ancestor, up to three levels up).
fn linked_byline(doc: &Html) -> Vec<String> {
    let links: Vec<ElementRef> = select_where(doc, "a[href]", |a| {
        let href = a.value().attr("href").unwrap_or("").to_lowercase();
        (AUTHOR_PATHS.iter().any(|p| href.contains(p))
            || a.ancestors()
                .filter_map(ElementRef::wrap)
                .take(3)
                .any(|p| is_byline_element(&p)))
            && split_names(&dom::text(a)).len() == 1
    });
    let Some(first) = links.first() else {
        return Vec::new();
    };
    let holder = first
        .ancestors()
        .filter_map(ElementRef::wrap)
        .take(3)
        .find(|p| {
            dom::is_block(p.value().name())
                && super::count_words(&dom::text(p)) <= 40
                && links.iter().skip(1).any(|l| is_inside(l, p))
        });
    let group: Vec<ElementRef> = match holder {
        Some(h) => links.iter().filter(|l| is_inside(l, &h)).copied().collect(),
        None => vec![*first],
    };
    names_of(&group)
}

fn is_inside(el: &ElementRef, holder: &ElementRef) -> bool {
    el.ancestors().any(|a| a.id() == holder.id())
}

fn is_byline_element(el: &ElementRef) -> bool {
    let names = dom::names(el);
    BYLINE_NAMES.iter().any(|n| names.contains(n))
        && !names
            .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
            .any(|w| NOT_BYLINE.iter().any(|n| w.starts_with(n)))
}

/// The first short element named as a byline, read as text.
fn byline_text(doc: &Html) -> Vec<String> {
    select_where(doc, "body *", |e| {
        is_byline_element(e) && !matches!(e.value().name(), "body" | "article")
    })
    .into_iter()
    .map(|e| dom::text(&e))
    .filter(|t| (1..=40).contains(&t.split_whitespace().count()))
    .map(|t| split_names(&t))
    .find(|names| !names.is_empty())
    .unwrap_or_default()
}

/// The lines of text printed just above the article's first paragraph
/// (nearest first, at most 12): where a byline and date sit when the page
/// names neither.
pub fn lines_above(doc: &Html, roots: &[ElementRef]) -> Vec<String> {
    let Some(root) = roots.first() else {
        return Vec::new();
    };
    let anchor = root
        .descendent_elements()
        .find(|e| e.value().name() == "p" && dom::char_len(&dom::text(e)) >= 25)
        .unwrap_or(*root);
    let mut lines: std::collections::VecDeque<String> = std::collections::VecDeque::new();
    let mut line = String::new();
    let body = doc
        .select(&Selector::parse("body").expect("valid selector"))
        .next()
        .unwrap_or_else(|| doc.root_element());
    for node in body.descendants() {
        if node.id() == anchor.id() {
            break;
        }
        match node.value() {
            scraper::Node::Element(e) if dom::is_block(e.name()) => {
                push_line(&mut lines, &mut line);
            }
            scraper::Node::Text(t) if !in_unseen(node) => {
                line.push_str(t);
                line.push(' ');
            }
            _ => {}
        }
    }
    push_line(&mut lines, &mut line);
    lines.into_iter().rev().collect()
}

fn push_line(lines: &mut std::collections::VecDeque<String>, line: &mut String) {
    let text = squash(line);
    line.clear();
    if !text.is_empty() {
        lines.push_back(text);
        if lines.len() > 12 {
            lines.pop_front();
        }
    }
}

fn in_unseen(node: ego_tree::NodeRef<scraper::Node>) -> bool {
    node.ancestors().filter_map(ElementRef::wrap).any(|a| {
        matches!(
            a.value().name(),
            "script" | "style" | "noscript" | "template" | "button"
        ) || dom::is_hidden(&a)
    })
}

/// The names of the first byline among `lines`: "By …", "Von …", or
/// "Posted on 9 June 2023 by …".
pub fn byline_in(lines: &[String]) -> Vec<String> {
    for line in lines {
        let lower = line.to_lowercase();
        if super::count_words(line) > 40 {
            continue;
        }
        if super::names::byline_prefix(&lower).is_some() {
            return split_names(line);
        }
        let credit = [
            "photo",
            "image",
            "illustrat",
            "graphic",
            "video",
            "edited",
            "translat",
        ];
        if let Some(i) = lower.rfind(" by ").filter(|i| {
            line.split_whitespace().count() <= 15 && !credit.iter().any(|c| lower[..*i].contains(c))
        }) {
            let names = line.get(i + 4..).map(split_names).unwrap_or_default();
            if !names.is_empty() {
                return names;
            }
        }
    }
    Vec::new()
}

/// A headline's text without the kicker or series label set in it.
pub fn without_kicker(h: &ElementRef) -> String {
    let kicker = |e: &ElementRef| {
        let n = dom::names(e);
        [
            "kicker",
            "eyebrow",
            "overline",
            "label",
            "flag",
            "rubric",
            "series",
            "topline",
            "roofline",
            "dachzeile",
            "volanta",
            "surtitle",
            "supertitle",
            "prefix",
        ]
        .iter()
        .any(|k| n.contains(k))
    };
    if !h.descendent_elements().any(|e| kicker(&e)) {
        return String::new();
    }
    let mut out = String::new();
    for node in h.descendants() {
        if let scraper::Node::Text(t) = node.value() {
            let hidden = node
                .ancestors()
                .filter_map(ElementRef::wrap)
                .take_while(|a| a.id() != h.id())
                .any(|a| kicker(&a));
            if !hidden {
                out.push_str(t);
                out.push(' ');
            }
        }
    }
    squash(&out)
}
