//! The `[images]` and `[labels]` tables of site.toml.

use std::collections::BTreeMap;

use serde::Deserialize;

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

/// Words the figure, chart and callout markup shows readers (`[labels]` in site.toml), so a
/// site in another language, or with its own house style, says them its way.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Labels {
    /// "Figure" in "Figure 2".
    pub figure: String,
    /// Before a figure's credit line.
    pub source: String,
    /// The toggle that shows a chart's data table.
    pub show_data: String,
    /// The link to a chart's CSV file.
    pub download_data: String,
    /// The link to a briefing's PDF.
    pub download_pdf: String,
    /// "pages" in "12 pages", "page" in "1 page".
    pub pages: String,
    pub page: String,
    /// Callout kinds (`> [!KEY-POINTS]`) and their titles; keys are lower-case with hyphens.
    /// Entries here add kinds or rename the built-in ones.
    pub callouts: BTreeMap<String, String>,
}

impl Default for Labels {
    fn default() -> Self {
        Labels {
            figure: "Figure".into(),
            source: "Source:".into(),
            show_data: "Show data".into(),
            download_data: "Download the data (CSV)".into(),
            download_pdf: "Download the full report (PDF)".into(),
            pages: "pages".into(),
            page: "page".into(),
            callouts: BTreeMap::new(),
        }
    }
}

/// The callout kinds every site has: GitHub's five alerts and a policy brief's own boxes.
pub const BUILTIN_CALLOUTS: &[(&str, &str)] = &[
    ("note", "Note"),
    ("tip", "Tip"),
    ("important", "Important"),
    ("warning", "Warning"),
    ("caution", "Caution"),
    ("key-points", "Key points"),
    ("recommendations", "Recommendations"),
    ("summary", "Summary"),
];

impl Labels {
    /// The title of callout `kind` (lower-case, hyphenated), if it is one.
    pub fn callout(&self, kind: &str) -> Option<&str> {
        self.callouts.get(kind).map(String::as_str).or_else(|| {
            BUILTIN_CALLOUTS
                .iter()
                .find(|(k, _)| *k == kind)
                .map(|(_, label)| *label)
        })
    }

    /// Every callout kind, for messages.
    pub fn callout_kinds(&self) -> Vec<String> {
        let mut kinds: Vec<String> = BUILTIN_CALLOUTS
            .iter()
            .map(|(k, _)| k.to_string())
            .chain(self.callouts.keys().cloned())
            .collect();
        kinds.sort();
        kinds.dedup();
        kinds
    }
}
