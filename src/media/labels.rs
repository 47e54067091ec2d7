//! The words figures, charts, callouts and the PDF box show readers ("Figure 2", "Source:",
//! "Show data", "Key points"), in the language of the page a body belongs to. They are
//! interface strings like any other (`src/i18n/builtin/*.toml`, a site's `i18n/<lang>.toml`,
//! and site.toml's `[labels]` for the default language): a Japanese briefing says 図2 and 要点.

use std::sync::{Arc, OnceLock};

use super::config::{callout_key, BUILTIN_CALLOUTS};
use crate::i18n::{Arg, Catalog};

/// One language's labels for body markup.
#[derive(Debug, Clone)]
pub struct Labels {
    catalog: Arc<Catalog>,
    code: String,
}

impl Default for Labels {
    /// The built-in English labels.
    fn default() -> Self {
        static ENGLISH: OnceLock<Arc<Catalog>> = OnceLock::new();
        Labels::new(
            ENGLISH
                .get_or_init(|| Arc::new(Catalog::builtin("en")))
                .clone(),
            "en",
        )
    }
}

impl Labels {
    pub fn new(catalog: Arc<Catalog>, code: &str) -> Labels {
        Labels {
            catalog,
            code: code.to_string(),
        }
    }

    /// The same strings in language `code`.
    pub fn in_language(&self, code: &str) -> Labels {
        Labels::new(self.catalog.clone(), code)
    }

    /// The language the labels are in.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The string `key` with `args`. A site translation whose placeholders do not fit (which
    /// `check` reports as `i18n-placeholder`) falls back to the English string rather than
    /// failing the build over a label.
    pub fn t(&self, key: &str, args: &[(&str, Arg)]) -> String {
        self.catalog
            .language(&self.code)
            .t(key, args)
            .or_else(|_| self.catalog.language("en").t(key, args))
            .unwrap_or_else(|_| key.to_string())
    }

    /// "Figure 2": cross-references and a figure without a caption.
    pub fn figure(&self, number: usize) -> String {
        self.t(
            "figure_number",
            &[("number", Arg::Text(&number.to_string()))],
        )
    }

    /// "Figure 2.": the label before a caption.
    pub fn caption_label(&self, number: usize) -> String {
        self.t(
            "figure_caption_label",
            &[("number", Arg::Text(&number.to_string()))],
        )
    }

    /// Before a figure's credit line: "Source:".
    pub fn source(&self) -> String {
        self.t("figure_source", &[])
    }

    /// The toggle that shows a chart's data table.
    pub fn show_data(&self) -> String {
        self.t("chart_show_data", &[])
    }

    /// The name of a chart's data table for screen readers: "Figure 2 data".
    pub fn data_region(&self, figure: &str) -> String {
        self.t("chart_data_region", &[("figure", Arg::Text(figure))])
    }

    /// The link to a chart's CSV file.
    pub fn download_data(&self) -> String {
        self.t("chart_download", &[])
    }

    /// `items` as a list in the language: "Japan, Korea".
    pub fn list(&self, items: &[&str]) -> String {
        items.join(&self.t("list_comma", &[]))
    }

    /// The title of callout `kind` (lower-case, hyphenated), if the language (or English
    /// behind it) has one: the built-in kinds, and any a site adds as `callout_<kind>`.
    pub fn callout(&self, kind: &str) -> Option<String> {
        let lang = self.catalog.language(&self.code);
        lang.t(&callout_key(kind), &[]).ok()
    }

    /// Every callout kind, for messages.
    pub fn callout_kinds(&self) -> Vec<String> {
        let lang = self.catalog.language(&self.code);
        let mut kinds: Vec<String> = BUILTIN_CALLOUTS
            .iter()
            .map(|k| k.to_string())
            .chain(
                lang.keys_with_prefix("callout_")
                    .into_iter()
                    .map(|k| k["callout_".len()..].replace('_', "-")),
            )
            .collect();
        kinds.sort();
        kinds.dedup();
        kinds
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_follow_the_language_and_english_stays_as_it_was() {
        let en = Labels::default();
        assert_eq!(en.figure(2), "Figure 2");
        assert_eq!(en.caption_label(2), "Figure 2.");
        assert_eq!(en.source(), "Source:");
        assert_eq!(en.callout("key-points").as_deref(), Some("Key points"));
        assert_eq!(en.callout("keypoint"), None);
        let ja = Labels::new(Arc::new(Catalog::builtin("en")), "ja");
        assert_eq!(ja.figure(2), "図2");
        assert_eq!(ja.callout("recommendations").as_deref(), Some("提言"));
        assert_eq!(ja.list(&["日本", "韓国"]), "日本、韓国");
        assert!(ja.callout_kinds().contains(&"key-points".to_string()));
    }
}
