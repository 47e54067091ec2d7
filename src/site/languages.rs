//! Multilingual sites: one complete site per language (home, sections, taxonomies, archive,
//! feeds, search) under its own prefix, and the translation links between their briefings.
//!
//! Normalising already put each document under its language's prefix (`ja/briefings/x/`); here
//! the documents are grouped by language, each group is assembled like a site of its own, and
//! translations are linked across all of them.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::Site;
use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::model::{DocKind, Document};

/// A translation of an article, possibly in another language's site.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Translation {
    pub language: String,
    pub title: String,
    /// Root-relative path, prefix included.
    pub path: String,
}

/// Assembles the site of every language; the default language's holds the others.
pub fn assemble(config: SiteConfig, documents: Vec<Document>) -> Result<Site, Vec<Diagnostic>> {
    let codes: Vec<String> = config
        .language_codes()
        .into_iter()
        .map(str::to_string)
        .collect();
    let mut by_language: BTreeMap<&str, Vec<Document>> = BTreeMap::new();
    for doc in documents {
        let code = config.site_language(doc.language.as_deref());
        let code = codes.iter().find(|c| *c == code).expect("a site language");
        by_language.entry(code).or_default().push(doc);
    }
    share_profiles(&codes, &config, &mut by_language);
    let mut sites: Vec<Site> = codes
        .iter()
        .map(|code| {
            let docs = by_language.remove(code.as_str()).unwrap_or_default();
            Site::assemble_language(
                config_for(&config, code),
                docs,
                code.clone(),
                config.language_prefix(code),
            )
        })
        .collect();
    link_translations(&mut sites);
    let mut main = sites.remove(0);
    main.languages = sites;
    Ok(main)
}

/// The configuration a language's site renders with: its own title and description.
fn config_for(config: &SiteConfig, code: &str) -> SiteConfig {
    let mut own = config.clone();
    if let Some(lang) = config.languages.get(code) {
        if let Some(title) = &lang.title {
            own.title = title.clone();
        }
        if let Some(description) = &lang.description {
            own.description = description.clone();
        }
    }
    own
}

/// Author profiles written once (`content/authors/x.md`) serve every language an author writes
/// in that has no profile of its own for them (`content/ja/authors/x.md`).
fn share_profiles<'c>(
    codes: &'c [String],
    config: &SiteConfig,
    by_language: &mut BTreeMap<&'c str, Vec<Document>>,
) {
    let Some(default) = codes.first() else { return };
    let shared: Vec<Document> = by_language
        .get(default.as_str())
        .into_iter()
        .flatten()
        .filter(|d| d.kind == DocKind::Profile)
        .cloned()
        .collect();
    for code in &codes[1..] {
        let prefix = config.language_prefix(code);
        let docs = by_language.entry(code.as_str()).or_default();
        // Only for authors who write in this language: the others get no page in it.
        let writers: std::collections::HashSet<String> = docs
            .iter()
            .filter(|d| d.kind == DocKind::Article)
            .flat_map(|d| d.terms.get("authors").into_iter().flatten())
            .map(|t| t.slug.clone())
            .collect();
        for profile in shared.iter().filter(|p| writers.contains(slug_of(&p.path))) {
            let path = format!("{prefix}{}", profile.path);
            if !docs
                .iter()
                .any(|d| d.kind == DocKind::Profile && d.path == path)
            {
                let mut copy = profile.clone();
                copy.path = path;
                docs.push(copy);
            }
        }
    }
}

/// The last segment of a path: what `translation_of` names.
fn slug_of(path: &str) -> &str {
    path.trim_end_matches('/').rsplit('/').next().unwrap_or("")
}

/// Same-site translation pairs of `articles` (a site's own), by index: used while assembling,
/// before other languages are known, to keep translations out of "related".
pub fn same_site_translations(articles: &[Document]) -> Vec<Vec<usize>> {
    let refs: Vec<(usize, usize, &Document)> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (0, i, a))
        .collect();
    let groups = groups(&refs);
    let mut links = vec![Vec::new(); articles.len()];
    for group in groups {
        for &(_, i) in &group {
            links[i] = group.iter().map(|&(_, j)| j).filter(|&j| j != i).collect();
            links[i].sort_unstable();
        }
    }
    links
}

