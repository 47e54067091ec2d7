//! Property tests: slugs, dates, tag canonicalisation and serve's request paths, each checked
//! against its contract on generated input rather than a fixed table.

use std::path::{Component, Path};

use briefgen::normalise::{parse_date, slugify, term_list};
use briefgen::serve::paths::{parse_request_path, PathError};
use briefgen::text::slug::is_valid_slug;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use proptest::prelude::*;

/// English month name of month `m0` (0-based), as chrono writes it: the oracle stays independent
/// of briefgen's own month table.
fn month_name(m0: u32) -> String {
    NaiveDate::from_ymd_opt(2000, m0 + 1, 1)
        .expect("a valid month")
        .format("%B")
        .to_string()
}

/// The slug contract: lowercase ASCII words joined by single dashes, or nothing at all.
fn is_url_slug(s: &str) -> bool {
    s.split('-').all(|w| {
        !w.is_empty()
            && w.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    })
}

/// Text with the characters slugify treats specially: apostrophes, dashes, whitespace,
/// punctuation, accents, non-Latin scripts.
fn texty() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ a-zA-Z0-9'’\\-_.,:!?&/\\t\u{00e9}\u{00fc}\u{00e7}\u{5317}\u{671d}\u{9bae}\u{0420}\u{043e}]{0,40}",
    ]
}

proptest! {
    #[test]
    fn slugify_is_idempotent(s in texty()) {
        let once = slugify(&s);
        prop_assert_eq!(slugify(&once), once);
    }

    #[test]
    fn slugify_output_is_url_safe(s in texty()) {
        let slug = slugify(&s);
        prop_assert!(slug.is_empty() || is_url_slug(&slug), "{:?} -> {:?}", s, slug);
        prop_assert!(slug.is_empty() || is_valid_slug(&slug), "{:?}", slug);
    }

    #[test]
    fn slugify_is_stable_across_calls_and_spellings(words in prop::collection::vec("[a-zA-Z0-9]{1,8}", 1..5)) {
        let plain = words.join(" ");
        let first = slugify(&plain);
        prop_assert_eq!(&slugify(&plain), &first);
        // Case, dashes, underscores and runs of whitespace do not change a slug.
        prop_assert_eq!(&slugify(&plain.to_uppercase()), &first);
        prop_assert_eq!(&slugify(&words.join("-")), &first);
        prop_assert_eq!(&slugify(&words.join(" _ ")), &first);
        prop_assert_eq!(&slugify(&format!("  {}\t", words.join("\n  "))), &first);
    }

    #[test]
    fn slugify_ignores_the_kind_of_whitespace(words in prop::collection::vec(texty(), 1..5), seps in prop::collection::vec(prop_oneof![Just(" "), Just("\t"), Just("\n"), Just("  "), Just("\r\n"), Just("\u{3000}")], 4)) {
        let spaced = words.join(" ");
        let mixed: String = words
            .iter()
            .enumerate()
            .map(|(i, w)| if i == 0 { w.clone() } else { format!("{}{w}", seps[i - 1]) })
            .collect();
        prop_assert_eq!(slugify(&mixed), slugify(&spaced));
    }

    #[test]
    fn slugify_keeps_any_ascii_letter_or_digit(before in any::<String>(), c in "[a-zA-Z0-9]", after in any::<String>()) {
        let slug = slugify(&format!("{before}{c}{after}"));
        prop_assert!(!slug.is_empty());
        let lower = c.to_ascii_lowercase();
        prop_assert!(slug.contains(&lower), "{:?} lost {:?}", slug, lower);
    }
}

/// Any date the parser's four-digit-year forms can name.
fn calendar_date() -> impl Strategy<Value = NaiveDate> {
    (1000i32..=9999, 1u32..=12, 1u32..=31)
        .prop_filter_map("a real day", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
}

fn midnight_utc(d: NaiveDate) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(0)
        .unwrap()
        .from_utc_datetime(&d.and_time(NaiveTime::MIN))
}

