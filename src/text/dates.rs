//! Dates in the forms editors write them in front matter and on the command line.

use super::months::english_month_number;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

/// What the date parser accepts, for error messages.
pub const ACCEPTED_FORMS: &str =
    "2024-11-20, 2024-11-20T09:30:00+09:00 (RFC 3339), 20 November 2024 or November 20, 2024";

/// English month names, January first.
pub use super::months::ENGLISH as MONTHS;

/// Parses a date or date-time. Dates without a time are midnight UTC; date-times without an
/// offset are taken as UTC.
pub fn parse_date(input: &str) -> Result<DateTime<FixedOffset>, String> {
    let s = input.trim();
    let utc = FixedOffset::east_opt(0).expect("zero offset");
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Ok(dt);
    }
    let with_t = s.replacen(' ', "T", 1);
    if let Ok(dt) = DateTime::parse_from_rfc3339(&with_t) {
        return Ok(dt);
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(&with_t, fmt) {
            return Ok(utc.from_utc_datetime(&naive));
        }
    }
    let date = parse_calendar_date(s).ok_or_else(|| format!("`{s}` is not a date"))?;
    Ok(utc.from_utc_datetime(&date.and_time(NaiveTime::MIN)))
}

fn parse_calendar_date(s: &str) -> Option<NaiveDate> {
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        // chrono accepts a one-digit month here; editors' dates are zero-padded ISO.
        return (s.len() == 10).then_some(d);
    }
    let cleaned: String = s.chars().map(|c| if c == ',' { ' ' } else { c }).collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let [a, b, c] = words[..] else { return None };
    let (day, month, year) = match (english_month_number(a), english_month_number(b)) {
        (None, Some(m)) => (a, m, c), // 20 November 2024
        (Some(m), None) => (b, m, c), // November 20, 2024
        _ => return None,
    };
    let day: u32 = day
        .trim_end_matches(['s', 't', 'n', 'd', 'r', 'h'])
        .parse()
        .ok()?;
    let year: i32 = year.parse().ok().filter(|y| (1000..=9999).contains(y))?;
    NaiveDate::from_ymd_opt(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_forms() {
        let cases = [
            ("2024-11-20", "2024-11-20T00:00:00+00:00"),
            ("2024-11-20T09:30:00+09:00", "2024-11-20T09:30:00+09:00"),
            ("2024-11-20T09:30:00Z", "2024-11-20T09:30:00+00:00"),
            ("2024-11-20 09:30:00", "2024-11-20T09:30:00+00:00"),
            ("2024-11-20T09:30:00", "2024-11-20T09:30:00+00:00"),
            ("20 November 2024", "2024-11-20T00:00:00+00:00"),
            ("November 20, 2024", "2024-11-20T00:00:00+00:00"),
            ("Nov 20, 2024", "2024-11-20T00:00:00+00:00"),
            ("1 Sept 2023", "2023-09-01T00:00:00+00:00"),
            ("  5 March 2025 ", "2025-03-05T00:00:00+00:00"),
        ];
        for (input, want) in cases {
            let got = parse_date(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(got.to_rfc3339(), want, "{input}");
        }
    }

    #[test]
    fn rejected_forms() {
        for input in [
            "",
            "soon",
            "2024-13-01",
            "2024-02-30",
            "31 February 2024",
            "November 2024",
            "20/11/2024",
            "2024-1-5",
            "Mayday 3, 2024",
            "3 May 24",
        ] {
            assert!(parse_date(input).is_err(), "{input} should be rejected");
        }
    }
}
