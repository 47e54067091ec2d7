//! Callouts: a block quote whose first line is `[!KIND]` (GitHub's alert syntax), optionally
//! followed by a title, becomes a labelled box: `> [!KEY-POINTS]`, `> [!RECOMMENDATIONS]`,
//! `> [!NOTE] On sources`. Kinds and their titles are interface strings (`callout_<kind>`, in
//! the page's language, see [`Labels`]).

use crate::diagnostics::Code;
use std::ops::Range;

use crate::media::{escape, BodyError, Labels};

/// A recognised callout marker at the start of a block quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// Lower-case, hyphenated: `key-points`.
    pub kind: String,
    /// The title written after the marker, if any.
    pub title: Option<String>,
    /// Where the marker line ends in the Markdown (its text is not part of the body).
    pub line_end: usize,
}

/// Reads the marker of the block quote at `range`, if its first line has one. An unknown
/// kind is an error, so a typo is not published as a plain quote that starts with `[!…]`.
pub fn marker(
    markdown: &str,
    range: &Range<usize>,
    labels: &Labels,
) -> Result<Option<Marker>, BodyError> {
    let quote = &markdown[range.start..range.end];
    let first_line_len = quote.find('\n').unwrap_or(quote.len());
    let line = &quote[..first_line_len];
    let after_gt = line
        .trim_start()
        .strip_prefix('>')
        .unwrap_or(line)
        .trim_start();
    let Some(rest) = after_gt.strip_prefix("[!") else {
        return Ok(None);
    };
    let Some(close) = rest.find(']') else {
        return Ok(None);
    };
    let written = &rest[..close];
    if written.is_empty()
        || !written
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
    {
        return Ok(None);
    }
    let kind: String = written
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == '_' || c == ' ' { '-' } else { c })
        .collect();
    if labels.callout(&kind).is_none() {
        let at = range.start + (line.len() - after_gt.len());
        return Err(BodyError::new(
            at,
            Code::Callout,
            format!("unknown callout kind `{written}`"),
        )
        .hint(format!(
            "use one of {} (or add the kind as `{}` under [strings] in i18n/<lang>.toml)",
            labels
                .callout_kinds()
                .iter()
                .map(|k| format!("[!{}]", k.to_uppercase()))
                .collect::<Vec<_>>()
                .join(", "),
            crate::media::config::callout_key(&kind)
        )));
    }
    let title = rest[close + 1..].trim();
    Ok(Some(Marker {
        kind,
        title: (!title.is_empty()).then(|| title.to_string()),
        line_end: range.start + first_line_len,
    }))
}

/// The opening of a callout box; `n` numbers the callouts of a body for their label ids.
pub fn open(marker: &Marker, labels: &Labels, n: usize) -> String {
    let label = marker
        .title
        .as_deref()
        .map(crate::media::figure::inline_markdown)
        .unwrap_or_else(|| {
            escape(
                &labels
                    .callout(&marker.kind)
                    .unwrap_or_else(|| marker.kind.clone()),
            )
        });
    format!(
        "<div class=\"callout callout-{kind}\" role=\"note\" aria-labelledby=\"callout-{n}\">\n\
         <p class=\"callout-title\" id=\"callout-{n}\">{label}</p>\n",
        kind = marker.kind
    )
}

pub const CLOSE: &str = "</div>\n";

#[cfg(test)]
mod tests {
    use super::*;

    fn read(md: &str) -> Result<Option<Marker>, BodyError> {
        marker(md, &(0..md.len()), &Labels::default())
    }

    #[test]
    fn reads_kinds_in_any_case_with_optional_title() {
        let m = read("> [!KEY-POINTS]\n> - one\n").unwrap().unwrap();
        assert_eq!((m.kind.as_str(), m.title.as_deref()), ("key-points", None));
        assert_eq!(m.line_end, 15);
        let m = read("> [!Key points] What matters\n> text")
            .unwrap()
            .unwrap();
        assert_eq!(m.kind, "key-points");
        assert_eq!(m.title.as_deref(), Some("What matters"));
        assert_eq!(read("> [!note]\n> x").unwrap().unwrap().kind, "note");
        assert_eq!(
            read("> [!RECOMMENDATIONS]").unwrap().unwrap().kind,
            "recommendations"
        );
    }

    #[test]
    fn plain_quotes_and_unknown_kinds() {
        assert_eq!(read("> Just a quote\n").unwrap(), None);
        assert_eq!(read("> [link](x) text\n").unwrap(), None);
        let e = read("> [!KEYPOINT]\n> x").unwrap_err();
        assert!(e.message.contains("unknown callout kind `KEYPOINT`"));
        assert!(e.hint.unwrap().contains("[!KEY-POINTS]"));
    }

    #[test]
    fn configured_labels_rename_and_add_kinds() {
        let mut catalog = crate::i18n::Catalog::builtin("en");
        let config = crate::media::LabelsConfig {
            callouts: [
                ("key-points".to_string(), "Points to keep".to_string()),
                ("methodology".to_string(), "About the data".to_string()),
            ]
            .into(),
            ..Default::default()
        };
        catalog.override_strings("en", config.strings());
        let labels = Labels::new(std::sync::Arc::new(catalog), "en");
        let md = "> [!METHODOLOGY]\n> x";
        let m = marker(md, &(0..md.len()), &labels).unwrap().unwrap();
        assert!(open(&m, &labels, 1).contains(">About the data</p>"));
        let m = read("> [!KEY-POINTS]").unwrap().unwrap();
        assert!(open(&m, &labels, 2).contains(">Points to keep</p>"));
        assert!(open(&m, &labels, 2).contains("class=\"callout callout-key-points\""));
        // In Japanese, the built-in kinds have their Japanese titles.
        let ja = labels.in_language("ja");
        assert!(open(&m, &ja, 2).contains(">要点</p>"));
        let e = read("> [!METHODOLOGY]\n> x").unwrap_err();
        assert!(e.hint.unwrap().contains("`callout_methodology`"));
    }
}
