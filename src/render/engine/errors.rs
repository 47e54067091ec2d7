//! Turning Tera's errors into diagnostics: Tera reports positions and names only in its message
//! text, so this reads the wording of the pinned version's messages.

use regex::Regex;

use super::{Error, Templates};
use crate::diagnostics::Diagnostic;
use crate::render::templates::source_file;

impl Templates {
    /// An include cycle, pointed at the include that closes it.
    pub(super) fn cycle_error(&self, cycle: &[String]) -> Diagnostic {
        let d = Diagnostic::error(
            "template",
            format!(
                "templates include each other without end: {}",
                cycle.join(" → ")
            ),
        )
        .with_hint("an include cycle can never finish rendering; remove one of the includes");
        let (from, to) = (&cycle[0], &cycle[1]);
        let Some((path, text)) = self.sources.get(from) else {
            return d;
        };
        let d = d.in_file(source_file(from, path));
        match Regex::new(&format!(r#"include\s+["']{}["']"#, regex::escape(to)))
            .expect("valid regex")
            .find(text)
        {
            Some(m) => d.at_offset(text, m.start()),
            None => d,
        }
    }

    /// Turns a Tera error into a diagnostic naming the template file and, where it can be found,
    /// the line.
    pub fn diagnose(&self, error: &Error, rendering: Option<&str>) -> Diagnostic {
        let mut chain = vec![error.to_string()];
        let mut source = std::error::Error::source(error);
        while let Some(e) = source {
            chain.push(e.to_string());
            source = e.source();
        }
        let full = chain.join("\n");
        let quoted = Regex::new(r#"['"]([^'"]+\.(?:html|xml|txt|htm))['"]"#).expect("valid regex");
        // The innermost template named in the chain is where the problem is.
        let template = quoted
            .captures_iter(&full)
            .filter_map(|c| c.get(1).map(|m| m.as_str().to_string()))
            .filter(|n| self.sources.contains_key(n))
            .last()
            .or_else(|| rendering.map(str::to_owned));
        let message = chain
            .iter()
            .rev()
            .find(|m| !m.starts_with("Failed to render") && !m.starts_with("Failed to parse"))
            .unwrap_or(&chain[0])
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let message = Regex::new(r"\s+")
            .expect("valid regex")
            .replace_all(&message, " ")
            .to_string();
        let mut d = Diagnostic::error("template", format!("template error: {message}"))
            .with_hint("fix the template; the README lists every variable templates receive");
        let Some(name) = template else { return d };
        let (path, text) = &self.sources[&name];
        d = d.in_file(source_file(&name, path));
        let at = Regex::new(r"-->\s*(\d+):(\d+)").expect("valid regex");
        if let Some(c) = at.captures(&full) {
            let line = c[1].parse().unwrap_or(1);
            let col = c[2].parse().unwrap_or(1);
            return d.at(text, line, col);
        }
        // Render errors carry no position: find the first line using the name they mention.
        let named = Regex::new(r"(?:Variable|Filter|Function|Test|Macro|[Tt]emplate) `([^`]+)`")
            .expect("valid regex");
        if let Some(c) = named.captures(&full) {
            let needle = &c[1];
            if let Some(offset) = text.find(needle) {
                return d.at_offset(text, offset);
            }
        }
        d
    }
}
