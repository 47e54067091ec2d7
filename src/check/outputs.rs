//! The files a build would write, rendered into memory: their paths and the element ids of each
//! HTML page, which is what links and `#anchors` are checked against.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use crate::diagnostics::Diagnostic;
use crate::discover::Discovered;
use crate::pipeline::{self, Publish, Selection};
use crate::render::plan::Listings;
use crate::render::{Prepared, Renderer, Sink, Templates};
use crate::site::Site;

/// What the built site would hold.
#[derive(Debug, Default)]
pub struct Outputs {
    /// Every file `build` writes, by path under the output folder.
    pub published: HashSet<String>,
    /// Pages only drafts have; links from drafts may lead there.
    pub drafts: HashSet<String>,
    /// Element ids of every rendered HTML page.
    pub ids: HashMap<String, HashSet<String>>,
}

/// Records each file's path, and each HTML page's ids, instead of writing it.
#[derive(Default)]
struct Recorder {
    files: Mutex<Vec<(String, Option<HashSet<String>>)>>,
}

impl Recorder {
    fn record(&self, rel: &str, ids: Option<HashSet<String>>) {
        self.files
            .lock()
            .expect("no panics while holding the lock")
            .push((rel.to_string(), ids));
    }
}

impl Sink for Recorder {
    fn write(&self, rel: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        let ids = rel
            .ends_with(".html")
            .then(|| ids(&String::from_utf8_lossy(&bytes)));
        self.record(rel, ids);
        Ok(())
    }

    fn copy(&self, rel: &str, _from: &std::path::Path) -> std::io::Result<()> {
        self.record(rel, None);
        Ok(())
    }
}

/// Publishes `published` (the site `build` writes) into memory as `build` would, and renders
/// the own pages of the drafts in `full`, collecting template errors as `build` does.
pub fn render(
    published: &Site,
    full: &Site,
    templates: &Templates,
    discovered: &Discovered,
    syntax_css: &str,
) -> Result<Outputs, Vec<Diagnostic>> {
    let recorder = Recorder::default();
    let prepared = Prepared::new(published);
    let input = Publish {
        site: published,
        templates,
        prepared: &prepared,
        discovered,
        syntax_css,
    };
    pipeline::publish(&input, Selection::EVERYTHING, &recorder, &|_, _| {})?;
    let mut outputs = Outputs::default();
    for (rel, ids) in recorder.files.into_inner().unwrap_or_default() {
        if let Some(ids) = ids {
            outputs.ids.insert(rel.clone(), ids);
        }
        outputs.published.insert(rel);
    }
    render_drafts(full, templates, &mut outputs)?;
    Ok(outputs)
}

/// A draft's own page, rendered from the site with drafts so a template error it triggers is
/// found before it is published.
fn render_drafts(
    full: &Site,
    templates: &Templates,
    outputs: &mut Outputs,
) -> Result<(), Vec<Diagnostic>> {
    let drafts = Listings::draft_plan(full);
    if drafts.is_empty() {
        return Ok(());
    }
    let prepared = Prepared::new(full);
    let renderer = Renderer::new(full, templates, &prepared);
    let mut errors = Vec::new();
    for output in drafts {
        match output.render(&renderer) {
            Ok((rel, bytes)) => {
                outputs
                    .ids
                    .insert(rel.clone(), ids(&String::from_utf8_lossy(&bytes)));
                outputs.drafts.insert(rel);
            }
            Err(d) if !errors.contains(&d) => errors.push(d),
            Err(_) => {}
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Every `id="…"` attribute value in an HTML page.
fn ids(html: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut rest = html;
    while let Some(at) = rest.find("id=") {
        let before = rest[..at].chars().next_back();
        let after = &rest[at + 3..];
        rest = after;
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        if let Some(end) = after[1..].find(quote) {
            out.insert(unescape(&after[1..1 + end]));
        }
    }
    out
}

fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_attribute_values_only() {
        let found = ids(
            r#"<h2 id="outlook">x</h2><div data-id="no" id='fn-1'>valid="x" id=bare</div><p id="a&amp;b">"#,
        );
        let mut found: Vec<_> = found.into_iter().collect();
        found.sort();
        assert_eq!(found, ["a&b", "fn-1", "outlook"]);
    }
}
