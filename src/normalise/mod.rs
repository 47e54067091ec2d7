//! Stage 3: read each Markdown file and normalise its front matter into a [`Document`].
//!
//! Every problem in a file is collected, not just the first, so an editor fixes a file in one go.

use std::path::Path;

use crate::config::SiteConfig;
use crate::diagnostics::{Code, Diagnostic};
use crate::discover::{SourceFile, SourceKind};
use crate::frontmatter;
use crate::model::{DocKind, Document, TermRef};

pub use crate::text::dates::parse_date;
pub use crate::text::slug::slugify;

mod fields;
use fields::Fields;

/// Decodes file bytes as UTF-8 text with LF line endings and no BOM.
pub fn decode(bytes: Vec<u8>) -> Result<String, Diagnostic> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let valid = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
        Diagnostic::error(Code::Encoding, "file is not valid UTF-8")
            .at_offset(&valid, offset)
            .with_hint(
                "re-save the file as UTF-8 (most editors offer this under \"Save with encoding\")",
            )
    })?;
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text);
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    })
}

/// Reads and normalises one source file.
pub fn load(
    source: &SourceFile,
    config: &SiteConfig,
    display_path: &Path,
) -> Result<Document, Vec<Diagnostic>> {
    let bytes = std::fs::read(&source.path).map_err(|e| {
        vec![Diagnostic::error(Code::Io, format!("cannot read file: {e}")).in_file(display_path)]
    })?;
    let text = decode(bytes).map_err(|d| vec![d.in_file(display_path)])?;
    normalise(source, &text, config, display_path)
}

/// Normalises one file's text (already decoded).
pub fn normalise(
    source: &SourceFile,
    text: &str,
    config: &SiteConfig,
    display_path: &Path,
) -> Result<Document, Vec<Diagnostic>> {
    let fm_error = |e: frontmatter::FrontMatterError| {
        vec![Diagnostic::error(Code::FrontMatter, e.message)
            .in_file(display_path)
            .at(text, e.line, e.column)
            .with_hint(e.hint)]
    };
    let split = frontmatter::split(text).map_err(fm_error)?;
    if split.format.is_none() && source.kind != SourceKind::SectionIndex {
        let d = Diagnostic::error(Code::FrontMatter, "missing front matter")
            .in_file(display_path)
            .with_hint("start the file with a `+++` line, then `title = \"…\"` and `date = 2024-11-20`, then `+++`");
        let d = if text.is_empty() { d } else { d.at(text, 1, 1) };
        return Err(vec![d]);
    }
    let table = frontmatter::parse(&split).map_err(fm_error)?;
    let mut fields = Fields {
        table,
        text,
        file: display_path,
        errors: Vec::new(),
    };
    let doc = fields.build(source, config, split.body, split.body_line);
    if fields.errors.is_empty() {
        Ok(doc)
    } else {
        Err(fields.errors)
    }
}

/// Where a document is published, from [`Fields::place`].
struct Place<'s> {
    /// `ja/` for a document in a site language other than the default, else empty.
    prefix: String,
    /// The source path under the language's folder (`briefings/x.md`).
    local: &'s str,
    /// The first folder of `local`.
    section: &'s str,
    kind: SourceKind,
    language: Option<String>,
}

impl Place<'_> {
    /// The folder the document's page is written to, relative to the output root.
    fn output_path(&self, kind: DocKind, slug: &str) -> String {
        let (prefix, section) = (&self.prefix, self.section);
        match kind {
            DocKind::SectionIndex => format!("{prefix}{section}/"),
            DocKind::Page => format!("{prefix}{slug}/"),
            // The profile fills the author's own taxonomy page; it has no page of its own.
            DocKind::Profile => format!("{prefix}authors/{slug}/"),
            DocKind::Article => {
                let dir = self.local.rsplit_once('/').map_or("", |(d, _)| d);
                // `briefings/x/index.md` is a bundle: the folder names the page.
                let dir = if is_bundle_index(self.local) {
                    dir.rsplit_once('/').map_or("", |(d, _)| d)
                } else {
                    dir
                };
                format!("{prefix}{dir}/{slug}/")
            }
        }
    }
}

fn is_bundle_index(rel: &str) -> bool {
    rel.ends_with("/index.md") && rel.matches('/').count() >= 2
}

/// Canonicalises written term names: one entry per slug, first spelling kept, blanks dropped.
pub fn term_list<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<TermRef> {
    let mut out: Vec<TermRef> = Vec::new();
    for name in names {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let slug = slugify(&name);
        if slug.is_empty() || out.iter().any(|t| t.slug == slug) {
            continue;
        }
        out.push(TermRef { name, slug });
    }
    out
}

fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
        .replace(['-', '_'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_canonicalise_to_one_slug() {
        let list = term_list(["North Korea", "north korea", "North-Korea", "  Japan ", ""]);
        let slugs: Vec<_> = list.iter().map(|t| t.slug.as_str()).collect();
        assert_eq!(slugs, ["north-korea", "japan"]);
        assert_eq!(list[0].name, "North Korea");
        assert_eq!(list[1].name, "Japan");
    }

    #[test]
    fn a_page_needs_letters_for_its_url_somewhere() {
        let config = SiteConfig::parse(
            "title = \"T\"\nbase_url = \"https://x.org/\"\n",
            Path::new("site.toml"),
        )
        .unwrap();
        let source = |rel: &str| SourceFile {
            kind: SourceKind::Article,
            path: Path::new("content").join(rel),
            rel: rel.to_string(),
        };
        let text = "+++\ntitle = \"!!!\"\n+++\nBody\n";
        let errors = normalise(
            &source("briefings/---.md"),
            text,
            &config,
            Path::new("x.md"),
        )
        .unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].message.contains("`---.md`"), "{}", errors[0]);
        assert_eq!((errors[0].line, errors[0].column), (Some(2), Some(9)));
        // Either one is enough.
        let doc = normalise(&source("briefings/a.md"), text, &config, Path::new("x.md")).unwrap();
        assert_eq!(doc.path, "briefings/a/");
        let text = "+++\ntitle = \"North Korea!\"\n+++\n";
        let doc = normalise(
            &source("briefings/---.md"),
            text,
            &config,
            Path::new("x.md"),
        )
        .unwrap();
        assert_eq!(doc.path, "briefings/north-korea/");
    }

    #[test]
    fn decode_strips_bom_and_crlf() {
        let text = decode(b"\xEF\xBB\xBF+++\r\ntitle = \"A\"\r\n+++\r\nBody\r\n".to_vec()).unwrap();
        assert_eq!(text, "+++\ntitle = \"A\"\n+++\nBody\n");
    }

    #[test]
    fn decode_rejects_invalid_utf8_with_position() {
        let d = decode(b"+++\ntitle = \"\xff\"\n".to_vec()).unwrap_err();
        assert_eq!(d.line, Some(2));
        assert!(d.message.contains("UTF-8"));
    }
}
