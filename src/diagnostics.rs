//! Errors and warnings a user can act on: file, line, column, what was wrong, what to do.
//!
//! Every stage reports problems as [`Diagnostic`]s instead of bailing at the first one, so a
//! build can list every bad file at once. Rendering follows rustc's layout so editors and
//! terminals recognise the `path:line:col` locations.

use std::fmt;
use std::path::{Path, PathBuf};

/// What kind of problem a diagnostic reports: the `code` users see in messages and in
/// `check --format json`, and can filter on. One variant per code, so a code cannot be
/// misspelt and the README's table can be checked against this list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    /// A file or folder could not be read or written.
    Io,
    /// `serve` could not listen, watch or start.
    Serve,
    /// site.toml, or a command-line option replacing one of its values, is wrong.
    Config,
    /// A file's front matter is missing, malformed or holds a bad value.
    FrontMatter,
    /// A template does not parse, fails to render, or loops without end.
    Template,
    /// The output folder cannot be replaced safely.
    Output,
    /// A symlink leads outside the site and is not followed.
    Symlink,
    /// An `@/` link names no content file (or a draft).
    Link,
    /// A draft, which a build leaves out.
    Draft,
    /// `init` cannot write the new site.
    Init,
    /// An internal link leads to no file of the built site.
    BrokenLink,
    /// The disk filled up while writing the output.
    DiskFull,
    /// Content that cannot be published as written, such as a page in a reserved place.
    Content,
    /// A date that cannot be read.
    Date,
    /// A file that is not UTF-8.
    Encoding,
    /// A briefing whose `review` list is not empty.
    Review,
    /// A briefing without a date.
    NoDate,
    /// The search index cannot be built.
    Search,
    /// Two documents would be published at the same URL.
    DuplicateUrl,
    /// A briefing with no summary nor opening paragraph to stand in for one.
    NoSummary,
    /// A date later than now.
    FutureDate,
    /// A blank entry in a taxonomy list.
    EmptyTerm,
    /// Two briefings with the same title and date.
    Duplicate,
    /// A `#fragment` naming no element of its page.
    BrokenAnchor,
    /// An image that names no file.
    MissingImage,
    /// Raw HTML in a body lost what could run script.
    RawHtml,
    /// A link or image to a `javascript:`, `vbscript:` or `data:` URL, emptied.
    UnsafeUrl,
    /// A heading attribute that is not allowed, dropped.
    UnsafeAttribute,
    /// A translation file (`i18n/<lang>.toml`) cannot be read or holds a bad entry.
    I18n,
    /// An interface string with no translation in a page's language; English stands in.
    I18nMissing,
    /// A translation file names a key the theme does not use.
    I18nUnknown,
    /// A translation drops or invents a `{placeholder}` of the English string.
    I18nPlaceholder,
    /// The output is past what GitHub Pages hosts (1 GB or 100,000 files), or cannot be measured.
    OutputSize,
    /// A `{{ figure(…) }}` or `{{ chart(…) }}` shortcode that does not parse or names an unknown argument.
    Shortcode,
    /// A figure without alt text, with a duplicate id, or an `@fig:` reference to no figure.
    Figure,
    /// A chart whose CSV file, column or values cannot be drawn.
    Chart,
    /// An image that is missing, too large, damaged or not an image.
    Image,
    /// A `> [!KIND]` callout of an unknown kind.
    Callout,
}

impl Code {
    /// Every code, for documentation and tests.
    pub const ALL: &'static [Code] = &[
        Code::Io,
        Code::Serve,
        Code::Config,
        Code::FrontMatter,
        Code::Template,
        Code::Output,
        Code::Symlink,
        Code::Link,
        Code::Draft,
        Code::Init,
        Code::BrokenLink,
        Code::DiskFull,
        Code::Content,
        Code::Date,
        Code::Encoding,
        Code::Review,
        Code::NoDate,
        Code::Search,
        Code::DuplicateUrl,
        Code::NoSummary,
        Code::FutureDate,
        Code::EmptyTerm,
        Code::Duplicate,
        Code::BrokenAnchor,
        Code::MissingImage,
        Code::RawHtml,
        Code::UnsafeUrl,
        Code::UnsafeAttribute,
        Code::I18n,
        Code::I18nMissing,
        Code::I18nUnknown,
        Code::I18nPlaceholder,
        Code::OutputSize,
        Code::Shortcode,
        Code::Figure,
        Code::Chart,
        Code::Image,
        Code::Callout,
    ];

    /// The code as users see it, e.g. `front-matter`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Io => "io",
            Code::Serve => "serve",
            Code::Config => "config",
            Code::FrontMatter => "front-matter",
            Code::Template => "template",
            Code::Output => "output",
            Code::Symlink => "symlink",
            Code::Link => "link",
            Code::Draft => "draft",
            Code::Init => "init",
            Code::BrokenLink => "broken-link",
            Code::DiskFull => "disk-full",
            Code::Content => "content",
            Code::Date => "date",
            Code::Encoding => "encoding",
            Code::Review => "review",
            Code::NoDate => "no-date",
            Code::Search => "search",
            Code::DuplicateUrl => "duplicate-url",
            Code::NoSummary => "no-summary",
            Code::FutureDate => "future-date",
            Code::EmptyTerm => "empty-term",
            Code::Duplicate => "duplicate",
            Code::BrokenAnchor => "broken-anchor",
            Code::MissingImage => "missing-image",
            Code::RawHtml => "raw-html",
            Code::UnsafeUrl => "unsafe-url",
            Code::UnsafeAttribute => "unsafe-attribute",
            Code::I18n => "i18n",
            Code::I18nMissing => "i18n-missing",
            Code::I18nUnknown => "i18n-unknown",
            Code::I18nPlaceholder => "i18n-placeholder",
            Code::OutputSize => "output-size",
            Code::Shortcode => "shortcode",
            Code::Figure => "figure",
            Code::Chart => "chart",
            Code::Image => "image",
            Code::Callout => "callout",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Ordered by the code as written, so sorted reports read alphabetically.
