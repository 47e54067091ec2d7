//! Finding a calendar date in a line of pasted text, in the forms publishers print in
//! every language the importer reads.

use super::months::{month_number, MONTHS};
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

/// A date found in text, and whether its day/month order had to be guessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    /// The calendar date.
    pub date: NaiveDate,
    /// True for numeric dates like 04/03/2024 that read either way.
    pub ambiguous: bool,
}

fn month_alternation() -> String {
    let mut names: Vec<&str> = MONTHS.iter().map(|(m, _)| *m).collect();
    // Longest first, so "mars" is not read as "mar" + "s".
    names.sort_by_key(|m| std::cmp::Reverse(m.chars().count()));
    names.join("|")
}

static PATTERNS: LazyLock<Vec<(Regex, Order)>> = LazyLock::new(|| {
    let m = month_alternation();
    let day = r"(\d{1,2})(?:st|nd|rd|th|er|º)?";
    vec![
        // A time may follow straight after the day, as in 2024-03-03T09:30.
        (
            Regex::new(r"\b(\d{4})-(\d{1,2})-(\d{1,2})(?:[^\d]|$)").unwrap(),
            Order::Ymd,
        ),
        (
            Regex::new(r"\b(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b").unwrap(),
            Order::Ymd,
        ),
        (
            Regex::new(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]").unwrap(),
            Order::Ymd,
        ),
        (
            Regex::new(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b").unwrap(),
            Order::Dmy,
        ),
        (
            Regex::new(r"\b(\d{1,2})[/-](\d{1,2})[/-](\d{4})\b").unwrap(),
            Order::Numeric,
        ),
        (
            Regex::new(&format!(
                r"(?i)\b{day}(?:\.?\s+(?:de\s+|of\s+)?|-)({m})\b\.?(?:,?\s*(?:de\s+)?|-)(\d{{4}})\b"
            ))
            .unwrap(),
            Order::DayMonthName,
        ),
        (
            Regex::new(&format!(r"(?i)\b({m})\b\.?\s+{day},?\s+(\d{{4}})\b")).unwrap(),
            Order::MonthNameDay,
        ),
    ]
});

#[derive(Clone, Copy)]
enum Order {
    Ymd,
    Dmy,
    /// Slash or dash separated day and month in an unknown order.
    Numeric,
    DayMonthName,
    MonthNameDay,
}

/// Finds the earliest full date (day, month and year) in `text`.
///
/// Month-and-year phrases ("In November 2024") are deliberately not dates:
/// articles mention them constantly and they are never a publication date.
/// Numeric dates are read day-first unless only month-first makes sense,
/// and flagged ambiguous when both readings are valid.
pub fn find_date(text: &str) -> Option<FoundDate> {
    let text = ascii_digits(text);
    let mut best: Option<(usize, FoundDate)> = None;
    for (re, order) in PATTERNS.iter() {
        for caps in re.captures_iter(&text) {
            let start = caps.get(0).map_or(0, |m| m.start());
            if best.is_some_and(|(pos, _)| pos <= start) {
                break;
            }
            if let Some(found) = interpret(&caps, *order) {
                best = Some((start, found));
                break;
            }
        }
    }
    best.map(|(_, found)| found)
}

/// Parses a date given on the command line; the whole value must be a date.
pub fn parse_date_arg(value: &str) -> Result<NaiveDate, String> {
    let trimmed = value.trim();
    match find_date(trimmed) {
        Some(found) if trimmed.chars().filter(|c| c.is_ascii_digit()).count() >= 5 => {
            Ok(found.date)
        }
        _ => Err(format!(
            "not a date: {value:?} (try 2024-11-20 or \"20 November 2024\")"
        )),
    }
}

fn interpret(caps: &regex::Captures, order: Order) -> Option<FoundDate> {
    let num = |i: usize| caps.get(i)?.as_str().parse::<u32>().ok();
    let (y, m, d, ambiguous) = match order {
        Order::Ymd => (num(1)?, num(2)?, num(3)?, false),
        Order::Dmy => (num(3)?, num(2)?, num(1)?, false),
        Order::Numeric => {
            let (a, b, y) = (num(1)?, num(2)?, num(3)?);
            if a > 12 || b == a {
                (y, b, a, false)
            } else if b > 12 {
                (y, a, b, false)
            } else {
                (y, b, a, true)
            }
        }
        Order::DayMonthName => (
            num(3)?,
            month_number(caps.get(2)?.as_str())?,
            num(1)?,
            false,
        ),
        Order::MonthNameDay => (
            num(3)?,
            month_number(caps.get(1)?.as_str())?,
            num(2)?,
            false,
        ),
    };
    if !(1900..=2100).contains(&y) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(y as i32, m, d)?;
    Some(FoundDate { date, ambiguous })
}

/// Full-width digits (common in Japanese and Chinese pages) as ASCII.
fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(s: &str) -> Option<String> {
        find_date(s).map(|f| f.date.format("%Y-%m-%d").to_string())
    }

    #[test]
    fn finds_dates_in_common_forms() {
        let table = [
            ("Published 3 March 2024", Some("2024-03-03")),
            ("March 3, 2024", Some("2024-03-03")),
            ("Mar. 3, 2024 at 10:00 am", Some("2024-03-03")),
            ("Sunday, 3rd of March 2024", Some("2024-03-03")),
            ("03/03/2024", Some("2024-03-03")),
            ("25/12/2023", Some("2023-12-25")),
            ("12/25/2023", Some("2023-12-25")),
            ("2024-03-03T09:30:00Z", Some("2024-03-03")),
            ("2024/3/3", Some("2024-03-03")),
            ("2024年3月3日", Some("2024-03-03")),
            ("２０２４年３月３日 公開", Some("2024-03-03")),
            ("2024년 3월 3일", Some("2024-03-03")),
            ("Publié le 1er mars 2024", Some("2024-03-01")),
            ("Veröffentlicht am 3. März 2024", Some("2024-03-03")),
            ("3 de marzo de 2024", Some("2024-03-03")),
            ("14.02.2024", Some("2024-02-14")),
            ("Tue, 03 Dec 2024 10:15:00 GMT", Some("2024-12-03")),
            ("3-Dec-2024", Some("2024-12-03")),
            ("In November 2024, the minister", None),
            ("31 February 2024", None),
            ("page 12 of 2024 results", None),
            ("no date here", None),
        ];
        for (input, want) in table {
            assert_eq!(ymd(input).as_deref(), want, "{input}");
        }
    }

    #[test]
    fn flags_ambiguous_numeric_dates() {
        let found = find_date("04/03/2024").unwrap();
        assert!(found.ambiguous);
        assert_eq!(found.date, NaiveDate::from_ymd_opt(2024, 3, 4).unwrap());
        assert!(!find_date("03/03/2024").unwrap().ambiguous);
    }

    #[test]
    fn earliest_date_wins() {
        assert_eq!(
            ymd("Updated 5 May 2024; first published 2024-01-02").as_deref(),
            Some("2024-05-05")
        );
    }

    #[test]
    fn command_line_dates() {
        assert_eq!(
            parse_date_arg("2024-11-20").unwrap().to_string(),
            "2024-11-20"
        );
        assert_eq!(
            parse_date_arg("20 November 2024").unwrap().to_string(),
            "2024-11-20"
        );
        assert!(parse_date_arg("tomorrow").is_err());
    }
}
