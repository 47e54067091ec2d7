//! One definition per kind of page: where each output file goes, which template renders it,
//! what it shows (its inputs, for incremental rebuilds) and its context, side by side, so the
//! three cannot disagree.
//!
//! Adding a kind of page means adding a type that implements [`Kind`] (in a file of its own, or
//! beside its relatives), one line in [`outputs!`] below, and its place in
//! [`super::plan::Listings::plan`].

pub mod archive;
pub mod article;
pub mod feed;
pub mod listing;
pub mod page;
pub mod sitemap;
pub mod term;

use super::plan::{Inputs, OutputKey, Target};
use super::Renderer;
use crate::diagnostics::Diagnostic;

/// A kind of output file.
pub trait Kind {
    /// A short name of the kind, for timings.
    fn name(&self) -> &'static str;
    /// Where the file goes and which template renders it.
    fn target(&self, r: &Renderer) -> Target;
    /// What the file shows: an edit to any of it makes the file dirty.
    fn inputs(&self, r: &Renderer) -> Inputs;
    /// The file's bytes, rendered with `target`'s template.
    fn render(&self, r: &Renderer, target: &Target) -> Result<Vec<u8>, Diagnostic>;
}

/// Declares [`Output`], one variant per kind of page, and its dispatch to [`Kind`].
macro_rules! outputs {
    ($($variant:ident($kind:ty)),* $(,)?) => {
        /// One output file of the plan.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Output {
            $($variant($kind),)*
        }

        impl Output {
            fn kind(&self) -> &dyn Kind {
                match self {
                    $(Output::$variant(page) => page,)*
                }
            }
        }
    };
}

outputs! {
    Article(article::Article),
    Page(page::Page),
    Home(listing::Home),
    Section(listing::Section),
    TaxonomyList(term::TaxonomyList),
    Term(term::TermPage),
    SiteFeed(feed::SiteFeed),
    TermFeed(feed::TermFeed),
    NotFound(page::NotFound),
    Sitemap(sitemap::Sitemap),
    Robots(page::Robots),
    Archive(archive::Archive),
    ArchiveYear(archive::ArchiveYear),
    Search(page::Search),
}

impl Output {
    /// A short name of the output's kind, for timings.
    pub fn name(&self) -> &'static str {
        self.kind().name()
    }

    pub fn target(&self, r: &Renderer) -> Target {
        self.kind().target(r)
    }

    /// The output's full definition: target and inputs.
    pub fn key(&self, r: &Renderer) -> OutputKey {
        OutputKey {
            target: self.kind().target(r),
            inputs: self.kind().inputs(r),
        }
    }

    /// Renders the file: its path under the output root, and its bytes.
    pub fn render(&self, r: &Renderer) -> Result<(String, Vec<u8>), Diagnostic> {
        let target = self.kind().target(r);
        let bytes = self.kind().render(r, &target)?;
        Ok((target.file, bytes))
    }
}

/// Hashes what a page shows beyond the documents it lists.
pub(crate) fn hash_meta(feed: impl FnOnce(&mut std::collections::hash_map::DefaultHasher)) -> u64 {
    use std::hash::Hasher;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    feed(&mut h);
    h.finish()
}