impl Ord for Code {
    fn cmp(&self, other: &Code) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Code) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One problem in one file, with an optional location and fix-it hint.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// What kind of problem it is, e.g. `front-matter`, `date`, `duplicate-url`.
    pub code: Code,
    pub file: Option<PathBuf>,
    /// 1-based line, when the problem has a position.
    pub line: Option<usize>,
    /// 1-based column (in characters), when the problem has a position.
    pub column: Option<usize>,
    pub message: String,
    /// The offending source line, shown under the location.
    #[serde(skip)]
    pub snippet: Option<String>,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: None,
            line: None,
            column: None,
            message: message.into(),
            snippet: None,
            hint: None,
        }
    }

    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn in_file(mut self, file: impl AsRef<Path>) -> Self {
        self.file = Some(file.as_ref().to_path_buf());
        self
    }

    /// Points at `line`/`column` (1-based) and keeps that line of `source` as a snippet.
    pub fn at(mut self, source: &str, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self.snippet = source
            .lines()
            .nth(line.saturating_sub(1))
            .map(str::to_owned);
        self
    }

    /// Points at a byte offset in `source`.
    pub fn at_offset(self, source: &str, offset: usize) -> Self {
        let (line, column) = line_col(source, offset);
        self.at(source, line, column)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// 1-based line and character column of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}", self.message)?;
        if let Some(file) = &self.file {
            write!(f, "  --> {}", file.display())?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
                if let Some(col) = self.column {
                    write!(f, ":{col}")?;
                }
            }
            writeln!(f)?;
        }
        if let (Some(line), Some(snippet)) = (self.line, &self.snippet) {
            let num = line.to_string();
            let pad = " ".repeat(num.len());
            writeln!(f, "{pad} |")?;
            writeln!(f, "{num} | {}", snippet.trim_end())?;
            if let Some(col) = self.column {
                let indent: String = snippet
                    .chars()
                    .take(col.saturating_sub(1))
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                writeln!(f, "{pad} | {indent}^")?;
            }
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "  = help: {hint}")?;
        }
        Ok(())
    }
}

/// A failed stage: every diagnostic it collected (at least one is an error).
#[derive(Debug, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }

    pub fn error_count(&self) -> usize {
        self.errors().count()
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let src = "a = 1\ntitle = \"é\" x\n";
        let off = src.find('x').unwrap();
        assert_eq!(line_col(src, off), (2, 13));
        assert_eq!(line_col(src, 0), (1, 1));
    }

    #[test]
    fn renders_location_snippet_and_hint() {
        let src = "title = \"x\"\ndate = \"soon\"\n";
        let d = Diagnostic::error(Code::Date, "invalid date `soon`")
            .in_file("content/a.md")
            .at(src, 2, 8)
            .with_hint("write dates as 2024-11-20");
        let text = d.to_string();
        assert!(text.contains("error: invalid date `soon`"));
        assert!(text.contains("--> content/a.md:2:8"));
        assert!(text.contains("2 | date = \"soon\""));
        assert!(text.contains("  |        ^"));
        assert!(text.contains("= help: write dates"));
    }
}

#[cfg(test)]
mod code_tests {
    use super::Code;

    /// Users filter on codes, so each is documented.
    #[test]
    fn every_code_is_in_the_readme() {
        let readme = include_str!("../README.md");
        for code in Code::ALL {
            assert!(
                readme.contains(&format!("`{code}`")),
                "README.md does not mention the diagnostic code `{code}`"
            );
        }
        let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len(), "codes are distinct");
    }
}
