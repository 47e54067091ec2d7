//! The lines above the article: headline, standfirst, byline, section label.

use super::byline::{is_role_line, parse_name_line};
use super::lines::{Kind, Line};
use super::page::next_meaningful;
use super::paragraphs::is_list_item;
use super::text::{ends_sentence, ends_with_ellipsis, strip_ellipsis, word_count};
use super::title::{split_glued_byline, split_site_suffix};
use super::vocabulary::Vocabulary;

/// What the head of the page says about the article.
#[derive(Debug, Default, Clone)]
pub struct Head {
    /// The headline, without a trailing " | Site" name.
    pub title: Option<String>,
    /// The headline line as printed, to find its copies.
    pub title_line: Option<String>,
    /// Which line the headline is.
    pub title_at: Option<usize>,
    /// The site name a browser-style title carried.
    pub site_name: Option<String>,
    /// Standfirst or dek.
    pub summary: Option<String>,
    /// Authors from the byline.
    pub authors: Vec<String>,
    /// Whether the page had a byline at all.
    pub had_byline: bool,
    /// True when the authors are read off a bare name line, with nothing to confirm them.
    pub authors_guessed: bool,
    /// True when the headline chosen has the shape of a masthead or a sentence.
    pub title_guessed: bool,
    /// Section label next to the headline.
    pub category: Option<String>,
}

/// Reads the head: the lines before `start`, where the article begins.
pub fn read(lines: &[Line], start: usize) -> Head {
    let mut head = Head::default();
    let (named, name_lines) = author_blocks(lines, start);
    let title_at = choose_title(lines, start, &name_lines);
    if let Some(i) = title_at {
        let (mut title, site) = split_site_suffix(&lines[i].text);
        if let Some((headline, authors)) = split_glued_byline(&title) {
            title = headline;
            head.authors = authors;
            head.had_byline = true;
        }
        head.title = Some(title);
        head.site_name = site;
        head.title_line = Some(lines[i].text.clone());
        head.title_at = Some(i);
        let text = &lines[i].text;
        head.title_guessed = is_shouting(text)
            || is_org_name(text)
            || (ends_sentence(text) && !text.ends_with(['?', '!']));
    }
    // Authors glued to the headline were read with it; otherwise the byline, else names.
    let byline = lines[..start].iter().find_map(|l| match &l.kind {
        Kind::Byline(b) => Some(b),
        _ => None,
    });
    if head.authors.is_empty() {
        if let Some(b) = byline {
            head.authors = byline_block(lines, start);
            head.had_byline = true;
            head.authors_guessed = b.guessed;
        } else if !named.is_empty() {
            head.authors = named;
            head.had_byline = true;
        }
    }
    head.summary = standfirst(lines, start, title_at);
    head.category = category(lines, start, title_at);
    head
}

/// The authors of the first byline and of the bylines right under it (an author box of
/// name lines, each over its role), in order.
fn byline_block(lines: &[Line], start: usize) -> Vec<String> {
    let mut authors: Vec<String> = Vec::new();
    let Some(first) = (0..start).find(|&i| matches!(lines[i].kind, Kind::Byline(_))) else {
        return authors;
    };
    for line in &lines[first..start] {
        match &line.kind {
            Kind::Byline(b) => {
                for a in &b.authors {
                    if !authors.contains(a) {
                        authors.push(a.clone());
                    }
                }
            }
            Kind::Blank | Kind::Ui | Kind::Separator | Kind::Dateline(..) => {}
            _ => break,
        }
    }
    authors
}

fn is_anchor(kind: &Kind) -> bool {
    matches!(
        kind,
        Kind::Byline(_) | Kind::Dateline(..) | Kind::Category(_)
    )
}

fn previous_meaningful(lines: &[Line], before: usize) -> Option<usize> {
    (0..before)
        .rev()
        .find(|&j| !matches!(lines[j].kind, Kind::Blank | Kind::Separator | Kind::Ui))
}

