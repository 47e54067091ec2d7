//! How `check` reports: a summary line, JSON for tools, and the exit code.

use std::path::Path;

use serde::Serialize;

use super::CheckReport;
use crate::diagnostics::Severity;

/// One diagnostic as JSON: `file` relative to the site's root, `null` where there is none.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    severity: Severity,
    code: &'a str,
    message: &'a str,
    hint: Option<&'a str>,
}

/// The whole JSON document.
#[derive(Serialize)]
struct JsonReport<'a> {
    files: usize,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

/// The report as a JSON object: `{files, errors, warnings, diagnostics: [...]}`.
pub fn json(report: &CheckReport) -> String {
    let diagnostics = report
        .diagnostics
        .iter()
        .map(|d| JsonDiagnostic {
            file: d.file.as_deref().map(|f| relative(&report.root, f)),
            line: d.line,
            column: d.column,
            severity: d.severity,
            code: d.code.as_str(),
            message: &d.message,
            hint: d.hint.as_deref(),
        })
        .collect();
    let doc = JsonReport {
        files: report.files,
        errors: report.errors(),
        warnings: report.warnings(),
        diagnostics,
    };
    serde_json::to_string_pretty(&doc).expect("plain data serialises")
}

/// `check: 2 errors, 5 warnings in 40 files`.
pub fn summary(report: &CheckReport) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "check: {}, {} in {}",
        plural(report.errors(), "error"),
        plural(report.warnings(), "warning"),
        plural(report.files, "file")
    )
}

/// 0 when there are no errors (warnings allowed), 1 on any error, 2 on warnings with `strict`.
pub fn exit_code(report: &CheckReport, strict: bool) -> u8 {
    match (report.errors(), report.warnings()) {
        (0, 0) => 0,
        (0, _) if strict => 2,
        (0, _) => 0,
        _ => 1,
    }
}

/// `file` relative to `root`, `/`-separated; files outside the root (or built-in templates)
/// as they are.
pub fn relative(root: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(root).unwrap_or(file);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Code, Diagnostic};

    fn report(diagnostics: Vec<Diagnostic>) -> CheckReport {
        CheckReport {
            root: "site".into(),
            diagnostics,
            files: 3,
        }
    }

    #[test]
    fn exit_codes_and_summary() {
        let warn = || Diagnostic::warning(Code::Draft, "draft");
        let err = || Diagnostic::error(Code::Link, "broken");
        assert_eq!(exit_code(&report(vec![]), true), 0);
        assert_eq!(exit_code(&report(vec![warn()]), false), 0);
        assert_eq!(exit_code(&report(vec![warn()]), true), 2);
        assert_eq!(exit_code(&report(vec![warn(), err()]), true), 1);
        assert_eq!(
            summary(&report(vec![warn(), err(), warn()])),
            "check: 1 error, 2 warnings in 3 files"
        );
    }

    #[test]
    fn json_paths_are_relative_to_the_root() {
        let d = Diagnostic::warning(Code::Draft, "draft").in_file("site/content/a.md");
        let v: serde_json::Value = serde_json::from_str(&json(&report(vec![d]))).unwrap();
        assert_eq!(v["diagnostics"][0]["file"], "content/a.md");
        assert_eq!(v["diagnostics"][0]["line"], serde_json::Value::Null);
        assert_eq!(v["warnings"], 1);
    }
}
