//! Filling a message's `{placeholders}`, grouping digits, and spelling dates the way a language
//! writes them (`20 February 2024`, `2024年2月20日`, `20 февраля 2024 г.`).

use chrono::{Datelike, NaiveDate};

/// One piece of a message: literal text or a named argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(std::borrow::Cow<'a, str>),
    /// `{name}`, or `{name:lower}` for an argument lower-cased where the language wants it
    /// ("Browse by tags" from the title "Tags").
    Arg {
        name: &'a str,
        lower: bool,
    },
}

/// Splits a message into pieces. `{{` and `}}` stand for literal braces. Returns the byte
/// offset and a description of the first malformed placeholder.
pub fn parse(message: &str) -> Result<Vec<Piece<'_>>, (usize, String)> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut rest = message;
    let mut offset = 0;
    while let Some(at) = rest.find(['{', '}']) {
        text.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let brace = rest.as_bytes()[at];
        if after.as_bytes().first() == Some(&brace) {
            text.push(brace as char);
            offset += at + 2;
            rest = &after[1..];
            continue;
        }
        if brace == b'}' {
            return Err((offset + at, "a lone `}` (write `}}` for a brace)".into()));
        }
        let Some(end) = after.find('}') else {
            return Err((offset + at, "a `{` that is never closed".into()));
        };
        let inner = &after[..end];
        let (name, lower) = match inner.split_once(':') {
            Some((name, "lower")) => (name, true),
            Some((_, modifier)) => {
                return Err((
                    offset + at,
                    format!("unknown modifier `{modifier}` in `{{{inner}}}` (only `lower` exists)"),
                ))
            }
            None => (inner, false),
        };
        let valid = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !valid {
            return Err((
                offset + at,
                format!("`{{{inner}}}` is not a placeholder: names are lowercase letters, digits and `_` (write `{{{{` for a brace)"),
            ));
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(std::mem::take(&mut text).into()));
        }
        pieces.push(Piece::Arg { name, lower });
        offset += at + 1 + end + 1;
        rest = &after[end + 1..];
    }
    text.push_str(rest);
    if !text.is_empty() {
        pieces.push(Piece::Text(text.into()));
    }
    Ok(pieces)
}

/// The placeholder names a message uses, in order of first use.
pub fn placeholders(message: &str) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    for piece in parse(message).unwrap_or_default() {
        if let Piece::Arg { name, .. } = piece {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}

/// Fills `message` with `arg(name)`; a placeholder without an argument is an error naming it.
pub fn fill(message: &str, arg: impl Fn(&str) -> Option<String>) -> Result<String, String> {
    let pieces = parse(message).map_err(|(_, why)| why)?;
    let mut out = String::with_capacity(message.len() + 16);
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(&t),
            Piece::Arg { name, lower } => {
                let value = arg(name).ok_or_else(|| format!("no value for `{{{name}}}`"))?;
                if lower {
                    out.push_str(&value.to_lowercase());
                } else {
                    out.push_str(&value);
                }
            }
        }
    }
    Ok(out)
}

/// The digit-group separator a language uses when none is configured.
pub fn default_group_separator(code: &str) -> &'static str {
    let primary = code.split(['-', '_']).next().unwrap_or(code);
    match primary {
        // Narrow no-break space, as French typography sets it.
        "fr" => "\u{202F}",
        "ru" | "uk" | "be" | "pl" | "cs" | "sk" | "fi" | "sv" | "nb" | "no" => "\u{00A0}",
        "de" | "es" | "it" | "pt" | "nl" | "id" | "vi" | "tr" | "da" | "el" => ".",
        _ => ",",
    }
}

/// `n` with digits grouped by thousands: `12,345`, `12 345`, `12.345`.
pub fn group_digits(n: i64, separator: &str) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + 8);
    if n < 0 {
        out.push('-');
    }
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(separator);
        }
        out.push(d);
    }
    out
}

/// How a language writes dates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DatePatterns {
    /// `{day} {month} {year}`.
    pub long: Option<String>,
    /// Day and month only, for compact lists: `{day} {month_short}`.
    pub short: Option<String>,
    /// A month of a year, for headings: `{month_standalone} {year}`.
    pub month_year: Option<String>,
    /// Month names as used inside a date (the genitive in Russian: `февраля`).
    pub months: Option<Vec<String>>,
    pub months_short: Option<Vec<String>>,
    /// Month names on their own (headings): defaults to `months` with a capital letter.
    pub months_standalone: Option<Vec<String>>,
}