proptest! {
    #[test]
    fn iso_dates_parse_to_chronos_date(d in calendar_date()) {
        let text = d.format("%Y-%m-%d").to_string();
        let chrono_reads = NaiveDate::parse_from_str(&text, "%Y-%m-%d").unwrap();
        prop_assert_eq!(parse_date(&text), Ok(midnight_utc(chrono_reads)));
        prop_assert_eq!(chrono_reads, d);
    }

    #[test]
    fn written_out_dates_parse_to_chronos_date(d in calendar_date(), abbrev in any::<bool>(), lower in any::<bool>(), day_first in any::<bool>()) {
        use chrono::Datelike;
        let full = month_name(d.month0());
        let month = if abbrev { full[..3].to_string() } else { full.to_string() };
        let month = if lower { month.to_lowercase() } else { month };
        let (text, format) = match (day_first, abbrev) {
            (true, false) => (format!("{} {month} {}", d.day(), d.year()), "%d %B %Y"),
            (true, true) => (format!("{} {month} {}", d.day(), d.year()), "%d %b %Y"),
            (false, false) => (format!("{month} {}, {}", d.day(), d.year()), "%B %d, %Y"),
            (false, true) => (format!("{month} {}, {}", d.day(), d.year()), "%b %d, %Y"),
        };
        let chrono_reads = NaiveDate::parse_from_str(&text, format).unwrap();
        prop_assert_eq!(parse_date(&text), Ok(midnight_utc(chrono_reads)), "{}", text);
    }

    #[test]
    fn rfc3339_round_trips(secs in -30_000_000_000i64..200_000_000_000, offset_min in -(23 * 60i32)..=(23 * 60)) {
        let offset = FixedOffset::east_opt(offset_min * 60).unwrap();
        let dt = offset.timestamp_opt(secs, 0).unwrap();
        prop_assume!((1000..=9999).contains(&chrono::Datelike::year(&dt)));
        let back = parse_date(&dt.to_rfc3339()).unwrap();
        prop_assert_eq!(back, dt);
        prop_assert_eq!(back.offset(), dt.offset());
        // What the site prints as a date parses back to the same day.
        let day = dt.date_naive();
        prop_assert_eq!(parse_date(&day.format("%Y-%m-%d").to_string()).unwrap().date_naive(), day);
    }

    #[test]
    fn impossible_days_are_refused(y in 1000i32..=9999, m in 0usize..12, d in 32u32..100) {
        let written = format!("{d} {} {y}", month_name(m as u32));
        let iso = format!("{y}-{:02}-{d}", m + 1);
        prop_assert!(parse_date(&written).is_err(), "{}", written);
        prop_assert!(parse_date(&iso).is_err(), "{}", iso);
    }

    #[test]
    fn arbitrary_text_never_panics(s in any::<String>()) {
        let _ = parse_date(&s);
    }

    #[test]
    fn date_like_text_never_panics(s in "[0-9A-Za-z :,.+\\-TZ]{0,30}") {
        if let Ok(dt) = parse_date(&s) {
            // Whatever is accepted survives its own round trip.
            prop_assert_eq!(parse_date(&dt.to_rfc3339()), Ok(dt));
        }
    }
}

/// Variants of one term as different authors type it.
fn spelling(words: &[String], style: u8) -> String {
    match style % 5 {
        0 => words.join(" "),
        1 => words.join(" ").to_uppercase(),
        2 => format!("  {}  ", words.join("   ")),
        3 => words.join("-"),
        _ => words.join("\t").to_lowercase(),
    }
}

proptest! {
    #[test]
    fn term_list_is_idempotent(names in prop::collection::vec(texty(), 0..8)) {
        let once = term_list(names.iter().map(String::as_str));
        let twice = term_list(once.iter().map(|t| t.name.as_str()));
        prop_assert_eq!(twice, once);
    }

    #[test]
    fn term_names_and_slugs_agree(names in prop::collection::vec(texty(), 0..8)) {
        let list = term_list(names.iter().map(String::as_str));
        for (i, t) in list.iter().enumerate() {
            prop_assert_eq!(&slugify(&t.name), &t.slug);
            prop_assert!(is_url_slug(&t.slug), "{:?}", t.slug);
            prop_assert_eq!(t.name.trim(), t.name.as_str());
            prop_assert_eq!(t.name.split_whitespace().collect::<Vec<_>>().join(" "), t.name.clone());
            prop_assert!(list[..i].iter().all(|u| u.slug != t.slug), "slug {:?} twice", t.slug);
        }
        // Nothing with a usable slug is dropped.
        for n in &names {
            let slug = slugify(n);
            prop_assert!(slug.is_empty() || list.iter().any(|t| t.slug == slug));
        }
    }

    #[test]
    fn spellings_of_one_term_share_one_slug(words in prop::collection::vec("[a-zA-Z0-9]{1,8}", 1..4), styles in prop::collection::vec(any::<u8>(), 1..6)) {
        let variants: Vec<String> = styles.iter().map(|&s| spelling(&words, s)).collect();
        let list = term_list(variants.iter().map(String::as_str));
        prop_assert_eq!(list.len(), 1, "{:?} -> {:?}", variants, list);
        // The first spelling is the one shown, tidied.
        prop_assert_eq!(&list[0].name, &variants[0].split_whitespace().collect::<Vec<_>>().join(" "));
    }
}

