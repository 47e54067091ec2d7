//! Finding the article's text among the page furniture, the way reader
//! views do: paragraphs score the containers above them by their length
//! and commas, containers are weighed by their names and link density,
//! and the best one is taken with the siblings that continue it.

use super::dom::{
    char_len, class_weight, is_block, is_content_container, is_furniture, never_text,
};
use super::dom::{link_density, text};
use ego_tree::NodeId;
use scraper::{ElementRef, Html};
use std::collections::{HashMap, HashSet};

/// Paragraphs shorter than this (in characters) do not vote.
const MIN_PARAGRAPH_CHARS: usize = 25;

/// The article's text: the elements to convert, in page order.
#[derive(Debug)]
pub struct Extract<'a> {
    /// Root elements of the article's text.
    pub roots: Vec<ElementRef<'a>>,
    /// How the roots were chosen, for `--explain`.
    pub how: String,
}

/// How strictly furniture is left out while scoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// Elements named like furniture do not vote.
    Strict,
    /// Only elements that never hold text (scripts, navigation, forms) are
    /// left out: for pages whose article container has a furniture-like name.
    Relaxed,
}

/// Picks the article's container(s) in the document.
pub fn article<'a>(doc: &'a Html, pass: Pass) -> Option<Extract<'a>> {
    let mut tally = Tally {
        pass: Some(pass),
        ..Tally::default()
    };
    score_paragraphs(doc.root_element(), &mut tally);
    let Tally {
        scores,
        order,
        direct,
        own,
        ..
    } = tally;
    let mut best: Option<(ElementRef<'a>, f64)> = None;
    for id in &order {
        let el = ElementRef::wrap(doc.tree.get(*id)?)?;
        // A wrapper named "main" must not beat the element that holds the
        // paragraphs themselves: good names count only there.
        let weight = class_weight(&el);
        let weight = if direct.contains(id) {
            weight
        } else {
            weight.min(0.0)
        };
        let score = (scores[id] + weight) * (1.0 - link_density(&el));
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((el, score));
        }
    }
    let (top, top_score) = best?;
    let top = gather(widen(top, &scores), &own);
    let roots = with_siblings(top, top_score, &scores);
    let chars: usize = roots.iter().map(|r| char_len(&text(r))).sum();
    let how = format!(
        "body: <{}{}> scored {:.0} with {} sibling(s), {chars} characters",
        top.value().name(),
        describe(&top),
        top_score,
        roots.len() - 1
    );
    Some(Extract { roots, how })
}

fn describe(el: &ElementRef) -> String {
    let v = el.value();
    let mut s = String::new();
    if let Some(id) = v.id() {
        s.push_str(&format!(" id=\"{id}\""));
    }
    let classes: Vec<&str> = v.classes().collect();
    if !classes.is_empty() {
        s.push_str(&format!(" class=\"{}\"", classes.join(" ")));
    }
    s
}

/// Scores of the containers paragraphs voted for, in page order, and which
/// of them hold paragraphs directly.
#[derive(Default)]
struct Tally {
    pass: Option<Pass>,
    scores: HashMap<NodeId, f64>,
    order: Vec<NodeId>,
    direct: HashSet<NodeId>,
    /// Score of the paragraphs each element holds directly.
    own: HashMap<NodeId, f64>,
}

/// Walks the page outside furniture; each paragraph adds its score to its
/// parent, half to its grandparent and a third to the level above.
fn score_paragraphs(el: ElementRef, tally: &mut Tally) {
    for child in el.child_elements() {
        let skip = match tally.pass {
            Some(Pass::Relaxed) => never_text(&child),
            _ => is_furniture(&child),
        };
        if skip {
            continue;
        }
        if is_paragraph(&child) {
            let runs = text_runs(&child);
            // Text parted by line breaks votes run by run for its own
            // element, as paragraphs vote for theirs.
            let (runs, first) = if runs.len() > 1 {
                (runs, child)
            } else {
                (
                    vec![text(&child)],
                    child.parent().and_then(ElementRef::wrap).unwrap_or(child),
                )
            };
            for content in runs {
                vote(&content, first, tally);
            }
        }
        score_paragraphs(child, tally);
    }
}

/// Adds one paragraph's score to `first` (the element that holds it), half
/// to the level above and a third to the one above that.
fn vote(content: &str, first: ElementRef, tally: &mut Tally) {
    let len = char_len(content);
    if len < MIN_PARAGRAPH_CHARS {
        return;
    }
    let commas = content.matches([',', '，', '、', '،']).count() as f64;
    let score = 1.0 + commas + (len as f64 / 100.0).min(3.0);
    let levels = std::iter::once(first).chain(first.ancestors().filter_map(ElementRef::wrap));
    for (level, ancestor) in levels.take(3).enumerate() {
        if level == 0 {
            tally.direct.insert(ancestor.id());
            *tally.own.entry(ancestor.id()).or_insert(0.0) += score;
        }
        let order = &mut tally.order;
        let entry = tally.scores.entry(ancestor.id()).or_insert_with(|| {
            order.push(ancestor.id());
            initial_score(&ancestor)
        });
        *entry += score / (level as f64 + 1.0);
    }
}

