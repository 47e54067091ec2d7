//! `briefgen import --explain`: every line of the page with the role the importer gave it
//! and the evidence for that role, so an editor can see why a line was chosen or dropped.

use super::evidence::furniture_reasons;
use super::lines::{same_text, Kind, Line};
use super::page::Analysis;
use super::paragraphs::is_prose;
use super::text::{ends_sentence, word_count};
use crate::text::lang::dominant_script;
use serde::Serialize;

/// One line of the page as the importer read it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExplainedLine {
    /// Line number in the cleaned page (1-based, after wrapped lines were joined).
    pub number: usize,
    /// The line.
    pub text: String,
    /// What it became: title, byline, summary, body, dropped, …
    pub role: &'static str,
    /// Why.
    pub evidence: Vec<String>,
}

/// Explains every non-blank line of an analysed page.
pub fn explain(analysis: &Analysis) -> Vec<ExplainedLine> {
    let last_kept = analysis.kept.last().copied().unwrap_or(analysis.start);
    let first_kept = analysis.kept.first().copied().unwrap_or(analysis.start);
    analysis
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.kind != Kind::Blank)
        .map(|(i, line)| {
            let role = role_of(analysis, i, line, first_kept, last_kept);
            ExplainedLine {
                number: i + 1,
                text: line.text.clone(),
                role,
                evidence: evidence_for(line),
            }
        })
        .collect()
}

fn role_of(a: &Analysis, i: usize, line: &Line, first: usize, last: usize) -> &'static str {
    let head = &a.head;
    if head.title_at == Some(i) {
        return "title";
    }
    if a.kept.binary_search(&i).is_ok() {
        return "body";
    }
    if head.summary.as_deref().is_some_and(|s| {
        same_text(
            s.trim_end_matches('…'),
            line.text.trim_end_matches(['…', '.']),
        )
    }) {
        return "summary";
    }
    match &line.kind {
        Kind::Byline(_) => return "byline",
        Kind::Bio(_) => return "author note",
        Kind::Attribution(_) | Kind::Url(..) => return "source",
        Kind::Translation(_) => return "translation note",
        Kind::Dateline(..) => return "date",
        Kind::TagList(_) | Kind::TagHeading => return "tags",
        Kind::Category(_) if i < a.start => return "section",
        Kind::Caption => return "caption",
        _ => {}
    }
    if head.authors.iter().any(|n| line.text.contains(n.as_str())) && i < a.start {
        return "byline";
    }
    if a.body.iter().any(|b| same_text(b, &line.text)) {
        return "repeat of a body line";
    }
    if i > first && i < last {
        // Prose-shaped, whatever vocabulary made it go: the editor must see it.
        let prose_kind = matches!(
            line.kind,
            Kind::Text | Kind::Ui | Kind::Footer | Kind::Teaser
        );
        if prose_kind && is_prose(&line.text) {
            return "dropped prose";
        }
        return "dropped";
    }
    if i < a.start {
        "before the article"
    } else {
        "after the article"
    }
}

fn evidence_for(line: &Line) -> Vec<String> {
    let text = &line.text;
    let mut out = vec![kind_name(&line.kind).to_string()];
    out.push(format!("{} words", word_count(text)));
    if let Some(script) = dominant_script(text) {
        out.push(format!("{script:?} script"));
    }
    if ends_sentence(text) {
        out.push("ends a sentence".into());
    }
    if line.kind == Kind::Text && is_prose(text) {
        out.push("prose".into());
    }
    if line.repeats > 1 {
        out.push(format!("printed {} times", line.repeats));
    }
    out.extend(furniture_reasons(text));
    out
}

fn kind_name(kind: &Kind) -> String {
    match kind {
        Kind::Blank => "blank".into(),
        Kind::Separator => "separator".into(),
        Kind::Ui => "interface text".into(),
        Kind::Footer => "opens the site's footer".into(),
        Kind::Teaser => "teaser (trails off)".into(),
        Kind::TagList(t) => format!("tag list: {}", t.join(", ")),
        Kind::TagHeading => "tag heading".into(),
        Kind::Url(u, _) => format!("link {u}"),
        Kind::Attribution(a) => format!(
            "attribution{}",
            a.publisher
                .as_deref()
                .map(|p| format!(" naming {p}"))
                .unwrap_or_default()
        ),
        Kind::Bio(_) => "author note".into(),
        Kind::Translation(l) => format!(
            "translation note{}",
            l.map(|l| format!(" ({l})")).unwrap_or_default()
        ),
        Kind::Byline(b) => format!("byline naming {}", b.authors.join(", ")),
        Kind::Dateline(d, updated) => format!(
            "{} {}",
            if *updated { "update date" } else { "date" },
            d.date
        ),
        Kind::Category(c) => format!("section label {c}"),
        Kind::Caption => "photo caption (a credit follows or closes it)".into(),
        Kind::Text => "text".into(),
    }
}

/// Renders an explanation as the command prints it.
pub fn render(lines: &[ExplainedLine]) -> String {
    let mut out = String::new();
    for l in lines {
        let text: String = l.text.chars().take(72).collect();
        let more = if l.text.chars().count() > 72 {
            "…"
        } else {
            ""
        };
        out.push_str(&format!(
            "{:4}  {:<18} {text}{more}\n      {:<18} {}\n",
            l.number,
            l.role,
            "",
            l.evidence.join("; ")
        ));
    }
    out
}
