//! Headlines: the site name that browsers append, and a provisional title
//! when the page copy carried none.

use super::byline::parse_byline_line;
use super::furniture::category_label;
use super::head::is_org_name;
use super::text::{capitalise_first, ends_sentence, strip_ellipsis, word_count};

/// Longest provisional title, in words.
const MAX_PROPOSED_WORDS: usize = 14;

/// Words a headline does not end on.
#[rustfmt::skip]
const DANGLING: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "by",
    "with", "as", "its", "their", "his", "her", "our", "that", "which", "who", "is", "are", "was",
    "were", "be", "into", "than", "this", "these", "those", "could", "would", "should", "will",
    "can", "may", "might", "must",
];

/// Opening words of an introductory clause ("With support from Russia, …").
#[rustfmt::skip]
const INTRODUCERS: &[&str] = &[
    "with", "as", "after", "in", "amid", "despite", "following", "since", "while", "when",
    "although", "though", "because", "for", "under", "over", "by", "on", "at", "given", "without",
    "before", "during", "once", "if", "unlike", "like", "according",
];

/// Splits "Headline | Site Name" (as a browser tab title reads) into the
/// headline and the site's name, and drops a "Title:"-style label.
pub fn split_site_suffix(title: &str) -> (String, Option<String>) {
    let title = [
        "Title:",
        "Headline:",
        "Subject:",
        "Titre :",
        "Titel:",
        "Título:",
    ]
    .iter()
    .find_map(|label| title.strip_prefix(label))
    .unwrap_or(title)
    .trim();
    // "Opinion | Headline": a section label before the bar.
    let title = match title.split_once(" | ") {
        Some((label, rest)) if category_label(label).is_some() => rest.trim(),
        _ => title,
    };
    for bar in [" | ", " - ", " — ", " – "] {
        if let Some((head, site)) = title.rsplit_once(bar) {
            let site = site.trim();
            let named = bar == " | " || site.starts_with(|c: char| c.is_uppercase());
            if (word_count(head) >= 3 || (bar == " | " && !head.trim().is_empty()))
                && named
                && (1..=5).contains(&word_count(site))
                && !ends_sentence(site)
                && (bar == " | " || is_org_name(site) || site.starts_with("The "))
            {
                return (head.trim().to_string(), Some(site.to_string()));
            }
        }
    }
    (title.trim().to_string(), None)
}

/// Splits a byline glued to the end of a headline ("Why Farmers Are Angry by Henrike
/// Baum") into the headline and the authors.
pub fn split_glued_byline(title: &str) -> Option<(String, Vec<String>)> {
    let (head, names) = title.rsplit_once(" by ")?;
    if word_count(head) < 3 {
        return None;
    }
    let byline = parse_byline_line(&format!("By {names}"))?;
    let all_names = byline.authors.iter().map(|a| word_count(a)).sum::<usize>()
        >= word_count(names).saturating_sub(1);
    (all_names && !byline.authors.is_empty() && byline.authors.iter().all(|a| word_count(a) >= 2))
        .then(|| (head.trim().to_string(), byline.authors))
}

/// Proposes a title from a standfirst or a first sentence: the main clause,
/// shortened at a word boundary, for an editor to confirm.
pub fn propose_title(text: &str) -> String {
    let text = strip_ellipsis(text).trim_end_matches(['.', '!', ',', ';', ':']);
    let clauses: Vec<&str> = text
        .split([',', ';', ':', '—', '–'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let mut start = 0;
    while start + 1 < clauses.len() && is_introductory(clauses[start]) {
        start += 1;
    }
    let mut words: Vec<&str> = Vec::new();
    for clause in &clauses[start..] {
        words.extend(clause.split_whitespace());
        if words.len() >= 6 {
            break;
        }
    }
    words.truncate(MAX_PROPOSED_WORDS);
    while words.len() > 3
        && words
            .last()
            .is_some_and(|w| DANGLING.contains(&w.to_lowercase().as_str()))
    {
        words.pop();
    }
    capitalise_first(&words.join(" "))
}

fn is_introductory(clause: &str) -> bool {
    let first = clause
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    word_count(clause) <= 6 && INTRODUCERS.contains(&first.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proposes_titles() {
        let table = [
            (
                "With support from Russia, a more technologically-advanced military and emboldened North Korea could force Tokyo to rethink its positioning in...",
                "A more technologically-advanced military and emboldened North Korea could force Tokyo to rethink",
            ),
            ("Japan is rearming.", "Japan is rearming"),
            ("In 2024, Seoul and Tokyo agreed to share missile warning data in real time, officials said.", "Seoul and Tokyo agreed to share missile warning data in real time"),
        ];
        for (input, want) in table {
            assert_eq!(propose_title(input), want, "{input}");
        }
    }

    #[test]
    fn splits_site_suffix() {
        assert_eq!(
            split_site_suffix("Japan’s dilemma | East Asia Forum"),
            ("Japan’s dilemma".into(), Some("East Asia Forum".into()))
        );
        assert_eq!(
            split_site_suffix("Plain headline"),
            ("Plain headline".into(), None)
        );
        assert_eq!(
            split_site_suffix("Subject: The week in review"),
            ("The week in review".into(), None)
        );
    }
}
