//! Loading Tera templates: the built-in theme, overridden file by file by the site's own
//! `templates/`, parsed once per build.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use regex::Regex;
use tera::Tera;
use walkdir::WalkDir;

use crate::diagnostics::Diagnostic;

/// The default theme, compiled into the binary so any site builds without a `templates/` folder.
pub const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("page.html", include_str!("../../templates/page.html")),
    ("section.html", include_str!("../../templates/section.html")),
    (
        "taxonomy_list.html",
        include_str!("../../templates/taxonomy_list.html"),
    ),
    (
        "taxonomy_term.html",
        include_str!("../../templates/taxonomy_term.html"),
    ),
    ("404.html", include_str!("../../templates/404.html")),
    (
        "partials/archive_item.html",
        include_str!("../../templates/partials/archive_item.html"),
    ),
    (
        "partials/card.html",
        include_str!("../../templates/partials/card.html"),
    ),
    (
        "partials/card_list.html",
        include_str!("../../templates/partials/card_list.html"),
    ),
    (
        "partials/pagination.html",
        include_str!("../../templates/partials/pagination.html"),
    ),
    (
        "partials/pagination_links.html",
        include_str!("../../templates/partials/pagination_links.html"),
    ),
    (
        "partials/related_card.html",
        include_str!("../../templates/partials/related_card.html"),
    ),
    ("search.html", include_str!("../../templates/search.html")),
    ("archive.html", include_str!("../../templates/archive.html")),
    (
        "archive_year.html",
        include_str!("../../templates/archive_year.html"),
    ),
    ("atom.xml", include_str!("../../templates/atom.xml")),
    ("sitemap.xml", include_str!("../../templates/sitemap.xml")),
    ("robots.txt", include_str!("../../templates/robots.txt")),
];

/// The default theme's static files, written before the site's own `static/` (which wins).
pub const BUILTIN_STATIC: &[(&str, &str)] = &[
    ("style.css", include_str!("../../static/style.css")),
    ("briefgen.js", include_str!("../../static/briefgen.js")),
    ("favicon.svg", include_str!("../../static/favicon.svg")),
];

/// Index into [`ENTITIES`] of each byte's escape, 0 (none) for most.
const SPECIAL: [u8; 256] = {
    let mut table = [0u8; 256];
    table[b'&' as usize] = 1;
    table[b'<' as usize] = 2;
    table[b'>' as usize] = 3;
    table[b'"' as usize] = 4;
    table[b'\'' as usize] = 5;
    table
};
const ENTITIES: [&str; 6] = ["", "&amp;", "&lt;", "&gt;", "&quot;", "&#39;"];

/// Escapes text for HTML and XML bodies and quoted attributes. Unlike Tera's default it leaves
/// `/` alone, so URLs read the same in the source as in the browser.
pub fn escape(input: &str) -> String {
    let bytes = input.as_bytes();
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    if bytes.len() < 64 {
        // Short values (most titles, names, dates): a table lookup per byte costs less than
        // setting up the vector searches.
        let mut start = 0;
        for (at, &b) in bytes.iter().enumerate() {
            let entity = ENTITIES[SPECIAL[b as usize] as usize];
            if !entity.is_empty() {
                out.push_str(&input[start..at]);
                out.push_str(entity);
                start = at + 1;
            }
        }
        out.push_str(&input[start..]);
        return out;
    }
    let mut start = 0;
    // Every value a template prints and every feed body passes through here, and most values
    // have nothing to escape: memchr's vectorised search skips the plain runs. Markup and quote
    // characters are searched separately (memchr takes at most three bytes) and merged.
    let markup = |from: usize| memchr::memchr3(b'&', b'<', b'>', &bytes[from..]).map(|p| p + from);
    let quote = |from: usize| memchr::memchr2(b'"', b'\'', &bytes[from..]).map(|p| p + from);
    let (mut next_markup, mut next_quote) = (markup(0), quote(0));
    loop {
        let at = match (next_markup, next_quote) {
            (Some(m), Some(q)) => m.min(q),
            (Some(m), None) => m,
            (None, Some(q)) => q,
            (None, None) => break,
        };
        // The specials are all ASCII, so byte offsets are char boundaries.
        out.push_str(&input[start..at]);
        out.push_str(ENTITIES[SPECIAL[bytes[at] as usize] as usize]);
        start = at + 1;
        if next_markup == Some(at) {
            next_markup = markup(start);
        } else {
            next_quote = quote(start);
        }
    }
    out.push_str(&input[start..]);
    out
}

/// Parsed templates plus their sources, kept to point errors at a file and line.
pub struct Templates {
    pub tera: Tera,
    /// The interface strings `t()` reads; the built-in ones until [`Templates::use_catalog`].
    pub catalog: std::sync::Arc<crate::i18n::Catalog>,
    /// Longest any one page may take to render; see [`super::guard`].
    pub time_limit: std::time::Duration,
    /// Problems that did not stop loading, such as symlinks leading out of the site.
    pub warnings: Vec<Diagnostic>,
    sources: BTreeMap<String, (Option<PathBuf>, String)>,
}