/// Picks the headline among the head's lines: not a sentence,
/// then the most repeated, then one of three words or more, then one that
/// stands next to a byline, date, section label, the top of the page or
/// the article, then the one nearest the byline (or the article when there
/// is no byline) — sidebars of other headlines sit further away.
fn choose_title(lines: &[Line], start: usize, excluded: &[usize]) -> Option<usize> {
    let meaningful: Vec<usize> = (0..start)
        .filter(|&i| !matches!(lines[i].kind, Kind::Blank | Kind::Separator | Kind::Ui))
        .collect();
    let byline = (0..start).find(|&i| matches!(lines[i].kind, Kind::Byline(_)));
    let focus = byline.unwrap_or(start);
    let rank = |i: usize| {
        meaningful
            .iter()
            .position(|&m| m >= i)
            .unwrap_or(meaningful.len())
    };
    let candidates = (0..start).filter(|&i| {
        let l = &lines[i];
        let words = super::text::shape_words(&l.text);
        l.kind == Kind::Text
            && !excluded.contains(&i)
            && (1..=30).contains(&words)
            && !ends_with_ellipsis(&l.text)
            && !is_list_item(&l.text)
    });
    candidates
        .map(|i| {
            let l = &lines[i];
            let words = word_count(&l.text);
            let prev = previous_meaningful(lines, i);
            let next = next_meaningful(lines, i + 1);
            // A headline stands over a dek that stands over the byline or date.
            let over_dek = next.is_some_and(|n| {
                is_dek_under(lines, n, i)
                    && next_meaningful(lines, n + 1).is_some_and(|m| is_anchor(&lines[m].kind))
            });
            // …and the dek under a headline is not the headline, however near the byline.
            let dek = prev.is_some_and(|p| is_dek_under(lines, i, p));
            let anchored = prev.is_none_or(|p| is_anchor(&lines[p].kind))
                || over_dek
                || next.is_some_and(|n| n == start || is_anchor(&lines[n].kind));
            // Headlines rarely end in a full stop; deks and first sentences do.
            let sentence = ends_sentence(&l.text) && !l.text.ends_with(['?', '!']);
            // Mastheads, kickers and site names: in capitals, or an organisation's name.
            let masthead = is_shouting(&l.text) || is_org_name(&l.text);
            let distance = rank(i).abs_diff(rank(focus));
            // A label ("경제", "国際", "Opinion") is often printed twice, in the menu and over
            // the headline: repetition counts only for lines long enough to be headlines.
            let score = (
                !masthead,
                !sentence,
                !dek,
                words >= 3,
                l.repeats.min(3),
                anchored,
                std::cmp::Reverse(distance),
            );
            (score, std::cmp::Reverse(i), i)
        })
        .max()
        .map(|(_, _, i)| i)
}

/// True when line `n` reads as a dek under the headline-shaped line `h`: a longer line
/// (a full sentence, or ten words or more) under a headline of five words or more.
fn is_dek_under(lines: &[Line], n: usize, h: usize) -> bool {
    let (dek, head) = (&lines[n], &lines[h]);
    let (dw, hw) = (
        super::text::shape_words(&dek.text),
        super::text::shape_words(&head.text),
    );
    dek.kind == Kind::Text
        && head.kind == Kind::Text
        && !ends_sentence(&head.text)
        && !is_shouting(&head.text)
        && !is_org_name(&head.text)
        && (5..=20).contains(&hw)
        && dw >= 8
        && (ends_sentence(&dek.text) || dw >= hw + 3)
}

/// True for a line in capitals ("ANALYSIS: SOUTH CHINA SEA", "WORKING PAPER 12/2024").
pub fn is_shouting(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase())
}

/// Words that name an organisation or a publication.
#[rustfmt::skip]
pub const ORG_WORDS: &[&str] = &[
    "institute", "institution", "centre", "center", "foundation", "forum", "council", "council",
    "observatory", "review", "journal", "quarterly", "gazette", "courier", "times", "daily",
    "tribune", "ledger", "press", "monitor", "post", "herald", "weekly", "brief", "lab",
    "standard", "observer", "wire", "agency", "society", "association", "programme", "program",
    "university", "college", "school", "academy", "network", "dialogue", "report", "bulletin",
    "magazine", "chronicle", "hub", "news",
];

/// True for a short title-case line naming an organisation ("Oriel Centre for Asian
/// Studies", "The Northern Courier") rather than a headline.
pub fn is_org_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() || words.len() > 7 || ends_sentence(text) || text.contains(['?', ':', '|'])
    {
        return false;
    }
    let small = [
        "for", "of", "the", "and", "on", "in", "&", "de", "des", "du", "für",
    ];
    let title_case = words.iter().all(|w| {
        small.contains(&w.to_lowercase().as_str()) || w.starts_with(|c: char| c.is_uppercase())
    });
    title_case
        && words.iter().any(|w| {
            ORG_WORDS.contains(
                &w.to_lowercase()
                    .trim_matches(|c: char| !c.is_alphanumeric()),
            )
        })
}

