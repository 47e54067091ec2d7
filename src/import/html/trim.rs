//! Furniture that escapes the class-based filter (pages that hash or omit
//! their class names), recognised in the converted Markdown by its text and
//! shape: bylines and reading times above the body; advertisement labels,
//! "Read also" links, share buttons, photo credits and repeated pull
//! quotes inside it; and after it, the sections a page closes with (about
//! the author, related links, tags, copyright, newsletter prompts).

use super::markdown::fold;
use super::names;
use super::vocab::{
    starts_with_any, AD_LABELS, CREDIT_PREFIXES, CTA_WORDS, END_HEADINGS, END_HEADING_WORDS,
    KEEP_HEADINGS, READ_ALSO, READ_TIME, RIGHTS, TAIL_OPENERS,
};

/// What the top of the body said about the article before it was cut.
#[derive(Debug, Default)]
pub struct HeadLines {
    pub authors: Vec<String>,
    pub date: Option<chrono::NaiveDate>,
}

/// Drops the furniture described above; the byline and date dropped from
/// the top are read with the text importer's rules.
pub fn trim_furniture(
    markdown: &str,
    authors: &[String],
    titles: &[String],
) -> (String, HeadLines) {
    let mut blocks: Vec<String> = markdown.split("\n\n").map(str::to_string).collect();
    drop_title_lines(&mut blocks, titles);
    blocks.retain(|b| !is_inline_furniture(b));
    drop_repeated_quotes(&mut blocks);
    for b in &mut blocks {
        *b = strip_caption_credit(b);
    }
    let head = trim_head(&mut blocks, authors);
    cut_end_sections(&mut blocks);
    trim_tail(&mut blocks, authors);
    (blocks.join("\n\n"), head)
}

/// A headline printed in the first block's first line, above a dateline
/// in the same block (pages that set both in one cell with `<br>`).
fn drop_title_lines(blocks: &mut [String], titles: &[String]) {
    let Some(first) = blocks.first_mut() else {
        return;
    };
    let Some((line, rest)) = first.split_once("\\\n") else {
        return;
    };
    if titles.contains(&plain(line)) {
        *first = rest.trim().to_string();
    }
}