impl Templates {
    /// Loads the built-in templates, then every file in `dir` (if it exists) over them.
    pub fn load(dir: &Path) -> Result<Templates, Vec<Diagnostic>> {
        let mut sources: BTreeMap<String, (Option<PathBuf>, String)> = BUILTIN
            .iter()
            .map(|(name, text)| (name.to_string(), (None, text.to_string())))
            .collect();
        let mut errors = Vec::new();
        let mut warnings = Vec::new();
        // The site root: templates may link to files inside it, never outside.
        let root = dir
            .parent()
            .and_then(|p| p.canonicalize().ok())
            .unwrap_or_else(|| dir.to_path_buf());
        if dir.is_dir() {
            for entry in WalkDir::new(dir).into_iter().filter_map(Result::ok) {
                if entry.file_name().to_string_lossy().starts_with('.') {
                    continue;
                }
                if entry.file_type().is_symlink() {
                    match entry.path().canonicalize() {
                        Ok(target) if target.starts_with(&root) && target.is_file() => {}
                        Ok(target) if target.starts_with(&root) => continue,
                        target => {
                            let to = target.map_or("nothing".into(), |t| t.display().to_string());
                            warnings.push(
                                Diagnostic::warning(
                                    "symlink",
                                    format!(
                                        "template symlink points outside the site ({to}); not read"
                                    ),
                                )
                                .in_file(entry.path())
                                .with_hint(
                                    "copy the template into templates/ instead of linking to it",
                                ),
                            );
                            continue;
                        }
                    }
                } else if !entry.file_type().is_file() {
                    continue;
                }
                let Ok(rel) = entry.path().strip_prefix(dir) else {
                    continue;
                };
                let name = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                match std::fs::read_to_string(entry.path()) {
                    Ok(text) => {
                        sources.insert(name, (Some(entry.path().to_path_buf()), text));
                    }
                    Err(e) => errors.push(
                        Diagnostic::error("template", format!("cannot read template: {e}"))
                            .in_file(entry.path()),
                    ),
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".htm", ".xml"]);
        tera.set_escape_fn(escape);
        let pairs: Vec<(String, String)> = sources
            .iter()
            .map(|(n, (_, t))| (n.clone(), t.clone()))
            .collect();
        let templates = Templates {
            tera: Tera::default(),
            catalog: std::sync::Arc::new(crate::i18n::Catalog::builtin("en")),
            time_limit: super::guard::DEFAULT_TIME_LIMIT,
            warnings,
            sources,
        };
        let too_deep: Vec<Diagnostic> = templates
            .sources
            .iter()
            .filter_map(|(name, (path, text))| {
                let (offset, message) = super::guard::check_nesting(text).err()?;
                let file = path
                    .clone()
                    .unwrap_or_else(|| PathBuf::from(format!("<built-in>/{name}")));
                Some(
                    Diagnostic::error("template", format!("template too deeply nested: {message}"))
                        .in_file(file)
                        .at_offset(text, offset)
                        .with_hint("split the template into macros or includes"),
                )
            })
            .collect();
        if !too_deep.is_empty() {
            return Err(too_deep);
        }
        if let Err(e) = tera.add_raw_templates(pairs) {
            return Err(vec![templates.diagnose(&e, None)]);
        }
        super::guard::install(&mut tera);
        crate::i18n::register(&mut tera, templates.catalog.clone());
        let cycles: Vec<Diagnostic> = super::guard::include_cycles(&tera)
            .iter()
            .map(|cycle| templates.cycle_error(cycle))
            .collect();
        if !cycles.is_empty() {
            return Err(cycles);
        }
        Ok(Templates { tera, ..templates })
    }

    /// Makes `t()` read `catalog` (the site's translations over the built-in ones).
    pub fn use_catalog(&mut self, catalog: crate::i18n::Catalog) {
        self.catalog = std::sync::Arc::new(catalog);
        crate::i18n::register(&mut self.tera, self.catalog.clone());
    }

    /// An include cycle, pointed at the include that closes it.
    fn cycle_error(&self, cycle: &[String]) -> Diagnostic {
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
        let d = d.in_file(
            path.clone()
                .unwrap_or_else(|| PathBuf::from(format!("<built-in>/{from}"))),
        );
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
    pub fn diagnose(&self, error: &tera::Error, rendering: Option<&str>) -> Diagnostic {
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
        d = d.in_file(
            path.clone()
                .unwrap_or_else(|| PathBuf::from(format!("<built-in>/{name}"))),
        );
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

#[cfg(test)]
mod tests {
    use super::escape;

    fn reference(input: &str) -> String {
        input
            .chars()
            .map(|c| match c {
                '&' => "&amp;".to_string(),
                '<' => "&lt;".to_string(),
                '>' => "&gt;".to_string(),
                '"' => "&quot;".to_string(),
                '\'' => "&#39;".to_string(),
                c => c.to_string(),
            })
            .collect()
    }

    #[test]
    fn escapes_every_special_at_every_offset() {
        let fillers = [
            "",
            "a",
            "ab/",
            "héllo",
            "日本語",
            "0123456",
            "01234567",
            "\u{FDD0}x",
        ];
        for special in ["&", "<", ">", "\"", "'", "<script>", "&amp;"] {
            for before in fillers {
                for after in fillers {
                    for pad in 0..17 {
                        let input = format!("{}{before}{special}{after}", "x".repeat(pad));
                        assert_eq!(escape(&input), reference(&input), "{input:?}");
                    }
                }
            }
        }
        assert_eq!(escape(""), "");
        assert_eq!(
            escape("plain text / with slashes"),
            "plain text / with slashes"
        );
    }
}
