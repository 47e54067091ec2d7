//! Choosing tags: those given on the command line, those the page lists,
//! and those proposed from mentions of vocabulary entries.

use super::text::word_count;
use super::vocabulary::Vocabulary;
use crate::text::slug::slugify;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// At most this many tags are proposed from mentions.
pub const MAX_PROPOSED: usize = 8;

static TAG_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:tags|topics|keywords|key\s+words|subjects|themes|themen|schlagwörter|schlagworte|mots[- ]clés|étiquettes|thèmes|etiquetas|temas|palabras\s+clave|タグ|キーワード|标签|태그)\s*[:：]|filed\s+under:?|tagged(?:\s+with)?:)\s*(?P<list>.+)$")
        .expect("tag list pattern")
});

#[rustfmt::skip]
const TAG_HEADINGS: &[&str] = &[
    "tags", "topics", "keywords", "filed under", "themen", "schlagwörter", "mots-clés",
    "étiquettes", "etiquetas", "temas", "タグ", "キーワード",
];

/// The tag names in a "Tags: A, B, C" line.
pub fn tag_list(line: &str) -> Option<Vec<String>> {
    let caps = TAG_LIST.captures(line.trim())?;
    let list = caps.name("list")?.as_str();
    let names: Vec<String> = list
        .split([',', ';', '|', '·', '•', '#', '、'])
        .map(|t| {
            t.trim()
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_string()
        })
        .filter(|t| !t.is_empty() && word_count(t) <= 5)
        .collect();
    // "Topics covered here include …" is a sentence, not a list.
    let separated = list.contains([',', ';', '|', '·', '•', '#', '、']) || word_count(list) <= 4;
    (separated && !names.is_empty()).then_some(names)
}

/// True for a heading ("Tags", "Topics:") over a column of tag names.
pub fn is_tag_heading(line: &str) -> bool {
    let f = super::text::fold(line);
    TAG_HEADINGS.contains(&f.trim_end_matches([':', '：']).trim())
}

/// True for a line that can be one tag in a column under a tag heading.
pub fn is_tag_item(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && word_count(t) <= 4
        && !t.ends_with(['.', '!', '?', ':', '…'])
        && t.chars().next().is_some_and(|c| !c.is_lowercase())
}

/// Final tag slugs, without duplicates: tags given by the editor (mapped
/// through the vocabulary), tags the page lists (kept as the page names
/// them), then up to [`MAX_PROPOSED`] proposed from mentions.
pub fn choose_tags(
    vocab: &Vocabulary,
    given: &[String],
    listed: &[String],
    title: &str,
    body: &str,
) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    let mut push = |slug: String| {
        if !slug.is_empty() && !tags.contains(&slug) {
            tags.push(slug);
        }
    };
    for name in given {
        push(
            vocab
                .slug_for(name)
                .map_or_else(|| slugify(name), str::to_string),
        );
    }
    for name in listed {
        push(slugify(name));
    }
    for slug in propose(vocab, title, body) {
        push(slug);
    }
    tags
}

/// Entries mentioned at least twice in the body, or in the title, most
/// mentioned first (ties: first mentioned first).
pub fn propose(vocab: &Vocabulary, title: &str, body: &str) -> Vec<String> {
    let mut stats: HashMap<usize, (usize, usize)> = HashMap::new();
    for m in vocab.mentions(body) {
        let entry = stats.entry(m.entry).or_insert((0, m.start));
        entry.0 += 1;
    }
    let in_title: Vec<usize> = vocab.mentions(title).iter().map(|m| m.entry).collect();
    for &e in &in_title {
        // A title mention ranks like one more mention, ahead of the body's first.
        let entry = stats.entry(e).or_insert((0, 0));
        entry.0 += 1;
        entry.1 = 0;
    }
    let mut ranked: Vec<(usize, usize, usize)> = stats
        .into_iter()
        .filter(|(e, (count, _))| *count >= 2 || in_title.contains(e))
        .map(|(e, (count, first))| (e, count, first))
        .collect();
    ranked.sort_by_key(|&(e, count, first)| (std::cmp::Reverse(count), first, e));
    ranked
        .into_iter()
        .take(MAX_PROPOSED)
        .map(|(e, _, _)| vocab.slug(e).to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tag_lists() {
        assert_eq!(
            tag_list("Tags: North Korea, Sanctions, Hybrid Warfare").unwrap(),
            ["North Korea", "Sanctions", "Hybrid Warfare"]
        );
        assert_eq!(tag_list("Topics: #Japan #Quad").unwrap(), ["Japan", "Quad"]);
        assert_eq!(
            tag_list("Schlagwörter: Russland; Nordkorea").unwrap(),
            ["Russland", "Nordkorea"]
        );
        assert!(tag_list("Topics covered here include the long history of the alliance").is_none());
        assert!(is_tag_heading("Tags:") && !is_tag_heading("Tagged along"));
    }

    #[test]
    fn proposes_by_frequency() {
        let v = Vocabulary::shipped();
        let body = "Pyongyang and Moscow met. North Korea sent troops to Russia. The DPRK gained. Tokyo worried once.";
        assert_eq!(propose(&v, "A headline", body), ["north-korea", "russia"]);
        assert_eq!(
            propose(&v, "Japan's choice", body),
            ["north-korea", "japan", "russia"]
        );
        let tags = choose_tags(
            &v,
            &["DPRK".into(), "Arms Trade".into()],
            &["Hybrid Warfare".into()],
            "",
            body,
        );
        assert_eq!(
            tags,
            ["north-korea", "arms-trade", "hybrid-warfare", "russia"]
        );
    }
}
