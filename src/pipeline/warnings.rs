//! The warnings every command prints for a loaded site, gathered in one place and one order so
//! `build`, `serve` (full, incremental and in-place rebuilds alike) and `check` cannot drift:
//! what discovery found, then the templates', then the editorial ones, then what the Markdown
//! stage removed from bodies.

use crate::diagnostics::Diagnostic;
use crate::discover::Discovered;
use crate::render::Templates;
use crate::site::Site;

/// Every warning about `site` as loaded from `discovered` with `templates`.
pub fn site_warnings(
    discovered: &Discovered,
    templates: &Templates,
    site: &Site,
) -> Vec<Diagnostic> {
    let mut warnings = discovered.warnings.clone();
    warnings.extend(templates.warnings.iter().cloned());
    warnings.extend(editorial_warnings(site));
    warnings.extend(dropped_warnings(site));
    warnings
}

/// Warnings an editor should see on every build.
fn editorial_warnings(site: &Site) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for a in &site.articles {
        if !a.review.is_empty() {
            let d = Diagnostic::warning("review", format!("needs review: {}", a.review.join(", ")))
                .in_file(&a.file)
                .with_hint("confirm these fields, then empty the `review` list");
            // Few files need review: reading them again for the position costs nothing.
            let text = std::fs::read_to_string(&a.file).unwrap_or_default();
            warnings.push(match crate::config::find_key_line(&text, "review") {
                Some((line, col)) => d.at(&text, line, col),
                None => d,
            });
        }
        if a.date.is_none() {
            warnings.push(
                Diagnostic::warning(
                    "no-date",
                    "briefing has no date: listed last and left out of feeds",
                )
                .in_file(&a.file)
                .with_hint("add `date = 2024-11-20` to the front matter"),
            );
        }
    }
    warnings
}

/// A warning for everything the markdown stage removed from a body because it could run script,
/// at the raw HTML or link it came from.
fn dropped_warnings(site: &Site) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for doc in site.documents().filter(|d| !d.rendered.dropped.is_empty()) {
        // Few files have any: reading them again for the snippet costs nothing.
        let text = std::fs::read_to_string(&doc.file).unwrap_or_default();
        for dropped in &doc.rendered.dropped {
            let (line, col) = doc.file_position(dropped.offset);
            let hint = match dropped.code {
                "raw-html" => "remove it from the body, or set `raw_html = \"trusted\"` under [markdown] in site.toml if every editor is trusted",
                "unsafe-url" => "link to an http(s) address or a page of the site instead",
                _ => "write `{#id .class}` for ids and classes; other attributes need `raw_html = \"trusted\"`",
            };
            warnings.push(
                Diagnostic::warning(dropped.code, dropped.message.clone())
                    .in_file(&doc.file)
                    .at(&text, line, col)
                    .with_hint(hint),
            );
        }
    }
    warnings
}