/// Authors printed without "By": a line of names under the headline,
/// followed by a role line ("Senior Fellow, Japan Chair") or a date.
/// Returns the names and the lines they used.
fn author_blocks(lines: &[Line], start: usize) -> (Vec<String>, Vec<usize>) {
    let vocab = Vocabulary::shipped();
    let mut names = Vec::new();
    let mut used = Vec::new();
    // The headline comes first, so a lone name at the top is not an author.
    let Some(first) = (0..start).find(|&i| lines[i].kind == Kind::Text) else {
        return (names, used);
    };
    for i in first + 1..start {
        if lines[i].kind != Kind::Text {
            continue;
        }
        let Some((found, with_role)) = parse_name_line(&lines[i].text) else {
            continue;
        };
        if found.iter().any(|n| vocab.slug_for(n).is_some()) {
            continue;
        }
        if with_role {
            used.push(i);
            names.extend(found);
            continue;
        }
        let next = next_meaningful(lines, i + 1)
            .filter(|&n| n < start || matches!(lines[n].kind, Kind::Dateline(..)));
        let Some(n) = next else { continue };
        match &lines[n].kind {
            Kind::Dateline(..) => used.push(i),
            Kind::Text if is_role_line(&lines[n].text) => used.extend([i, n]),
            _ => continue,
        }
        names.extend(found);
    }
    (names, used)
}

/// A standfirst: a sentence-like line between the headline and the byline,
/// else a trailing-off line ("… could force Tokyo to rethink its
/// positioning in...") in the standfirst's place.
fn standfirst(lines: &[Line], start: usize, title_at: Option<usize>) -> Option<String> {
    let head = &lines[..start];
    // A dek sits under the headline and above the byline or date.
    let from = title_at.map_or(0, |t| t + 1);
    let dek = head[from.min(start)..]
        .iter()
        .take_while(|l| !matches!(l.kind, Kind::Byline(_) | Kind::Dateline(..)))
        .find(|l| {
            // Decks often go without a full stop; without one, they are longer than labels.
            let words = super::text::shape_words(&l.text);
            l.kind == Kind::Text
                && title_at.is_none_or(|t| lines[t].text != l.text && t < start)
                && (words >= 8 && ends_sentence(&l.text) || words >= 10 && !l.text.ends_with(':'))
        });
    if let Some(l) = dek {
        return Some(l.text.clone());
    }
    // Other articles' teasers can sit above the article too. A trailing-off
    // standfirst follows the headline; without a headline it is the page's
    // first text or is repeated further down as the article's own teaser.
    let first_text = head
        .iter()
        .position(|l| matches!(l.kind, Kind::Text | Kind::Teaser));
    let is_standfirst = |i: usize, l: &Line| match title_at {
        Some(t) => i > t && (l.repeats > 1 || Some(i) == next_meaningful(lines, t + 1)),
        None => l.repeats > 1 || Some(i) == first_text,
    };
    head.iter()
        .enumerate()
        .find(|(i, l)| l.kind == Kind::Teaser && word_count(&l.text) >= 8 && is_standfirst(*i, l))
        .map(|(_, l)| format!("{}…", strip_ellipsis(&l.text)))
}

/// The section label printed near the headline (or near the top when the
/// copy has no headline).
fn category(lines: &[Line], start: usize, title_at: Option<usize>) -> Option<String> {
    let label = |i: usize| match &lines[i].kind {
        Kind::Category(c) => Some(c.clone()),
        _ => None,
    };
    let meaningful: Vec<usize> = (0..start)
        .filter(|&i| !matches!(lines[i].kind, Kind::Blank | Kind::Separator | Kind::Ui))
        .collect();
    match title_at {
        Some(t) => {
            let pos = meaningful.iter().position(|&i| i == t)?;
            let near = meaningful[pos.saturating_sub(3)..(pos + 4).min(meaningful.len())].to_vec();
            near.into_iter().find_map(label)
        }
        None => meaningful.into_iter().take(5).find_map(label),
    }
}