/// Paragraphs, and divs that hold only inline content and line breaks
/// (used as paragraphs).
fn is_paragraph(el: &ElementRef) -> bool {
    match el.value().name() {
        "p" | "pre" | "td" => true,
        "div" | "section" | "li" | "font" | "center" => !el
            .child_elements()
            .any(|c| is_block(c.value().name()) && c.value().name() != "br"),
        _ => false,
    }
}

/// The element's text cut at each pair of line breaks (or single ones
/// when there are no pairs): the paragraphs of pages written without `<p>`.
fn text_runs(el: &ElementRef) -> Vec<String> {
    let breaks = el
        .child_elements()
        .filter(|c| c.value().name() == "br")
        .count();
    if breaks < 2 {
        return Vec::new();
    }
    let mut runs = vec![String::new()];
    for child in el.children() {
        match child.value() {
            scraper::Node::Text(t) => runs.last_mut().expect("a run").push_str(t),
            scraper::Node::Element(e) if e.name() == "br" => runs.push(String::new()),
            scraper::Node::Element(_) => {
                let child = ElementRef::wrap(child).expect("element node");
                if !never_text(&child) {
                    let run = runs.last_mut().expect("a run");
                    run.push(' ');
                    run.push_str(&text(&child));
                }
            }
            _ => {}
        }
    }
    runs.into_iter()
        .map(|r| r.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|r| !r.is_empty())
        .collect()
}

fn initial_score(el: &ElementRef) -> f64 {
    let by_tag = match el.value().name() {
        "div" | "article" | "section" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    by_tag
}

/// A container whose text sits in a single wrapper climbs to the named
/// content container above it when that one holds about the same text.
fn widen<'a>(top: ElementRef<'a>, scores: &HashMap<NodeId, f64>) -> ElementRef<'a> {
    if is_content_container(&top) {
        return top;
    }
    let own = char_len(&text(&top)).max(1);
    for ancestor in top.ancestors().filter_map(ElementRef::wrap).take(4) {
        if is_content_container(&ancestor) && !is_furniture(&ancestor) {
            let theirs = char_len(&text(&ancestor));
            if theirs * 10 <= own * 11 && scores.contains_key(&ancestor.id()) {
                return ancestor;
            }
        }
    }
    top
}

/// An article split over several containers (a text column broken by
/// an advertisement, a quote or a related box) climbs to the ancestor that
/// holds the other parts: the lowest one (at most four levels up) whose
/// paragraphs score at least a quarter more than the top's own, with few
/// links.
fn gather<'a>(top: ElementRef<'a>, own: &HashMap<NodeId, f64>) -> ElementRef<'a> {
    let inner = |el: &ElementRef| -> f64 {
        std::iter::once(*el)
            .chain(el.descendent_elements())
            .filter_map(|d| own.get(&d.id()))
            .sum()
    };
    let base = inner(&top);
    let mut best = top;
    let mut best_inner = base;
    for ancestor in top.ancestors().filter_map(ElementRef::wrap).take(4) {
        if matches!(ancestor.value().name(), "body" | "html") || is_furniture(&ancestor) {
            break;
        }
        let theirs = inner(&ancestor);
        if theirs >= best_inner * 1.25 && link_density(&ancestor) < 0.35 {
            best = ancestor;
            best_inner = theirs;
        }
    }
    best
}

/// The container plus the siblings that carry on its text: well-scored
/// containers and long, link-poor paragraphs beside it.
fn with_siblings<'a>(
    top: ElementRef<'a>,
    top_score: f64,
    scores: &HashMap<NodeId, f64>,
) -> Vec<ElementRef<'a>> {
    let Some(parent) = top.parent().and_then(ElementRef::wrap) else {
        return vec![top];
    };
    let threshold = (top_score * 0.2).max(10.0);
    let mut roots = Vec::new();
    for sibling in parent.child_elements() {
        if sibling.id() == top.id() {
            roots.push(sibling);
            continue;
        }
        if is_furniture(&sibling) {
            continue;
        }
        let score = scores.get(&sibling.id()).copied().unwrap_or(0.0);
        let same_class = sibling.value().attr("class").is_some()
            && sibling.value().attr("class") == top.value().attr("class");
        let keep = score * (1.0 - link_density(&sibling)) >= threshold
            || (same_class && score > 0.0)
            || (sibling.value().name() == "p" && continues_text(&sibling));
        if keep {
            roots.push(sibling);
        }
    }
    roots
}

fn continues_text(p: &ElementRef) -> bool {
    let content = text(p);
    let len = char_len(&content);
    let density = link_density(p);
    (len > 80 && density < 0.25)
        || (len > 0 && density == 0.0 && content.trim_end().ends_with(['.', '!', '?', '。']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_article_over_the_sidebar() {
        let para = "<p>Harbour tariffs rose again this spring, and the ports that rely on them, from the north coast to the south, felt it quickly.</p>";
        let html = format!(
            "<html><body><div class=\"sidebar\"><p><a href=\"/a\">Other story one, a long teaser headline here</a></p></div>\
             <div class=\"post\"><div class=\"entry-content\">{}</div></div>\
             <div id=\"comments\">{para}</div></body></html>",
            para.repeat(4)
        );
        let doc = Html::parse_document(&html);
        let found = article(&doc, Pass::Strict).expect("an article");
        assert_eq!(found.roots.len(), 1);
        assert!(found.roots[0]
            .value()
            .classes()
            .any(|c| c == "entry-content"));
    }
}