/// Which date pattern to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    Long,
    Short,
    MonthYear,
}

/// Date patterns resolved through a language's fallback chain (its own, then English).
pub struct DateFormatter<'a> {
    pub chain: Vec<&'a DatePatterns>,
}

impl DateFormatter<'_> {
    fn pick<T>(&self, get: impl Fn(&DatePatterns) -> Option<&T>) -> Option<&T> {
        self.chain.iter().find_map(|p| get(p))
    }

    fn month(&self, list: impl Fn(&DatePatterns) -> Option<&Vec<String>>, m: u32) -> String {
        self.pick(list)
            .and_then(|names| names.get(m as usize - 1))
            .cloned()
            .unwrap_or_else(|| m.to_string())
    }

    /// The month's name on its own, e.g. for an archive heading: `February`, `2月`, `Февраль`.
    pub fn month_standalone(&self, m: u32) -> String {
        let m = m.clamp(1, 12);
        if let Some(names) = self.pick(|p| p.months_standalone.as_ref()) {
            return names[m as usize - 1].clone();
        }
        let name = self.month(|p| p.months.as_ref(), m);
        let mut chars = name.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
            .unwrap_or_default()
    }

    /// `date` in `style`.
    pub fn format(&self, date: NaiveDate, style: DateStyle) -> String {
        let pattern = match style {
            DateStyle::Long => self.pick(|p| p.long.as_ref()),
            DateStyle::Short => self.pick(|p| p.short.as_ref()),
            DateStyle::MonthYear => self.pick(|p| p.month_year.as_ref()),
        };
        let pattern = pattern.map_or("{year}-{month_number}-{day}", String::as_str);
        let m = date.month();
        let filled = fill(pattern, |name| {
            Some(match name {
                "day" => date.day().to_string(),
                "month" => self.month(|p| p.months.as_ref(), m),
                "month_short" => self.month(|p| p.months_short.as_ref(), m),
                "month_standalone" => self.month_standalone(m),
                "month_number" => m.to_string(),
                "year" => date.year().to_string(),
                _ => return None,
            })
        });
        // Patterns are checked when loaded, so this only guards against a bad built-in file.
        filled.unwrap_or_else(|_| date.format("%Y-%m-%d").to_string())
    }
}

/// The placeholders a date pattern may use.
pub const DATE_PLACEHOLDERS: &[&str] = &[
    "day",
    "month",
    "month_short",
    "month_standalone",
    "month_number",
    "year",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_split_into_text_and_arguments() {
        assert_eq!(
            parse("{n} min read").unwrap(),
            vec![
                Piece::Arg {
                    name: "n",
                    lower: false
                },
                Piece::Text(" min read".into())
            ]
        );
        assert_eq!(
            fill("Browse by {taxonomy:lower}", |_| Some("Tags".into())).unwrap(),
            "Browse by tags"
        );
        assert_eq!(
            fill("{{literal}} {x}}}", |_| Some("1".into())).unwrap(),
            "{literal} 1}"
        );
        assert_eq!(
            placeholders("Part {part} of {total}, {part}"),
            ["part", "total"]
        );
    }

    #[test]
    fn malformed_placeholders_are_reported_with_their_offset() {
        let cases = [
            ("open {n", 5, "never closed"),
            ("a } b", 2, "lone `}`"),
            ("{N}", 0, "not a placeholder"),
            ("x {n:upper}", 2, "unknown modifier `upper`"),
            ("{}", 0, "not a placeholder"),
        ];
        for (message, at, why) in cases {
            let (offset, text) = parse(message).unwrap_err();
            assert_eq!(offset, at, "{message}");
            assert!(text.contains(why), "{message}: {text}");
        }
        assert_eq!(
            fill("{n} left", |_| None).unwrap_err(),
            "no value for `{n}`"
        );
    }

    #[test]
    fn digits_are_grouped_by_thousands() {
        assert_eq!(group_digits(0, ","), "0");
        assert_eq!(group_digits(999, ","), "999");
        assert_eq!(group_digits(1000, ","), "1,000");
        assert_eq!(group_digits(1234567, "."), "1.234.567");
        assert_eq!(group_digits(-12345, "\u{202F}"), "-12\u{202F}345");
        assert_eq!(default_group_separator("fr-CA"), "\u{202F}");
        assert_eq!(default_group_separator("ja"), ",");
    }
}
