//! The template engine behind one seam. Everything that knows Tera — its types, the syntax tree
//! the [`guard`] rewrites, the wording of its errors ([`errors`]), the escape function it calls
//! — lives in this folder; the rest of briefgen renders through [`Templates`].
//!
//! Tera is vendored and patched (`vendor/tera`, see its PATCHES.md) and pinned to one exact
//! version in Cargo.toml: the guard and the error parsing depend on that version's internals,
//! and `tests::the_engine_is_the_version_this_seam_was_written_for` fails on any other.

mod errors;
mod escape;
pub mod guard;

use std::path::Path;
use std::time::Duration;

use serde_json::{Map, Value};
use tera::Tera;

use super::templates::{read_sources, source_file, Sources};
use crate::diagnostics::{Code, Diagnostic};
pub use escape::escape;
pub use guard::DEFAULT_TIME_LIMIT;

/// A template's context: the values it can read.
pub type Context = tera::Context;

/// An error from parsing or rendering a template, before [`Templates::diagnose`] turns it into
/// a diagnostic.
pub type Error = tera::Error;

/// A context holding `values`.
pub fn context(values: Map<String, Value>) -> Context {
    Context::from_value(Value::Object(values)).expect("an object is a valid context")
}

/// Parsed templates plus their sources, kept to point errors at a file and line.
pub struct Templates {
    tera: Tera,
    /// The interface strings `t()` reads: the built-in ones until [`Templates::use_catalog`].
    pub catalog: std::sync::Arc<crate::i18n::Catalog>,
    /// Longest any one page may take to render; see [`guard`].
    pub time_limit: Duration,
    /// Problems that did not stop loading, such as symlinks leading out of the site.
    pub warnings: Vec<Diagnostic>,
    sources: Sources,
}

