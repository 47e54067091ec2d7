//! Stage 4: the site model. Documents are sorted, grouped into sections and taxonomies, and
//! every output URL is claimed once, so two documents can never write the same page.

pub mod archive;
pub mod languages;
pub mod related;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use crate::config::{SiteConfig, TaxonomyConfig};
use crate::diagnostics::{Code, Diagnostic};
use crate::fxhash::FxMap;
use crate::model::{DocKind, Document};

/// One term of a taxonomy with the articles filed under it, newest first.
#[derive(Debug, Clone)]
pub struct Term {
    pub name: String,
    pub slug: String,
    /// Root-relative path, e.g. `tags/north-korea/`.
    pub path: String,
    /// Indices into [`Site::articles`].
    pub articles: Vec<usize>,
}

/// A taxonomy with its terms sorted by name.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    pub config: TaxonomyConfig,
    pub title: String,
    pub path: String,
    pub terms: Vec<Term>,
}

/// A content folder: its articles, newest first, and its optional `_index.md`.
#[derive(Debug, Clone)]
pub struct Section {
    pub name: String,
    pub title: String,
    pub description: Option<String>,
    pub path: String,
    /// Index into [`Site::pages`] of the `_index.md`, when there is one.
    pub index: Option<usize>,
    pub articles: Vec<usize>,
}

/// Everything the renderer needs, with no file-system access left to do.
#[derive(Debug)]
pub struct Site {
    pub config: SiteConfig,
    /// Briefings, newest first (undated last).
    pub articles: Vec<Document>,
    /// Standalone pages and section indexes.
    pub pages: Vec<Document>,
    pub sections: Vec<Section>,
    pub taxonomies: Vec<Taxonomy>,
    /// Author profiles by author slug.
    pub profiles: HashMap<String, Document>,
    /// Related articles of each article, best first.
    pub related: Vec<Vec<usize>>,
    /// Dated articles by year and month.
    pub archive: Vec<archive::Year>,
    /// Articles of this site that are translations of each other (both ways), by article
    /// index.
    pub translations: Vec<Vec<usize>>,
    /// Every translation of each article, in this site or another language's.
    pub translated: Vec<Vec<languages::Translation>>,
    /// Every translation of each standalone page (by index in `pages`; empty for sections).
    pub page_translated: Vec<Vec<languages::Translation>>,
    /// The language this site is published in.
    pub language: String,
    /// Where its pages live: `""`, or `ja/` for a second language.
    pub prefix: String,
    /// The site in its other languages (only on the default language's site): each is a
    /// complete site under its own prefix.
    pub languages: Vec<Site>,
}

/// How many related briefings each article shows.
pub const RELATED_MAX: usize = 4;

impl Site {
    /// Assembles the model: one site, or on a multilingual site the default language's with
    /// the others in [`Site::languages`]. Drafts must already be filtered out.
    pub fn assemble(config: SiteConfig, documents: Vec<Document>) -> Result<Site, Vec<Diagnostic>> {
        let site = languages::assemble(config, documents)?;
        site.check_unique_paths()?;
        Ok(site)
    }

