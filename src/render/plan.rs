//! The output plan: every file a site's pages make, each with the kind of page that defines its
//! path, template, inputs and context (see [`super::pages`]). `build` renders the whole plan,
//! `serve` the part an edit made dirty, `check` walks it in memory.

use super::pages::{archive, article, feed, listing, page, sitemap, term, Output};
use crate::model::DocKind;
use crate::site::{paginate, Pager, Site};

macro_rules! index_id {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub usize);
    )*};
}

index_id!(
    /// An index into [`Site::articles`].
    ArticleId,
    /// An index into [`Site::pages`].
    PageId,
    /// An index into [`Site::sections`].
    SectionId,
    /// An index into [`Site::taxonomies`].
    TaxonomyId,
    /// An index into [`Site::archive`].
    YearId,
    /// A 0-based page of a paginated listing: page 1 is `PageNo(0)`.
    PageNo,
);

/// One term of one taxonomy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TermId {
    pub taxonomy: TaxonomyId,
    /// Index into the taxonomy's `terms`.
    pub term: usize,
}

/// Where a file goes and which template renders it: the part of an output's definition every
/// render needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Path under the output root, e.g. `briefings/x/index.html`.
    pub file: String,
    pub template: &'static str,
}

impl Target {
    /// An HTML page at the directory URL `path` (`""` for the home page).
    pub fn page(path: &str, template: &'static str) -> Target {
        Target {
            file: format!("{path}index.html"),
            template,
        }
    }

    /// A file at the root rendered by the template of the same name (`sitemap.xml`).
    pub fn file(name: &'static str) -> Target {
        Target {
            file: name.into(),
            template: name,
        }
    }

    /// The page's directory URL, or the file itself when it is not an `index.html`.
    pub fn path(&self) -> &str {
        self.file.strip_suffix("index.html").unwrap_or(&self.file)
    }
}

/// What an output file shows, so a rebuild can tell which files an edit touches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inputs {
    /// Path of the document the page shows in full, if any.
    pub own: Option<String>,
    /// Paths of the articles it lists (or links to, for neighbours).
    pub listed: Vec<String>,
    /// Everything else it shows (page numbers, term counts …), hashed.
    pub meta: u64,
}

/// An output's full definition: target plus inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputKey {
    pub target: Target,
    pub inputs: Inputs,
}

/// Pagers of every listing and the neighbours of every article, computed once per site.
pub struct Listings {
    pub home: Vec<Pager>,
    pub sections: Vec<Vec<Pager>>,
    /// Per taxonomy, per term.
    pub terms: Vec<Vec<Vec<Pager>>>,
    /// (older, newer) neighbours of each article within its section.
    pub neighbours: Vec<(Option<usize>, Option<usize>)>,
    /// Every article index, newest first: the home listing and the site feed.
    pub all: Vec<usize>,
}

impl Listings {
    pub fn new(site: &Site) -> Listings {
        let per_page = site.config.paginate_by;
        let mut neighbours = vec![(None, None); site.articles.len()];
        for s in &site.sections {
            for (pos, &i) in s.articles.iter().enumerate() {
                let newer = pos.checked_sub(1).map(|p| s.articles[p]);
                neighbours[i] = (s.articles.get(pos + 1).copied(), newer);
            }
        }
        let output = &site.config.output;
        // Without home pagination the home page shows the first page's briefings only.
        let home_len = match output.home_pagination {
            true => site.articles.len(),
            false => site.articles.len().min(per_page),
        };
        Listings {
            home: paginate(&site.prefix, home_len, per_page),
            sections: site
                .sections
                .iter()
                .map(|s| paginate(&s.path, s.articles.len(), per_page))
                .collect(),
            terms: site
                .taxonomies
                .iter()
                .map(|t| {
                    let per = output.term_paginate_by(t.config.paginate_by, per_page);
                    t.terms
                        .iter()
                        .map(|term| paginate(&term.path, term.articles.len(), per))
                        .collect()
                })
                .collect(),
            neighbours,
            all: (0..site.articles.len()).collect(),
        }
    }

    /// Every output file of the site, in the order they are rendered.
    pub fn plan(&self, site: &Site) -> Vec<Output> {
        let feeds = site.config.feed.enabled;
        let mut plan: Vec<Output> = (0..site.articles.len())
            .map(|i| Output::Article(article::Article(ArticleId(i))))
            .collect();
        plan.extend((0..self.home.len()).map(|n| Output::Home(listing::Home(PageNo(n)))));
        plan.extend(
            site.pages
                .iter()
                .enumerate()
                .filter(|(_, p)| p.kind == DocKind::Page)
                .map(|(i, _)| Output::Page(page::Page(PageId(i)))),
        );
        for (s, pagers) in self.sections.iter().enumerate() {
            plan.extend((0..pagers.len()).map(|n| {
                Output::Section(listing::Section {
                    section: SectionId(s),
                    page: PageNo(n),
                })
            }));
        }
        for (t, tax) in site.taxonomies.iter().enumerate() {
            let taxonomy = TaxonomyId(t);
            plan.push(Output::TaxonomyList(term::TaxonomyList(taxonomy)));
            for (term, pagers) in self.terms[t].iter().enumerate() {
                let id = TermId { taxonomy, term };
                plan.extend((0..pagers.len()).map(|n| {
                    Output::Term(term::TermPage {
                        term: id,
                        page: PageNo(n),
                    })
                }));
                if tax.config.feed && feeds {
                    plan.push(Output::TermFeed(feed::TermFeed(id)));
                }
            }
        }
        if feeds {
            plan.push(Output::SiteFeed(feed::SiteFeed));
        }
        plan.extend([
            Output::Archive(archive::Archive),
            Output::Search(page::Search),
            // `404.html`, and `ja/404.html` in Japanese for hosts that serve the nearest one.
            Output::NotFound(page::NotFound),
        ]);
        // One sitemap and robots.txt for the whole site, made by the default language's site
        // (which holds the others).
        if site.prefix.is_empty() {
            plan.push(Output::Robots(page::Robots));
            plan.extend(
                (0..=sitemap::parts(site)).map(|part| Output::Sitemap(sitemap::Sitemap(part))),
            );
        }
        plan.extend(
            (0..site.archive.len()).map(|y| Output::ArchiveYear(archive::ArchiveYear(YearId(y)))),
        );
        plan
    }

    /// The own pages of the drafts in `site` (which must have been loaded with drafts): what
    /// `check` renders of them, so a template error a draft triggers is found before it is
    /// published.
    pub fn draft_plan(site: &Site) -> Vec<Output> {
        let articles = site
            .articles
            .iter()
            .enumerate()
            .filter(|(_, a)| a.draft)
            .map(|(i, _)| Output::Article(article::Article(ArticleId(i))));
        let pages = site
            .pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.draft && p.kind == DocKind::Page)
            .map(|(i, _)| Output::Page(page::Page(PageId(i))));
        articles.chain(pages).collect()
    }
}
