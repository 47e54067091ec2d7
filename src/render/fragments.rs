//! Per-article HTML fragments (listing cards, related-briefing cards) rendered once and pasted
//! into every page that shows them.
//!
//! An article appears as a card on the home page, its section and each of its term pages, and
//! as a related card on several other articles: about ten renders of the same partial per
//! article. Rendering it once, with a placeholder where the page-relative `root` goes, and
//! substituting the placeholder after the page is rendered gives byte-identical output for a
//! tenth of the template work.

use std::sync::OnceLock;

use serde_json::Value;

use crate::diagnostics::Diagnostic;

/// Stands for the page's `root` inside fragments until the page is rendered.
///
/// A Unicode noncharacter: never meaningful in HTML text, untouched by HTML escaping.
pub const ROOT_MARK: &str = "\u{FDD0}";

/// Which partial a fragment comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fragment {
    /// `partials/card.html`, the card of home, section and term listings.
    Card,
    /// `partials/related_card.html`, the compact card under "Related briefings".
    Related,
    /// `partials/entry.html`, one line of a compact term listing.
    Entry,
}

impl Fragment {
    pub fn template(self) -> &'static str {
        match self {
            Fragment::Card => "partials/card.html",
            Fragment::Related => "partials/related_card.html",
            Fragment::Entry => "partials/entry.html",
        }
    }

    /// Every kind, in declaration order, so `kind as usize` is its place here.
    pub const ALL: [Fragment; 3] = [Fragment::Card, Fragment::Related, Fragment::Entry];

    /// The key under which the fragment is added to an ArticleSummary in listings.
    pub fn key(self) -> &'static str {
        match self {
            Fragment::Card => "card_html",
            Fragment::Related => "related_html",
            Fragment::Entry => "entry_html",
        }
    }
}

type Slot = OnceLock<Result<String, Diagnostic>>;

/// Fragments of every article, each rendered on first use: one slot per article per kind,
/// indexed by the kind's place in [`Fragment::ALL`].
pub struct Fragments {
    slots: [Vec<Slot>; Fragment::ALL.len()],
}

impl Fragments {
    pub fn new(articles: usize) -> Fragments {
        Fragments {
            slots: Fragment::ALL.map(|_| (0..articles).map(|_| OnceLock::new()).collect()),
        }
    }

    /// Forgets article `i`'s fragments after its summary changed.
    pub fn forget(&mut self, i: usize) {
        for slots in &mut self.slots {
            slots[i] = OnceLock::new();
        }
    }

    /// Article `i`'s fragment of `kind`, rendering it with `render` on first use.
    pub fn get(
        &self,
        kind: Fragment,
        i: usize,
        render: impl FnOnce() -> Result<String, Diagnostic>,
    ) -> Result<&str, Diagnostic> {
        self.slots[kind as usize][i]
            .get_or_init(render)
            .as_deref()
            .map_err(Clone::clone)
    }
}

/// The context a fragment is rendered with: the article as `a`, the placeholder `root`, and
/// `site`.
pub fn context(summary: &Value, site: &Value) -> super::engine::Context {
    super::engine::context(super::context::values([
        ("a", summary.clone()),
        ("root", Value::String(ROOT_MARK.into())),
        ("site", site.clone()),
    ]))
}

/// Replaces every [`ROOT_MARK`] in a rendered page with the page's `root`.
pub fn fill_root(page: Vec<u8>, root: &str) -> Vec<u8> {
    let finder = memchr::memmem::Finder::new(ROOT_MARK.as_bytes());
    let mut found = finder.find_iter(&page).peekable();
    if found.peek().is_none() {
        return page;
    }
    let mut out = Vec::with_capacity(page.len() + page.len() / 16);
    let mut start = 0;
    for at in found {
        out.extend_from_slice(&page[start..at]);
        out.extend_from_slice(root.as_bytes());
        start = at + ROOT_MARK.len();
    }
    out.extend_from_slice(&page[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_every_mark() {
        let page = format!("<a href=\"{ROOT_MARK}x/\">x</a> <a href=\"{ROOT_MARK}y/\">é</a>");
        assert_eq!(
            fill_root(page.into_bytes(), "../../"),
            "<a href=\"../../x/\">x</a> <a href=\"../../y/\">é</a>".as_bytes()
        );
        assert_eq!(fill_root(b"plain".to_vec(), "./"), b"plain");
    }
}
