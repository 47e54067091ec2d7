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

/// The stylesheet for a built-in light theme and, optionally, a dark one used under
/// `prefers-color-scheme: dark`. Token colours are adjusted to WCAG AA contrast (4.5:1) against
/// the theme's background, since most editor themes dim comments below it.
pub fn theme_css(light: &str, dark: Option<&str>) -> Result<String, String> {
    let set = ThemeSet::load_defaults();
    let css_for = |key: &str, name: &str| -> Result<String, String> {
        let theme = set.themes.get(name).ok_or_else(|| {
            format!(
                "unknown {key} `{name}`; available: {}",
                set.themes.keys().cloned().collect::<Vec<_>>().join(", ")
            )
        })?;
        css_for_theme_with_class_style(theme, CLASS_STYLE)
            .map(|css| ensure_contrast(&css))
            .map_err(|e| format!("cannot build CSS for `{name}`: {e}"))
    };
    let light_css = css_for("highlight_theme", light)?;
    let mut css = light_css.clone();
    if let Some(dark) = dark {
        let dark_css = css_for("highlight_theme_dark", dark)?;
        css.push_str("\n@media (prefers-color-scheme: dark) {\n");
        css.push_str(&dark_css);
        css.push_str(&reset_light_only_rules(&light_css, &dark_css));
        css.push_str("}\n");
    }
    Ok(css)
}

/// Light-theme rules the dark theme does not redefine would keep their light colours in dark
/// mode: give each the dark theme's plain text colour instead.
fn reset_light_only_rules(light: &str, dark: &str) -> String {
    let rule = regex::Regex::new(r"([^{}]+)\{([^}]*)\}").expect("valid regex");
    let dark_selectors: std::collections::HashSet<String> = rule
        .captures_iter(dark)
        .map(|c| c[1].trim().to_string())
        .collect();
    let fg = regex::Regex::new(r"(?s)\.hl-code\s*\{[^}]*?[^-]color:\s*(#[0-9a-fA-F]{6})")
        .expect("valid regex")
        .captures(dark)
        .map(|c| c[1].to_string());
    let Some(fg) = fg else { return String::new() };
    let mut out = String::new();
    for c in rule.captures_iter(light) {
        let selector = c[1].trim();
        if selector.starts_with("/*") || selector == ".hl-code" || dark_selectors.contains(selector)
        {
            continue;
        }
        if c[2].contains("color") {
            out.push_str(&format!("{selector} {{ color: {fg}; }}\n"));
        }
    }
    out
}

/// Minimum contrast between code text and the code background (WCAG AA for normal text,
/// with a little margin for rounding).
const MIN_CONTRAST: f64 = 4.6;

/// Moves every foreground colour in a syntect stylesheet towards black or white until it reads
/// at [`MIN_CONTRAST`] against the `.hl-code` background.
pub fn ensure_contrast(css: &str) -> String {
    let bg_re = regex::Regex::new(r"background-color:\s*#([0-9a-fA-F]{6})").expect("valid regex");
    let Some(bg) = bg_re.captures(css).and_then(|c| parse_hex(&c[1])) else {
        return css.to_string();
    };
    let fg_re = regex::Regex::new(r"(^|[^-a-z])color:(\s*)#([0-9a-fA-F]{6})").expect("valid regex");
    fg_re
        .replace_all(css, |c: &regex::Captures<'_>| {
            let fixed =
                parse_hex(&c[3]).map_or_else(|| c[3].to_string(), |fg| to_hex(readable(fg, bg)));
            format!("{}color:{}#{}", &c[1], &c[2], fixed)
        })
        .into_owned()
}

type Rgb = [f64; 3];

fn parse_hex(hex: &str) -> Option<Rgb> {
    let v = u32::from_str_radix(hex, 16).ok()?;
    Some([
        ((v >> 16) & 0xff) as f64,
        ((v >> 8) & 0xff) as f64,
        (v & 0xff) as f64,
    ])
}

fn to_hex(c: Rgb) -> String {
    format!(
        "{:02x}{:02x}{:02x}",
        c[0].round() as u8,
        c[1].round() as u8,
        c[2].round() as u8
    )
}

fn luminance(c: Rgb) -> f64 {
    let channel = |v: f64| {
        let s = v / 255.0;
        if s <= 0.03928 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2])
}

/// WCAG contrast ratio of two colours.
fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

fn readable(fg: Rgb, bg: Rgb) -> Rgb {
    let target: Rgb = if contrast([0.0; 3], bg) >= contrast([255.0; 3], bg) {
        [0.0; 3]
    } else {
        [255.0; 3]
    };
    let mut c = fg;
    let mut step = 0;
    while contrast(c, bg) < MIN_CONTRAST && step < 60 {
        for (v, t) in c.iter_mut().zip(target) {
            *v += (t - *v) * 0.08;
        }
        step += 1;
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_theme_reads_at_aa_contrast() {
        let fg_re = regex::Regex::new(r"(^|[^-a-z])color:\s*#([0-9a-fA-F]{6})").unwrap();
        let bg_re = regex::Regex::new(r"background-color:\s*#([0-9a-fA-F]{6})").unwrap();
        for name in theme_names() {
            let css = theme_css(&name, None).unwrap();
            let bg = parse_hex(&bg_re.captures(&css).unwrap()[1]).unwrap();
            for c in fg_re.captures_iter(&css) {
                let fg = parse_hex(&c[2]).unwrap();
                assert!(contrast(fg, bg) >= 4.5, "{name}: #{} on {:?}", &c[2], bg);
            }
        }
    }

    #[test]
    fn dark_theme_is_scoped_to_dark_mode() {
        let css = theme_css("InspiredGitHub", Some("base16-ocean.dark")).unwrap();
        assert!(css.contains("@media (prefers-color-scheme: dark)"));
        assert!(theme_css("nope", None).unwrap_err().contains("available:"));
    }
}