    /// Assembles the site of one language from its documents.
    fn assemble_language(
        config: SiteConfig,
        documents: Vec<Document>,
        language: String,
        prefix: String,
    ) -> Site {
        let (mut articles, pages, profiles) = split_documents(documents);
        articles.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.path.cmp(&b.path)));

        let sections = build_sections(&articles, &pages, &prefix);

        let mut taxonomies: Vec<Taxonomy> = config
            .taxonomies
            .iter()
            .map(|tc| build_taxonomy(tc, &articles, &prefix))
            .collect();
        add_profiled_authors(&mut taxonomies, &profiles, &prefix);
        // Terms list their articles newest first (ascending indices), except in ordered
        // taxonomies, which list them oldest first: only those need a copy.
        let term_articles: FxMap<(&str, &str), Cow<[usize]>> = taxonomies
            .iter()
            .flat_map(|t| {
                t.terms.iter().map(|term| {
                    let newest_first = if t.config.ordered {
                        Cow::Owned(term.articles.iter().rev().copied().collect())
                    } else {
                        Cow::Borrowed(term.articles.as_slice())
                    };
                    ((t.config.name.as_str(), term.slug.as_str()), newest_first)
                })
            })
            .collect();
        let translations = languages::same_site_translations(&articles);
        let mut related = related::related(&articles, &term_articles, RELATED_MAX + 2);
        // A translation of the same briefing is linked as such, not recommended as related.
        for (list, own) in related.iter_mut().zip(&translations) {
            list.retain(|j| !own.contains(j));
            list.truncate(RELATED_MAX);
        }
        let archive = archive::build(&articles, &prefix);
        Site {
            config,
            articles,
            pages,
            sections: sections.into_values().collect(),
            taxonomies,
            profiles,
            related,
            archive,
            translations,
            translated: Vec::new(),
            page_translated: Vec::new(),
            language,
            prefix,
            languages: Vec::new(),
        }
    }

    /// This site and its other languages'.
    pub fn all_languages(&self) -> impl Iterator<Item = &Site> {
        std::iter::once(self).chain(&self.languages)
    }

    /// Every page URL must come from exactly one place, across every language.
    fn check_unique_paths(&self) -> Result<(), Vec<Diagnostic>> {
        let mut claimed: HashMap<String, String> = HashMap::new();
        let mut errors = Vec::new();
        for site in self.all_languages() {
            for (path, owner) in site.claims() {
                if let Some(first) = claimed.get(&path) {
                    errors.push(
                        Diagnostic::error(
                            Code::DuplicateUrl,
                            format!("two sources produce the page /{path}: {first} and {owner}"),
                        )
                        .with_hint("give one of them a different `slug` in its front matter, or rename the file"),
                    );
                } else {
                    claimed.insert(path, owner);
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// The pages this language's site makes, each with what makes it.
    fn claims(&self) -> Vec<(String, String)> {
        let lang = if self.prefix.is_empty() {
            String::new()
        } else {
            format!(" ({})", self.language)
        };
        let p = &self.prefix;
        let mut out = vec![
            (p.clone(), format!("the home page{lang}")),
            (format!("{p}archive/"), format!("the date archive{lang}")),
            (format!("{p}search/"), format!("the search page{lang}")),
        ];
        for y in &self.archive {
            out.push((y.path.clone(), format!("the {} archive{lang}", y.year)));
        }
        for t in &self.taxonomies {
            out.push((
                t.path.clone(),
                format!("the `{}` taxonomy{lang}", t.config.name),
            ));
        }
        for s in self.sections.iter().filter(|s| s.index.is_none()) {
            out.push((s.path.clone(), format!("the section {}{lang}", s.name)));
        }
        for d in self.articles.iter().chain(&self.pages) {
            out.push((d.path.clone(), d.file.display().to_string()));
        }
        out
    }

    /// Every document: articles, pages (section indexes included) and author profiles.
    pub fn documents(&self) -> Box<dyn Iterator<Item = &Document> + '_> {
        Box::new(
            self.all_languages()
                .flat_map(|s| s.articles.iter().chain(&s.pages).chain(s.profiles.values())),
        )
    }

    /// Every document of every language, to fill in place (bodies rendered to HTML).
    pub fn documents_mut(&mut self) -> Vec<&mut Document> {
        let mut out: Vec<&mut Document> = Vec::new();
        out.extend(self.articles.iter_mut());
        out.extend(self.pages.iter_mut());
        out.extend(self.profiles.values_mut());
        for other in &mut self.languages {
            out.extend(other.documents_mut());
        }
        out
    }

    /// Output path of every document by its content path, for `@/` links.
    pub fn content_paths(&self) -> HashMap<String, String> {
        self.all_languages()
            .flat_map(|s| s.articles.iter().chain(&s.pages))
            .map(|d| (d.rel.clone(), d.path.clone()))
            .collect()
    }
}

/// Articles, pages (section indexes included) and author profiles by the author's slug.
fn split_documents(
    documents: Vec<Document>,
) -> (Vec<Document>, Vec<Document>, HashMap<String, Document>) {
    let (articles, pages): (Vec<_>, Vec<_>) = documents
        .into_iter()
        .partition(|d| d.kind == DocKind::Article);
    let (profiles, pages): (Vec<_>, Vec<_>) =
        pages.into_iter().partition(|d| d.kind == DocKind::Profile);
    let profiles: HashMap<String, Document> = profiles
        .into_iter()
        .map(|p| {
            (
                p.path
                    .trim_end_matches('/')
                    .rsplit('/')
                    .next()
                    .unwrap_or("")
                    .to_string(),
                p,
            )
        })
        .collect();
    (articles, pages, profiles)
}

/// Sections by name, each with its articles' indices and its `_index.md` page, if any.
fn build_sections(
    articles: &[Document],
    pages: &[Document],
    prefix: &str,
) -> BTreeMap<String, Section> {
    let mut sections: BTreeMap<String, Section> = BTreeMap::new();
    for (i, a) in articles.iter().enumerate() {
        sections
            .entry(a.section.clone())
            .or_insert_with(|| new_section(&a.section, prefix))
            .articles
            .push(i);
    }
    for (i, p) in pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == DocKind::SectionIndex)
    {
        let section = sections
            .entry(p.section.clone())
            .or_insert_with(|| new_section(&p.section, prefix));
        section.title = p.title.clone();
        section.description = p.description.clone().or_else(|| p.summary.clone());
        section.index = Some(i);
    }
    sections
}

/// An author with a profile has a page even before their first briefing.
fn add_profiled_authors(
    taxonomies: &mut [Taxonomy],
    profiles: &HashMap<String, Document>,
    prefix: &str,
) {
    if let Some(authors) = taxonomies.iter_mut().find(|t| t.config.name == "authors") {
        for (slug, profile) in profiles {
            if !authors.terms.iter().any(|t| &t.slug == slug) {
                authors.terms.push(Term {
                    name: profile.title.clone(),
                    slug: slug.clone(),
                    path: format!("{prefix}authors/{slug}/"),
                    articles: Vec::new(),
                });
            }
        }
        authors.terms.sort_by(|a, b| {
            a.name
                .to_lowercase()
                .cmp(&b.name.to_lowercase())
                .then_with(|| a.slug.cmp(&b.slug))
        });
    }
}

fn new_section(name: &str, prefix: &str) -> Section {
    let mut chars = name.chars();
    let title = chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default();
    Section {
        name: name.to_string(),
        title,
        description: None,
        path: format!("{prefix}{name}/"),
        index: None,
        articles: Vec::new(),
    }
}

fn build_taxonomy(config: &TaxonomyConfig, articles: &[Document], prefix: &str) -> Taxonomy {
    /// Spellings of one term with how often each is used (first-seen order), and its articles.
    type Usage<'a> = (Vec<(&'a str, usize)>, Vec<usize>);
    let mut by_slug: HashMap<&str, Usage> = HashMap::new();
    // Articles are newest first; spellings are counted oldest first so an early spelling
    // stays the display name as the archive grows.
    for (i, a) in articles.iter().enumerate().rev() {
        for t in a.terms.get(&config.name).into_iter().flatten() {
            let entry = by_slug.entry(t.slug.as_str()).or_default();
            match entry.0.iter_mut().find(|(n, _)| *n == t.name) {
                Some((_, count)) => *count += 1,
                None => entry.0.push((t.name.as_str(), 1)),
            }
            entry.1.push(i);
        }
    }
    let mut terms: Vec<Term> = by_slug
        .into_iter()
        .map(|(slug, (spellings, mut ids))| {
            // Most used spelling wins; on a tie the earliest (max_by_key keeps the last max).
            let name = spellings
                .iter()
                .rev()
                .max_by_key(|(_, c)| *c)
                .map_or(slug, |(n, _)| n)
                .to_string();
            ids.sort_unstable();
            if config.ordered {
                ids.reverse();
            }
            Term {
                path: format!("{prefix}{}/{}/", config.name, slug),
                name,
                slug: slug.to_string(),
                articles: ids,
            }
        })
        .collect();
    terms.sort_by(|a, b| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then_with(|| a.slug.cmp(&b.slug))
    });
    Taxonomy {
        title: config.title(),
        path: format!("{prefix}{}/", config.name),
        config: config.clone(),
        terms,
    }
}