/// Groups of articles that translate one another through `translation_of` (naming the other's
/// slug), as (site, article) indices; links are transitive.
fn groups(articles: &[(usize, usize, &Document)]) -> Vec<Vec<(usize, usize)>> {
    let n = articles.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let union = |a: usize, b: usize, parent: &mut Vec<usize>| {
        let (ra, rb) = (find(parent, a), find(parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    };
    let mut by_slug: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, (_, _, a)) in articles.iter().enumerate() {
        by_slug.entry(slug_of(&a.path)).or_default().push(k);
    }
    for (k, (site, _, a)) in articles.iter().enumerate() {
        if let Some(targets) = a.translation_of.as_deref().and_then(|s| by_slug.get(s)) {
            // Prefer the article of that slug in another language; the same site's otherwise.
            let other = targets.iter().find(|&&t| articles[t].0 != *site && t != k);
            if let Some(&t) = other.or_else(|| targets.iter().find(|&&t| t != k)) {
                union(k, t, &mut parent);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
    for (k, &(site, index, _)) in articles.iter().enumerate() {
        let root = find(&mut parent, k);
        groups.entry(root).or_default().push((site, index));
    }
    groups.into_values().filter(|g| g.len() > 1).collect()
}

/// Fills [`Site::translated`] (and [`Site::translations`], within each site) from the links
/// between every language's articles, and [`Site::page_translated`] likewise for standalone
/// pages (About, Methodology): the same path under two prefixes, or `translation_of`.
fn link_translations(sites: &mut [Site]) {
    let (translated, same_site) = translations_among(sites, |s| &s.articles, |_| true);
    let (pages, _) = translations_among(sites, |s| &s.pages, |d| d.kind == DocKind::Page);
    for (((site, translated), same), pages) in
        sites.iter_mut().zip(translated).zip(same_site).zip(pages)
    {
        site.translated = translated;
        site.translations = same;
        site.page_translated = pages;
    }
}

/// Per site, per document of `docs(site)`: its translations in every language, and the indices
/// of those in the same site. Only documents `counts` accepts take part.
#[allow(clippy::type_complexity)]
fn translations_among(
    sites: &[Site],
    docs: impl Fn(&Site) -> &Vec<Document>,
    counts: impl Fn(&Document) -> bool,
) -> (Vec<Vec<Vec<Translation>>>, Vec<Vec<Vec<usize>>>) {
    let mut refs: Vec<(usize, usize, &Document)> = Vec::new();
    for (s, site) in sites.iter().enumerate() {
        refs.extend(
            docs(site)
                .iter()
                .enumerate()
                .filter(|(_, d)| counts(d))
                .map(|(i, a)| (s, i, a)),
        );
    }
    // The same path under two prefixes is one document in two languages.
    let mut local: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, (s, _, a)) in refs.iter().enumerate() {
        let within = a
            .path
            .strip_prefix(sites[*s].prefix.as_str())
            .unwrap_or(&a.path);
        local.entry(within).or_default().push(k);
    }
    let mut groups = groups(&refs);
    for same in local.values().filter(|ks| ks.len() > 1) {
        let members: Vec<(usize, usize)> = same.iter().map(|&k| (refs[k].0, refs[k].1)).collect();
        groups.push(members);
    }
    let groups = merge_groups(groups);
    let mut translated: Vec<Vec<Vec<Translation>>> = sites
        .iter()
        .map(|s| vec![Vec::new(); docs(s).len()])
        .collect();
    let mut same_site: Vec<Vec<Vec<usize>>> = sites
        .iter()
        .map(|s| vec![Vec::new(); docs(s).len()])
        .collect();
    for group in &groups {
        for &(s, i) in group {
            for &(t, j) in group.iter().filter(|&&m| m != (s, i)) {
                let other = &docs(&sites[t])[j];
                translated[s][i].push(Translation {
                    language: other
                        .language
                        .clone()
                        .unwrap_or_else(|| sites[t].language.clone()),
                    title: other.title.clone(),
                    path: other.path.clone(),
                });
                if s == t {
                    same_site[s][i].push(j);
                }
            }
            translated[s][i].sort_by(|a, b| (&a.language, &a.path).cmp(&(&b.language, &b.path)));
            same_site[s][i].sort_unstable();
        }
    }
    (translated, same_site)
}

/// Joins groups that share a member, so links stay transitive across both kinds of link.
fn merge_groups(groups: Vec<Vec<(usize, usize)>>) -> Vec<Vec<(usize, usize)>> {
    let mut merged: Vec<Vec<(usize, usize)>> = Vec::new();
    for group in groups {
        let mut group = group;
        let mut k = 0;
        while k < merged.len() {
            if merged[k].iter().any(|m| group.contains(m)) {
                group.extend(merged.swap_remove(k));
            } else {
                k += 1;
            }
        }
        group.sort_unstable();
        group.dedup();
        merged.push(group);
    }
    merged
}
