//! The tag vocabulary: countries, regions, organisations and policy themes,
//! each with the aliases that count as a mention of it.

use crate::text::slug::slugify;
use regex::Regex;
use serde::Deserialize;
use std::sync::LazyLock;

/// A tag the importer may propose. Its slug is derived from `name`; the
/// name and every alias count as a mention.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct VocabEntry {
    /// Display name, e.g. "North Korea".
    pub name: String,
    /// Other ways texts name it, e.g. "DPRK", "Pyongyang".
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Deserialize)]
struct VocabFile {
    entry: Vec<VocabEntry>,
}

static SHIPPED: LazyLock<Vocabulary> = LazyLock::new(|| {
    let file: VocabFile = toml::from_str(include_str!("vocabulary.toml"))
        .expect("the shipped vocabulary.toml is valid");
    let mut vocab = Vocabulary {
        entries: Vec::new(),
    };
    for entry in file.entry {
        vocab.add(entry);
    }
    vocab
});

/// The shipped vocabulary plus any site-specific entries, ready for matching.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    entries: Vec<Compiled>,
}

#[derive(Debug, Clone)]
struct Compiled {
    slug: String,
    name: String,
    aliases: Vec<String>,
    pattern: Regex,
}

/// One mention of a vocabulary entry in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Mention {
    /// Index of the entry in the vocabulary.
    pub entry: usize,
    /// Byte offsets of the mention.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
}

impl Vocabulary {
    /// The vocabulary shipped with the importer.
    pub fn shipped() -> Vocabulary {
        SHIPPED.clone()
    }

    /// The shipped vocabulary extended with `extra` entries; an entry whose
    /// slug already exists adds its aliases to the existing one.
    pub fn with_extra(extra: &[VocabEntry]) -> Vocabulary {
        let mut vocab = Vocabulary::shipped();
        for entry in extra {
            vocab.add(entry.clone());
        }
        vocab
    }

    fn add(&mut self, entry: VocabEntry) {
        let slug = slugify(&entry.name);
        if slug.is_empty() {
            return;
        }
        let index = match self.entries.iter().position(|e| e.slug == slug) {
            Some(i) => i,
            None => {
                let aliases = vec![entry.name.clone()];
                let pattern = alias_pattern(&aliases);
                self.entries.push(Compiled {
                    slug,
                    name: entry.name,
                    aliases,
                    pattern,
                });
                self.entries.len() - 1
            }
        };
        let e = &mut self.entries[index];
        for alias in entry.aliases {
            if !alias.trim().is_empty() && !e.aliases.contains(&alias) {
                e.aliases.push(alias);
            }
        }
        e.pattern = alias_pattern(&e.aliases);
    }

    /// The display name for a tag slug: the entry's name, else an alias
    /// whose slug it is ("dprk" → "DPRK"), else the slug's words capitalised.
    pub fn display_name(&self, slug: &str) -> String {
        if let Some(e) = self.entries.iter().find(|e| e.slug == slug) {
            return e.name.clone();
        }
        for e in &self.entries {
            if let Some(alias) = e.aliases.iter().find(|a| slugify(a) == slug) {
                return alias.clone();
            }
        }
        slug.split('-')
            .map(super::text::capitalise_first)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The slug of the entry named or aliased by `name` (any case).
    pub fn slug_for(&self, name: &str) -> Option<&str> {
        let wanted = slugify(name);
        self.entries
            .iter()
            .find(|e| e.slug == wanted || e.aliases.iter().any(|a| slugify(a) == wanted))
            .map(|e| e.slug.as_str())
    }

    /// The slug of entry `index`.
    pub(super) fn slug(&self, index: usize) -> &str {
        &self.entries[index].slug
    }

    /// Every mention in `text`, on word boundaries. Where mentions overlap
    /// the longer one wins, so "South China Sea" is not also "China".
    pub(super) fn mentions(&self, text: &str) -> Vec<Mention> {
        let mut found = Vec::new();
        for (entry, e) in self.entries.iter().enumerate() {
            for m in e.pattern.find_iter(text) {
                if on_word_boundary(text, m.start(), m.end()) {
                    found.push(Mention {
                        entry,
                        start: m.start(),
                        end: m.end(),
                    });
                }
            }
        }
        found.sort_by_key(|m| (std::cmp::Reverse(m.end - m.start), m.start, m.entry));
        let mut kept: Vec<Mention> = Vec::new();
        for m in found {
            if kept.iter().all(|k| m.end <= k.start || m.start >= k.end) {
                kept.push(m);
            }
        }
        kept.sort_by_key(|m| m.start);
        kept
    }
}

fn on_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// One alternation for all aliases of an entry, longest first so that
/// "North Korean" is preferred to "North Korea".
fn alias_pattern(aliases: &[String]) -> Regex {
    let mut sorted: Vec<&String> = aliases.iter().collect();
    sorted.sort_by_key(|a| std::cmp::Reverse(a.len()));
    let parts: Vec<String> = sorted
        .iter()
        .map(|alias| {
            let body = regex::escape(alias.trim())
                .replace('\'', "['’]")
                .replace("\\ ", r"\s+")
                .replace(' ', r"\s+");
            // Acronyms are matched as written: "US" is not "us".
            if alias.chars().any(char::is_lowercase) {
                format!("(?i:{body})")
            } else {
                body
            }
        })
        .collect();
    Regex::new(&parts.join("|")).expect("escaped aliases form a valid pattern")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slugs(vocab: &Vocabulary, text: &str) -> Vec<String> {
        vocab
            .mentions(text)
            .iter()
            .map(|m| vocab.slug(m.entry).to_string())
            .collect()
    }

    #[test]
    fn matches_aliases_on_word_boundaries() {
        let v = Vocabulary::shipped();
        assert_eq!(
            slugs(&v, "DPRK troops and Pyongyang’s drones"),
            ["north-korea", "north-korea"]
        );
        assert_eq!(
            slugs(&v, "the U.S.-led camp and the US Navy, not us"),
            ["united-states", "united-states"]
        );
        assert_eq!(slugs(&v, "the South China Sea"), ["south-china-sea"]);
        assert_eq!(
            slugs(&v, "the Democratic People's Republic of Korea"),
            ["north-korea"]
        );
        assert_eq!(slugs(&v, "Japanese forces"), ["japan"]);
        assert!(slugs(&v, "Quadrant unusual").is_empty());
    }

    #[test]
    fn names_and_extra_entries() {
        let v = Vocabulary::with_extra(&[
            VocabEntry {
                name: "Kuril Islands".into(),
                aliases: vec!["Kurils".into()],
            },
            VocabEntry {
                name: "Japan".into(),
                aliases: vec!["Nippon".into()],
            },
        ]);
        assert_eq!(
            slugs(&v, "Nippon and the Kurils"),
            ["japan", "kuril-islands"]
        );
        assert_eq!(v.display_name("north-korea"), "North Korea");
        assert_eq!(v.display_name("dprk"), "DPRK");
        assert_eq!(v.display_name("hybrid-warfare"), "Hybrid Warfare");
        assert_eq!(v.slug_for("Pyongyang"), Some("north-korea"));
        assert_eq!(v.slug_for("japan"), Some("japan"));
    }
}
