//! "Related briefings": for each article, the few others sharing the most informative terms.
//!
//! Scoring every pair would be quadratic, and a tag on a third of a 10,000-briefing archive
//! would make it so. Instead each shared term only contributes candidates from a window of the
//! term's articles nearest in date, and rarer terms weigh more (inverse document frequency).

use std::borrow::Cow;

use rayon::prelude::*;

use crate::fxhash::FxMap;
use crate::model::Document;

/// Candidates taken from each of an article's terms, nearest in date first.
const WINDOW: usize = 40;

/// How much a shared term of each taxonomy counts.
fn taxonomy_weight(name: &str) -> f64 {
    match name {
        "topics" => 3.0,
        "regions" => 2.0,
        "tags" => 1.5,
        "series" => 2.5,
        "authors" => 0.5,
        _ => 1.0,
    }
}

/// Up to `max` related articles for every article (indices into `articles`, best first).
/// `term_articles` maps (taxonomy, slug) to the term's articles, newest first (ascending
/// indices).
pub fn related(
    articles: &[Document],
    term_articles: &FxMap<(&str, &str), Cow<[usize]>>,
    max: usize,
) -> Vec<Vec<usize>> {
    let total = articles.len().max(1) as f64;
    // Each article's list is independent of the others'. Scores live in one dense array per
    // worker, reset after each article through the list of entries it touched.
    (0..articles.len())
        .into_par_iter()
        .map_init(
            || (vec![0.0f64; articles.len()], Vec::new()),
            |(scores, touched), i| {
                for (tax, terms) in &articles[i].terms {
                    let weight = taxonomy_weight(tax);
                    for t in terms {
                        let Some(list) = term_articles.get(&(tax.as_str(), t.slug.as_str())) else {
                            continue;
                        };
                        if list.len() < 2 {
                            continue;
                        }
                        let idf = (total / list.len() as f64).ln() + 1.0;
                        // Where the article sits in the list, for the date window.
                        let pos = list.binary_search(&i).unwrap_or(0);
                        let start = pos.saturating_sub(WINDOW / 2);
                        let end = (start + WINDOW).min(list.len());
                        let start = end.saturating_sub(WINDOW);
                        for &j in &list[start..end] {
                            if j != i {
                                // Every contribution is positive, so 0 means untouched.
                                if scores[j] == 0.0 {
                                    touched.push(j);
                                }
                                scores[j] += weight * idf;
                            }
                        }
                    }
                }
                let mut ranked: Vec<(usize, f64)> = touched
                    .drain(..)
                    .map(|j| (j, std::mem::take(&mut scores[j])))
                    .collect();
                // Higher score first; on a tie the newer article (lower index) first:
                // deterministic.
                ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                ranked.into_iter().take(max).map(|(j, _)| j).collect()
            },
        )
        .collect()
}
