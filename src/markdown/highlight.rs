//! Code highlighting with syntect, emitting CSS classes so themes switch without re-rendering.

use std::sync::OnceLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Class prefix keeps syntect's names (`string`, `keyword`…) clear of the theme's own CSS.
const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Blocks larger than this are left plain: highlighting cost grows with grammar complexity and
/// a megabyte of data is not read for its colours.
const MAX_HIGHLIGHT_BYTES: usize = 256 * 1024;

/// The syntax set, loaded once per process and shared by every thread.
pub fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Highlights `code` written in `lang`; `None` when the language is unknown or the block is huge.
pub fn highlight(lang: &str, code: &str) -> Option<String> {
    if lang.is_empty() || code.len() > MAX_HIGHLIGHT_BYTES {
        return None;
    }
    let set = syntaxes();
    let syntax = set
        .find_syntax_by_token(lang)
        .or_else(|| set.find_syntax_by_token(&lang.to_ascii_lowercase()))?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

/// Names of the built-in highlight themes.
pub fn theme_names() -> Vec<String> {
    ThemeSet::load_defaults().themes.keys().cloned().collect()
}

/// The stylesheet for a built-in theme, or an error listing the themes there are.
pub fn theme_css(name: &str) -> Result<String, String> {
    let set = ThemeSet::load_defaults();
    let theme = set.themes.get(name).ok_or_else(|| {
        format!(
            "unknown highlight_theme `{name}`; available: {}",
            set.themes.keys().cloned().collect::<Vec<_>>().join(", ")
        )
    })?;
    css_for_theme_with_class_style(theme, CLASS_STYLE)
        .map_err(|e| format!("cannot build CSS for `{name}`: {e}"))
}
