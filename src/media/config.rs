//! The `[images]` and `[labels]` tables of site.toml.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::i18n::{plural::Category, Message};

/// How images are resized (`[images]` in site.toml).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ImagesConfig {
    /// Resize JPEG, PNG and WebP images to these widths (those narrower than the original).
    pub process: bool,
    pub widths: Vec<u32>,
    /// Also write each width as WebP.
    pub webp: bool,
    /// Lossy quality (1–100) for JPEG and for WebP made from photographs.
    pub quality: u8,
    /// The `sizes` attribute: how wide the image is shown at each viewport width.
    pub sizes: String,
    /// Larger files are an error rather than a slow build or an exhausted machine.
    pub max_file_mb: f64,
    /// Likewise for width × height, in megapixels.
    pub max_megapixels: f64,
    /// Where resized images are kept between builds, relative to the site root.
    pub cache_dir: String,
}

impl Default for ImagesConfig {
    fn default() -> Self {
        ImagesConfig {
            process: true,
            widths: vec![480, 960, 1600],
            webp: true,
            quality: 80,
            sizes: "(min-width: 48rem) 44rem, calc(100vw - 2rem)".into(),
            max_file_mb: 25.0,
            max_megapixels: 50.0,
            cache_dir: ".briefgen-cache/images".into(),
        }
    }
}

impl ImagesConfig {
    /// Checks values serde cannot; the message names the key.
    pub fn validate(&self) -> Result<(), String> {
        if self.widths.is_empty() || self.widths.iter().any(|w| *w == 0 || *w > 8000) {
            return Err("[images] widths must list widths between 1 and 8000 pixels".into());
        }
        if !(1..=100).contains(&self.quality) {
            return Err("[images] quality must be between 1 and 100".into());
        }
        if self.max_file_mb <= 0.0 || self.max_megapixels <= 0.0 {
            return Err("[images] max_file_mb and max_megapixels must be positive".into());
        }
        Ok(())
    }
}

/// `[labels]` in site.toml: the site's own words for what figures, charts, callouts and the PDF
/// box show readers, in the site's default language. Each key set here overrides the
/// interface string it names (see [`LabelsConfig::strings`]), over the built-in translation and
/// the site's `i18n/<lang>.toml`; pages in other languages use their own translations.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LabelsConfig {
    /// "Figure" in "Figure 2".
    pub figure: Option<String>,
    /// Before a figure's credit line.
    pub source: Option<String>,
    /// The toggle that shows a chart's data table.
    pub show_data: Option<String>,
    /// The link to a chart's CSV file.
    pub download_data: Option<String>,
    /// The link to a briefing's PDF.
    pub download_pdf: Option<String>,
    /// "pages" in "12 pages", "page" in "1 page".
    pub pages: Option<String>,
    pub page: Option<String>,
    /// Callout kinds (`> [!KEY-POINTS]`) and their titles; keys are lower-case with hyphens.
    /// Entries here add kinds or rename the built-in ones.
    pub callouts: BTreeMap<String, String>,
}

/// The callout kinds every site has: GitHub's five alerts and a policy brief's own boxes.
/// Their titles are the interface strings `callout_<kind>` (hyphens as `_`).
pub const BUILTIN_CALLOUTS: &[&str] = &[
    "note",
    "tip",
    "important",
    "warning",
    "caution",
    "key-points",
    "recommendations",
    "summary",
];

/// The interface string holding the title of callout `kind`: `key-points` → `callout_key_points`.
pub fn callout_key(kind: &str) -> String {
    format!("callout_{}", kind.replace('-', "_"))
}

impl LabelsConfig {
    /// The interface strings these labels set, as `i18n/<lang>.toml` would write them.
    pub fn strings(&self) -> BTreeMap<String, Message> {
        // The label is text: a brace in it is a brace, not a placeholder.
        let text = |s: &str| s.replace('{', "{{").replace('}', "}}");
        let mut out = BTreeMap::new();
        let mut set = |key: &str, value: String| {
            out.insert(key.to_string(), Message::Text(value));
        };
        if let Some(f) = &self.figure {
            set("figure_number", format!("{} {{number}}", text(f)));
            set("figure_caption_label", format!("{} {{number}}.", text(f)));
        }
        let plain = [
            ("figure_source", &self.source),
            ("chart_show_data", &self.show_data),
            ("chart_download", &self.download_data),
            ("pdf_download", &self.download_pdf),
        ];
        for (key, value) in plain {
            if let Some(v) = value {
                set(key, text(v));
            }
        }
        if self.page.is_some() || self.pages.is_some() {
            let one = text(self.page.as_deref().unwrap_or("page"));
            let other = text(self.pages.as_deref().unwrap_or("pages"));
            out.insert(
                "pdf_size_pages".into(),
                Message::Plural(BTreeMap::from([
                    (Category::One, format!("PDF, {{size}}, {{n}} {one}")),
                    (Category::Other, format!("PDF, {{size}}, {{n}} {other}")),
                ])),
            );
        }
        for (kind, title) in &self.callouts {
            out.insert(callout_key(kind), Message::Text(text(title)));
        }
        out
    }
}
