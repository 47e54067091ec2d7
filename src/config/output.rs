//! `[output]` in site.toml: how much each page carries. The defaults keep every feature while
//! leaving out repeats, so a large archive stays within GitHub Pages' 1 GB (README, "Large
//! archives"); each key gives back a fuller form for sites that can afford it.

use serde::{Deserialize, Serialize};

/// `[output]`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct OutputConfig {
    /// How term pages (`tags/x/`, `authors/x/`) list their briefings.
    pub term_listing: TermListing,
    /// Briefings per term page when the taxonomy sets no `paginate_by`: 100 by default for
    /// compact listings (a line each); with `cards` the site's `paginate_by`.
    pub term_paginate_by: Option<usize>,
    /// Whether the home page continues over `page/2/`, `page/3/` … Off by default: those pages
    /// repeat the section listings; the home page shows the latest briefings and links the
    /// archive.
    pub home_pagination: bool,
    /// Whether related-briefing cards show a short summary under the title.
    pub related_summaries: bool,
}

/// How term pages list briefings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TermListing {
    /// One line per briefing: date, title and authors, as Hugo's and Zola's default taxonomy
    /// pages list them.
    #[default]
    Compact,
    /// The cards of the home page and section listings, with summaries and tags.
    Cards,
}

/// Briefings per compact term page unless `term_paginate_by` says otherwise.
pub const COMPACT_PAGINATE_BY: usize = 100;

impl Default for OutputConfig {
    fn default() -> Self {
        OutputConfig {
            term_listing: TermListing::Compact,
            term_paginate_by: None,
            home_pagination: false,
            related_summaries: false,
        }
    }
}

impl OutputConfig {
    /// Briefings per term page of a taxonomy whose own `paginate_by` is `own`, on a site
    /// paginating its listings by `site`.
    pub fn term_paginate_by(&self, own: Option<usize>, site: usize) -> usize {
        own.or(self.term_paginate_by)
            .unwrap_or(match self.term_listing {
                TermListing::Compact => COMPACT_PAGINATE_BY,
                TermListing::Cards => site,
            })
    }

    /// The problem with these settings, if any: `(key, message)`.
    pub fn validate(&self) -> Option<(&'static str, String)> {
        (self.term_paginate_by == Some(0)).then(|| {
            (
                "term_paginate_by",
                "`[output] term_paginate_by` must be at least 1".to_string(),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn term_pages_per_listing() {
        let compact = OutputConfig::default();
        assert_eq!(compact.term_paginate_by(None, 10), COMPACT_PAGINATE_BY);
        assert_eq!(compact.term_paginate_by(Some(7), 10), 7);
        let cards = OutputConfig {
            term_listing: TermListing::Cards,
            ..OutputConfig::default()
        };
        assert_eq!(cards.term_paginate_by(None, 10), 10);
        let set = OutputConfig {
            term_paginate_by: Some(25),
            ..cards
        };
        assert_eq!(set.term_paginate_by(None, 10), 25);
        assert!(set.validate().is_none());
        let zero = OutputConfig {
            term_paginate_by: Some(0),
            ..OutputConfig::default()
        };
        assert_eq!(zero.validate().unwrap().0, "term_paginate_by");
    }
}