/// One page of a paginated listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pager {
    /// 1-based page number.
    pub number: usize,
    pub total_pages: usize,
    /// Root-relative path of this page.
    pub path: String,
    /// Range into the listing's items.
    pub start: usize,
    pub end: usize,
}

/// Path of page `n` of a listing whose first page is `base`.
pub fn pager_path(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{n}/")
    }
}

/// Splits `len` items into pages of `per_page`; an empty listing still has one page.
pub fn paginate(base: &str, len: usize, per_page: usize) -> Vec<Pager> {
    let per_page = per_page.max(1);
    let total_pages = len.div_ceil(per_page).max(1);
    (1..=total_pages)
        .map(|number| Pager {
            number,
            total_pages,
            path: pager_path(base, number),
            start: (number - 1) * per_page,
            end: (number * per_page).min(len),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagination_paths_and_ranges() {
        let pages = paginate("tags/x/", 25, 10);
        assert_eq!(pages.len(), 3);
        assert_eq!(pages[0].path, "tags/x/");
        assert_eq!(pages[1].path, "tags/x/page/2/");
        assert_eq!((pages[2].start, pages[2].end), (20, 25));
        assert_eq!(paginate("", 0, 10).len(), 1);
        assert_eq!(paginate("", 10, 10).len(), 1);
    }
}