impl Templates {
    /// Loads the built-in templates, then every file in `dir` (if it exists) over them.
    pub fn load(dir: &Path) -> Result<Templates, Vec<Diagnostic>> {
        let (sources, warnings) = read_sources(dir)?;
        let too_deep: Vec<Diagnostic> = sources
            .iter()
            .filter_map(|(name, (path, text))| {
                let (offset, message) = guard::check_nesting(text).err()?;
                Some(
                    Diagnostic::error(
                        Code::Template,
                        format!("template too deeply nested: {message}"),
                    )
                    .in_file(source_file(name, path))
                    .at_offset(text, offset)
                    .with_hint("split the template into macros or includes"),
                )
            })
            .collect();
        if !too_deep.is_empty() {
            return Err(too_deep);
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".htm", ".xml"]);
        tera.set_escape_fn(escape);
        let pairs: Vec<(String, String)> = sources
            .iter()
            .map(|(n, (_, t))| (n.clone(), t.clone()))
            .collect();
        let mut templates = Templates {
            tera: Tera::default(),
            catalog: std::sync::Arc::new(crate::i18n::Catalog::builtin("en")),
            time_limit: DEFAULT_TIME_LIMIT,
            warnings,
            sources,
        };
        if let Err(e) = tera.add_raw_templates(pairs) {
            return Err(vec![templates.diagnose(&e, None)]);
        }
        guard::install(&mut tera);
        crate::i18n::register(&mut tera, templates.catalog.clone());
        let cycles: Vec<Diagnostic> = guard::include_cycles(&tera)
            .iter()
            .map(|cycle| templates.cycle_error(cycle))
            .collect();
        if !cycles.is_empty() {
            return Err(cycles);
        }
        templates.tera = tera;
        Ok(templates)
    }

    /// Makes `t()` read `catalog` (the site's translations over the built-in ones).
    pub fn use_catalog(&mut self, catalog: crate::i18n::Catalog) {
        self.catalog = std::sync::Arc::new(catalog);
        crate::i18n::register(&mut self.tera, self.catalog.clone());
    }

    /// Renders `template` for `page` (named in errors) under the guard.
    pub fn render(&self, template: &str, ctx: &Context, page: &str) -> Result<String, Error> {
        guard::run(self.time_limit, page, || self.tera.render(template, ctx))
    }

    /// [`Templates::render`] into `out`.
    pub fn render_to(
        &self,
        template: &str,
        ctx: &Context,
        page: &str,
        out: &mut Vec<u8>,
    ) -> Result<(), Error> {
        guard::run(self.time_limit, page, || {
            self.tera.render_to(template, ctx, &mut *out)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The guard rewrites Tera's `#[doc(hidden)]` syntax tree and [`errors`] reads the wording
    /// of its messages; neither is a stable interface. Upgrading Tera means re-checking both
    /// (and re-applying vendor/tera/PATCHES.md), then changing the version here and in
    /// Cargo.toml.
    #[test]
    fn the_engine_is_the_version_this_seam_was_written_for() {
        // The lock file names the Tera actually compiled in: the vendored copy here, crates.io's
        // in the published crate (which ships no vendor/ folder).
        let lock = include_str!("../../../Cargo.lock");
        let version = lock
            .split("[[package]]")
            .find(|entry| entry.contains("\nname = \"tera\"\n"))
            .and_then(|entry| entry.lines().find_map(|l| l.strip_prefix("version = ")))
            .map(|v| v.trim_matches('"'));
        assert_eq!(
            version,
            Some("1.20.1"),
            "Tera was upgraded: re-check src/render/engine/guard.rs (syntax tree rewriting), \
             src/render/engine/errors.rs (error wording) and vendor/tera/PATCHES.md"
        );
        // Ours says `tera = "=1.20.1"`; the published crate's normalised manifest says
        // `[dependencies.tera]` with `version = "=1.20.1"`.
        let manifest = include_str!("../../../Cargo.toml");
        let pinned = manifest.contains("tera = \"=1.20.1\"")
            || manifest
                .split("[dependencies.tera]")
                .nth(1)
                .and_then(|rest| rest.lines().find(|l| l.starts_with("version = ")))
                .is_some_and(|l| l.contains("\"=1.20.1\""));
        assert!(
            pinned,
            "Cargo.toml must pin the exact Tera version the seam was written for"
        );
    }

    fn templates(pairs: &[(&str, &str)]) -> Templates {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in pairs {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        match Templates::load(dir.path()) {
            Ok(t) => t,
            Err(e) => panic!("{e:?}"),
        }
    }

    /// What the error parsing relies on: parse errors carry `--> line:col`, render errors name
    /// the template in quotes and the missing variable in backquotes.
    #[test]
    fn tera_errors_still_say_where() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("page.html"), "a\nb {{ oops( }}\n").unwrap();
        let err = Templates::load(dir.path()).err().expect("a parse error");
        assert_eq!(err[0].file, Some(dir.path().join("page.html")));
        assert_eq!((err[0].line, err[0].column), (Some(2), Some(12)), "{err:?}");

        let t = templates(&[("page.html", "x\n{{ missing.value }}\n")]);
        let ctx = context(Map::new());
        let e = t.render("page.html", &ctx, "p/").unwrap_err();
        let d = t.diagnose(&e, Some("page.html"));
        assert!(d.message.contains("missing.value"), "{}", d.message);
        assert_eq!(d.line, Some(2), "{d:?}");
    }

    /// The vendored patches: `~1`/`~0` in a key still unescape, and an `if` on a value that
    /// needs escaping tests the value itself.
    #[test]
    fn the_patched_lookups_behave_as_upstream() {
        let t = templates(&[(
            "page.html",
            "{{ m[\"a/b\"] }}|{% if s %}yes{% endif %}|{{ s }}",
        )]);
        let mut values = Map::new();
        values.insert("m".into(), serde_json::json!({ "a/b": "slash" }));
        values.insert("s".into(), Value::String("<&>".into()));
        let out = t.render("page.html", &context(values), "p/").unwrap();
        assert_eq!(out, "slash|yes|&lt;&amp;&gt;");
    }
}