/// The block's text as a reader sees it: images gone, links as their text.
pub fn visible(block: &str) -> String {
    let mut out = String::new();
    let mut rest = block;
    while let Some(i) = rest.find('[') {
        let image = rest[..i].ends_with('!');
        out.push_str(&rest[..if image { i - 1 } else { i }]);
        let after = &rest[i + 1..];
        let Some((text, tail)) = split_link(after) else {
            out.push('[');
            rest = after;
            continue;
        };
        if !image {
            out.push_str(text);
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// `text](url)rest` → (text, rest).
fn split_link(s: &str) -> Option<(&str, &str)> {
    let close = s.find("](")?;
    let text = &s[..close];
    if text.contains('\n') {
        return None;
    }
    let url_and_rest = &s[close + 2..];
    let end = if url_and_rest.starts_with('<') {
        url_and_rest.find('>')? + 1
    } else {
        url_and_rest.find(')')?
    };
    let rest = url_and_rest[end..]
        .strip_prefix(')')
        .unwrap_or(&url_and_rest[end..]);
    Some((text, rest))
}

/// Share of the visible text that sits inside links.
fn link_share(block: &str) -> f64 {
    let total = visible(block)
        .chars()
        .filter(|c| !c.is_whitespace())
        .count();
    if total == 0 {
        return 0.0;
    }
    let mut linked = 0;
    let mut rest = block;
    while let Some(i) = rest.find('[') {
        let image = rest[..i].ends_with('!');
        match split_link(&rest[i + 1..]) {
            Some((text, tail)) => {
                if !image {
                    linked += text.chars().filter(|c| !c.is_whitespace()).count();
                }
                rest = tail;
            }
            None => rest = &rest[i + 1..],
        }
    }
    linked as f64 / total as f64
}

fn plain(block: &str) -> String {
    fold(&visible(block))
}

fn words(s: &str) -> usize {
    super::count_words(s)
}

/// Labels and boxes that may sit anywhere in the body.
fn is_inline_furniture(block: &str) -> bool {
    let text = plain(block);
    let text = text.trim_matches(|c: char| !c.is_alphanumeric());
    if text.is_empty() {
        return !block.contains("![");
    }
    if AD_LABELS.contains(&text) || is_counter(text) {
        return true;
    }
    let n = words(text);
    let lone_link =
        block.starts_with('[') && block.ends_with(')') && block.matches("](").count() == 1;
    if lone_link && n <= 12 && starts_with_any(text, CTA_WORDS) {
        return true;
    }
    if n <= 40 && starts_with_any(text, READ_ALSO) && block.contains("](") {
        return true;
    }
    if n <= 12 && starts_with_any(text, CREDIT_PREFIXES) && !block.contains("![") {
        return true;
    }
    // A lone button or link: "Share", "Subscribe", "Compartilhar".
    let sentence = visible(block).trim_end().ends_with(['.', '!', '?', '。']);
    n <= 4 && !sentence && !block.starts_with('#') && starts_with_any(text, CTA_WORDS)
}

/// "1 of 4", "3 / 12": a gallery's counter.
fn is_counter(text: &str) -> bool {
    let parts: Vec<&str> = text.split_whitespace().collect();
    parts.len() == 3
        && parts[0].chars().all(|c| c.is_ascii_digit())
        && parts[2].chars().all(|c| c.is_ascii_digit())
        && ["of", "/", "von", "de", "sur", "di", "van", "из"].contains(&parts[1])
}

/// A pull quote repeats a sentence the text already has.
fn drop_repeated_quotes(blocks: &mut Vec<String>) {
    let texts: Vec<String> = blocks.iter().map(|b| plain(b)).collect();
    let mut keep = vec![true; blocks.len()];
    for (i, b) in blocks.iter().enumerate() {
        if !b.starts_with('>') {
            continue;
        }
        let quoted = plain(&b.replace("\n>", "\n"))
            .trim_start_matches('>')
            .trim()
            .to_string();
        let quoted = quoted.trim_matches(|c: char| !c.is_alphanumeric());
        if words(quoted) < 4 {
            continue;
        }
        keep[i] = !texts
            .iter()
            .enumerate()
            .any(|(j, t)| j != i && !blocks[j].starts_with('>') && t.contains(quoted));
    }
    let mut i = 0;
    blocks.retain(|_| {
        i += 1;
        keep[i - 1]
    });
}

/// "*Saplings along the road. Photograph: A. Person/Agency*" → the caption.
fn strip_caption_credit(block: &str) -> String {
    if !block.starts_with("![") {
        return block.to_string();
    }
    let mut lines: Vec<String> = block.lines().map(str::to_string).collect();
    for line in lines.iter_mut().skip(1) {
        let lower = line.to_lowercase();
        if lower.len() != line.len() {
            continue;
        }
        let cut = CREDIT_PREFIXES
            .iter()
            .filter_map(|p| lower.find(&format!(" {p}")).map(|i| (i, p)))
            .min_by_key(|(i, _)| *i);
        if let Some((i, _)) = cut {
            let head = line[..i].trim_end().to_string();
            let closed = if line.starts_with('*') && !head.ends_with('*') {
                format!("{head}*")
            } else {
                head
            };
            *line = closed;
        }
    }
    lines.retain(|l| !matches!(l.as_str(), "**" | "*" | ""));
    lines.join("\n")
}

fn trim_head(blocks: &mut Vec<String>, authors: &[String]) -> HeadLines {
    let mut head = HeadLines::default();
    while let Some(first) = blocks.first().filter(|b| is_head_line(b, authors)) {
        let text = visible(first).replace(['*', '\\'], "");
        let folded = fold(&text);
        if head.authors.is_empty() && names::byline_prefix(&folded).is_some() {
            head.authors = names::split_names(&text);
        }
        if head.date.is_none() {
            head.date = crate::text::find_date::find_date(&folded).map(|d| d.date);
        }
        blocks.remove(0);
    }
    head
}

fn is_head_line(block: &str, authors: &[String]) -> bool {
    let text = plain(block);
    let n = words(&text);
    let date = crate::text::find_date::find_date(&text).is_some() && n <= 8;
    let caps = block
        .chars()
        .all(|c| !c.is_alphabetic() || c.is_uppercase())
        && n <= 2;
    let links = block.matches("](").count() - block.matches("![").count();
    let sentence = visible(block).trim_end().ends_with(['.', '!', '?', '。']);
    let nav = link_share(block) > 0.6 && n <= 15 && (links >= 2 || !sentence);
    let nav = nav && !block.starts_with("![");
    n <= 12
        && (names::byline_prefix(&text).is_some()
            || READ_TIME.iter().any(|r| text.contains(r))
            || authors.iter().any(|a| text.contains(&a.to_lowercase()))
            || date
            || caps
            || nav)
}

/// Cuts the sections a page closes with ("Related articles", "About the
/// author"): from such a heading to the end when little text follows it;
/// otherwise only the heading and the link list under it. Footnotes after
/// the cut stay.
fn cut_end_sections(blocks: &mut Vec<String>) {
    let total: usize = blocks.iter().map(|b| words(&plain(b))).sum();
    let Some(at) = blocks.iter().position(|b| is_end_heading(b)) else {
        return;
    };
    let after: usize = blocks[at..]
        .iter()
        .filter(|b| !b.starts_with("[^"))
        .map(|b| words(&plain(b)))
        .sum();
    if after * 100 <= total * 35 {
        let notes: Vec<String> = blocks[at..]
            .iter()
            .filter(|b| b.starts_with("[^"))
            .cloned()
            .collect();
        blocks.truncate(at);
        blocks.extend(notes);
        return;
    }
    blocks.remove(at);
    while at < blocks.len() && is_link_list(&blocks[at]) {
        blocks.remove(at);
    }
    cut_end_sections(blocks);
}

fn is_end_heading(block: &str) -> bool {
    let heading = block.starts_with('#');
    let bold = block.starts_with("**") && block.ends_with("**");
    if !(heading || bold) {
        return false;
    }
    let text = plain(block.trim_start_matches('#'));
    let text = text.trim_end_matches(|c: char| c.is_ascii_digit() || "():# ".contains(c));
    if words(text) > 6 || starts_with_any(text, KEEP_HEADINGS) {
        return false;
    }
    END_HEADING_WORDS.contains(&text) || starts_with_any(text, END_HEADINGS)
}

fn is_link_list(block: &str) -> bool {
    let items: Vec<&str> = block.lines().collect();
    block.starts_with(['-', '1'])
        && items
            .iter()
            .all(|l| link_share(l) > 0.5 || l.trim().is_empty())
}

fn trim_tail(blocks: &mut Vec<String>, authors: &[String]) {
    while blocks
        .last()
        .is_some_and(|b| is_tail_line(b, authors) && !b.starts_with("[^"))
    {
        blocks.pop();
    }
}

fn is_tail_line(block: &str, authors: &[String]) -> bool {
    let text = plain(block);
    let n = words(&text);
    let lone_link = block.starts_with('[')
        && block.ends_with(')')
        && block.matches("](").count() == 1
        && n <= 8;
    let email = n <= 6
        && text
            .split_whitespace()
            .any(|w| w.contains('@') && w.contains('.'));
    let signature = n <= 8
        && authors.iter().any(|a| {
            let a = a.to_lowercase();
            text == a || text.starts_with(&format!("{a} ")) || text.starts_with(&format!("{a},"))
        });
    let sentence = visible(block).trim_end().ends_with(['.', '!', '?', '。']);
    let dated = n <= 6 && !sentence && crate::text::find_date::find_date(&text).is_some();
    let bio = n <= 80 && authors.iter().any(|a| is_bio_of(&text, &a.to_lowercase()));
    block.starts_with('#')
        || lone_link
        || email
        || signature
        || dated
        || bio
        || (n <= 40 && RIGHTS.iter().any(|r| text.contains(r)))
        || (n <= 40 && starts_with_any(&text, TAIL_OPENERS))
        || (n <= 15 && link_share(block) > 0.6)
}

/// "Jane Doe is a senior fellow …", "Doe was …": a note on the author.
fn is_bio_of(text: &str, author: &str) -> bool {
    let last = author.split_whitespace().last().unwrap_or(author);
    [author, last].iter().any(|name| {
        text.strip_prefix(name).is_some_and(|rest| {
            [
                " is ",
                " was ",
                " ist ",
                " war ",
                " est ",
                " es ",
                " è ",
                " é ",
                " works ",
                " writes ",
                " leads ",
                " teaches ",
            ]
            .iter()
            .any(|v| rest.starts_with(v))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_links_and_images_as_text() {
        assert_eq!(
            visible("See [the note](https://x.org/a) ![m](i.png)."),
            "See the note ."
        );
        assert!(link_share("[Home](/) · [About](/about)") > 0.6);
    }

    #[test]
    fn drops_furniture_by_its_text() {
        let body = "By Ada Quill\n\nFirst paragraph of the article with enough words to count.\n\n\
                    Advertisement\n\n> enough words to count\n\nShare\n\n\
                    Read more: [Another story](https://x.org/b)\n\nLast paragraph, which ends it.\n\n\
                    ## Related articles\n\n- [One](https://x.org/1)\n- [Two](https://x.org/2)\n\n\
                    © 2024 The Review. All rights reserved.";
        let (kept, head) = trim_furniture(body, &[], &[]);
        assert_eq!(
            kept,
            "First paragraph of the article with enough words to count.\n\nLast paragraph, which ends it."
        );
        assert_eq!(head.authors, ["Ada Quill"]);
    }

    #[test]
    fn strips_photo_credits_from_captions() {
        assert_eq!(
            strip_caption_credit("![A](i.png)\n*Trees by a road. Photograph: A. Lens/Agency*"),
            "![A](i.png)\n*Trees by a road.*"
        );
    }
}