/// Pieces of request paths, hostile ones included.
fn path_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("..".to_string()),
        Just(".".to_string()),
        Just("%2e%2e".to_string()),
        Just("%2E.".to_string()),
        Just(".%2e".to_string()),
        Just("%2f".to_string()),
        Just("%2F".to_string()),
        Just("%5c".to_string()),
        Just("\\".to_string()),
        Just("%00".to_string()),
        Just("\0".to_string()),
        Just("/".to_string()),
        Just("//".to_string()),
        Just("C:".to_string()),
        Just("%".to_string()),
        Just("%2".to_string()),
        Just("?".to_string()),
        Just("#".to_string()),
        Just("%3f".to_string()),
        "[a-z0-9._-]{1,6}",
        any::<String>(),
    ]
}

/// Whether a percent-decoded path names a `.` or `..` segment before any query or fragment.
fn has_dot_segment(raw: &str) -> bool {
    let path = raw.split(['?', '#']).next().unwrap_or("");
    let decoded = path
        .replace("%2e", ".")
        .replace("%2E", ".")
        .replace("%2f", "/")
        .replace("%2F", "/");
    decoded.split('/').any(|s| s == "." || s == "..")
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

proptest! {
    #[test]
    fn request_paths_never_leave_the_root(pieces in prop::collection::vec(path_piece(), 0..8), lead in prop_oneof![Just(""), Just("/"), Just("//")]) {
        let raw = format!("{lead}{}", pieces.concat());
        match parse_request_path(&raw) {
            Ok(request) => {
                let root = Path::new("/srv/site");
                prop_assert!(root.join(&request.key).starts_with(root), "{:?}", request.key);
                prop_assert!(
                    Path::new(&request.key).components().all(|c| matches!(c, Component::Normal(_))),
                    "{:?} -> {:?}", raw, request.key
                );
                prop_assert!(!request.key.contains(['\\', '\0']));
                prop_assert!(!has_dot_segment(&raw), "{:?} was accepted", raw);
            }
            Err(PathError::Traversal | PathError::Malformed) => {}
        }
    }

    #[test]
    fn dot_segments_are_always_refused(
        before in prop::collection::vec("[a-z0-9]{1,5}", 0..3),
        dots in prop_oneof![Just(".."), Just("."), Just("%2e%2e"), Just("%2E%2e"), Just("%2e"), Just(".%2E")],
        after in prop::collection::vec("[a-z0-9]{1,5}", 0..3),
    ) {
        let mut segments = before.clone();
        segments.push(dots.to_string());
        segments.extend(after);
        let raw = format!("/{}", segments.join("/"));
        prop_assert_eq!(parse_request_path(&raw), Err(PathError::Traversal), "{}", raw);
    }

    #[test]
    fn safe_keys_round_trip_through_percent_encoding(
        segments in prop::collection::vec("[a-zA-Z0-9_\\-~ é北]{1,8}", 1..5),
        dir in any::<bool>(),
    ) {
        prop_assume!(segments.iter().all(|s| s != "." && s != ".."));
        let key = segments.join("/");
        let raw = format!("/{}{}", percent_encode(&key), if dir { "/" } else { "" });
        let request = parse_request_path(&raw).unwrap();
        let want = if dir { format!("{key}/") } else { key };
        prop_assert_eq!(request.key, want);
        prop_assert_eq!(request.is_dir, dir);
    }

    #[test]
    fn only_two_hex_digits_make_an_escape(
        a in prop::sample::select(vec!['+', '-', '0', '9', 'a', 'F', 'g', 'z', '%', '.', ' ', 'é']),
        b in prop::sample::select(vec!['+', '-', '0', '9', 'a', 'F', 'g', 'z', '%', '.', ' ', 'é']),
    ) {
        let raw = format!("/x%{a}{b}");
        let escape = a.is_ascii_hexdigit() && b.is_ascii_hexdigit();
        if !escape {
            prop_assert_eq!(parse_request_path(&raw), Err(PathError::Malformed), "{:?}", raw);
        }
    }

    #[test]
    fn arbitrary_request_paths_never_panic(raw in any::<String>()) {
        if let Ok(request) = parse_request_path(&raw) {
            prop_assert!(Path::new(&request.key).components().all(|c| matches!(c, Component::Normal(_))));
        }
    }
}
