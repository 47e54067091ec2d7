//! One value per field from the page's candidates: the most trusted source
//! wins, the visible headline confirms the title, and disagreements
//! between trusted sources go to `review`. Every choice is explained.

use super::markdown::fold;
use super::meta::{Found, PageMeta};
use chrono::NaiveDate;
use url::Url;

/// Separators between a headline and the site's name in a title.
const TITLE_SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " · ", " » ", " / ", " • ",
];

/// Most tags taken from the page's own list.
const MAX_LISTED_TAGS: usize = 10;

/// The fields the page's metadata settles.
#[derive(Debug, Default)]
pub struct Chosen {
    pub title: Option<String>,
    /// Every form of the title, folded, so the body does not repeat it.
    pub title_forms: Vec<String>,
    pub authors: Vec<String>,
    pub date: Option<NaiveDate>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    pub section: Option<String>,
    pub tags: Vec<String>,
    pub review: Vec<String>,
}

/// Settles each field; `explain` gets a line per field and its rivals.
pub fn choose(meta: &PageMeta, base: Option<&Url>, explain: &mut Vec<String>) -> Chosen {
    let sites: Vec<String> = meta.publishers.iter().map(|p| p.value.clone()).collect();
    let mut chosen = Chosen::default();
    choose_title(meta, &sites, &mut chosen, explain);
    let publisher = meta.publishers.first().cloned().or_else(|| {
        meta.titles
            .iter()
            .find(|t| t.source == "<title>")
            .and_then(|t| site_suffix(&t.value))
            .map(|s| Found {
                value: s,
                source: "<title> suffix",
            })
    });
    chosen.publisher = report("publisher", publisher.as_ref(), &meta.publishers, explain);
    let authors: Vec<Found<Vec<String>>> = meta
        .authors
        .iter()
        .map(|f| Found {
            value: f
                .value
                .iter()
                .filter(|a| !sites.iter().any(|s| s.eq_ignore_ascii_case(a)))
                .cloned()
                .collect(),
            source: f.source,
        })
        .filter(|f: &Found<Vec<String>>| !f.value.is_empty())
        .collect();
    if let Some(first) = authors.first() {
        chosen.authors = first.value.clone();
        explain.push(format!(
            "authors: {} [{}]",
            first.value.join(", "),
            first.source
        ));
        for other in &authors[1..] {
            explain.push(format!(
                "  also: {} [{}]",
                other.value.join(", "),
                other.source
            ));
        }
    } else {
        explain.push("authors: none stated [review]".into());
        chosen.review.push("authors".into());
    }
    choose_date(meta, &mut chosen, explain);
    let url = meta.urls.iter().find_map(|u| {
        let absolute = match base {
            Some(b) => b.join(&u.value).ok()?,
            None => Url::parse(&u.value).ok()?,
        };
        Some(Found {
            value: absolute.to_string(),
            source: u.source,
        })
    });
    chosen.url = report("source.url", url.as_ref(), &meta.urls, explain);
    let language = meta.languages.first().map(|l| Found {
        value: primary_language(&l.value),
        source: l.source,
    });
    chosen.language = report("language", language.as_ref(), &meta.languages, explain);
    chosen.section = report("category", meta.sections.first(), &meta.sections, explain);
    if let Some(tags) = meta.tags.first() {
        chosen.tags = tags.value.iter().take(MAX_LISTED_TAGS).cloned().collect();
        explain.push(format!(
            "tags listed: {} [{}]",
            chosen.tags.join(", "),
            tags.source
        ));
    }
    chosen
}

fn report(
    field: &str,
    chosen: Option<&Found<String>>,
    all: &[Found<String>],
    explain: &mut Vec<String>,
) -> Option<String> {
    let found = chosen?;
    explain.push(format!("{field}: {} [{}]", found.value, found.source));
    for other in all.iter().filter(|o| o.value != found.value) {
        explain.push(format!("  also: {} [{}]", other.value, other.source));
    }
    Some(found.value.clone())
}

/// The title: metadata's most trusted headline, or the visible `<h1>` that
/// agrees with one of the metadata titles (readers see that form).
fn choose_title(meta: &PageMeta, sites: &[String], chosen: &mut Chosen, explain: &mut Vec<String>) {
    let cleaned: Vec<Found<String>> = meta
        .titles
        .iter()
        .map(|t| Found {
            value: strip_site(&t.value, sites, t.source == "<title>"),
            source: t.source,
        })
        .filter(|t| !t.value.is_empty() && !sites.iter().any(|s| fold(s) == fold(&t.value)))
        .collect();
    // Metadata may cut a long headline short (search engines ask for 110
    // characters): a visible headline that continues it is the whole one.
    let confirms = |h: &str, c: &str| {
        let (h, c) = (fold(h), fold(c.trim_end_matches(['…', '.'])));
        h == c
            || (h.starts_with(&c) && c.split_whitespace().count() >= 4)
            || short_parts_around(&c, &h)
    };
    let confirmed = meta.headlines.iter().find_map(|h| {
        let cand = cleaned.iter().find(|c| confirms(h, &c.value))?;
        Some(Found {
            value: h.clone(),
            source: cand.source,
        })
    });
    let title = confirmed.or_else(|| cleaned.first().cloned()).or_else(|| {
        meta.headlines
            .iter()
            .find(|h| h.split_whitespace().count() >= 3)
            .or(meta.headlines.first())
            .map(|h| Found {
                value: h.clone(),
                source: "<h1>",
            })
    });
    let Some(mut title) = title else {
        return;
    };
    let others = cleaned.iter().map(|c| c.value.as_str());
    if let Some(bare) = kicker_free(
        &title.value,
        others.chain(meta.headlines.iter().map(String::as_str)),
    ) {
        title.value = bare;
    }
    explain.push(format!("title: {} [{}]", title.value, title.source));
    let trusted: Vec<&Found<String>> = cleaned.iter().filter(|c| c.source != "<title>").collect();
    let disagree = trusted.iter().find(|c| !similar(&c.value, &title.value));
    for other in cleaned.iter().filter(|c| c.value != title.value) {
        explain.push(format!("  also: {} [{}]", other.value, other.source));
    }
    if let Some(rival) = disagree {
        explain.push(format!("  conflict with {} [review]", rival.source));
        chosen.review.push("title".into());
    }
    chosen.title_forms = cleaned
        .iter()
        .map(|c| fold(&c.value))
        .chain(meta.headlines.iter().map(|h| fold(h)))
        .collect();
    chosen.title_forms.push(fold(&title.value));
    chosen.title = Some(title.value);
}

/// "Explainer: What a levy means" → "What a levy means" when the page
/// also gives the headline without its kicker or series label.
fn kicker_free<'a>(title: &str, others: impl Iterator<Item = &'a str>) -> Option<String> {
    let (kicker, rest) = [": ", " | ", "：", " – ", " — "]
        .iter()
        .find_map(|sep| title.split_once(sep))?;
    if words(kicker) > 3 || words(rest) < 3 {
        return None;
    }
    let rest_folded = fold(rest);
    others
        .into_iter()
        .find(|o| fold(o) == rest_folded)
        .map(str::to_string)
}

/// True when `title` is `headline` with a short label before or after it
/// across a separator ("Headline | Magazine", "Analysis: Headline").
fn short_parts_around(title: &str, headline: &str) -> bool {
    if words(headline) < 3 {
        return false;
    }
    TITLE_SEPARATORS
        .iter()
        .chain(&[": "])
        .filter_map(|sep| {
            let parts: Vec<&str> = title.split(sep).map(str::trim).collect();
            (parts.len() > 1).then_some(parts)
        })
        .any(|parts| {
            parts.contains(&headline)
                && parts
                    .iter()
                    .filter(|p| **p != headline)
                    .all(|p| words(p) <= 6)
        })
}

/// Same headline, give or take case, punctuation or a shortened form.
fn similar(a: &str, b: &str) -> bool {
    let (a, b) = (fold(a), fold(b));
    a == b || a.contains(&b) || b.contains(&a)
}

fn choose_date(meta: &PageMeta, chosen: &mut Chosen, explain: &mut Vec<String>) {
    let Some(first) = meta.dates.first() else {
        return;
    };
    explain.push(format!("date: {} [{}]", first.value, first.source));
    let mut conflict = false;
    for other in &meta.dates[1..] {
        explain.push(format!("  also: {} [{}]", other.value, other.source));
        // A day's difference is a time zone; `<time>` may be an update.
        let apart = (other.value - first.value).num_days().abs();
        conflict |= apart > 1 && other.source != "<time datetime>";
    }
    if conflict {
        explain.push("  dates disagree [review]".into());
        chosen.review.push("date".into());
    }
    chosen.date = Some(first.value);
}

/// "Headline | Site" → "Headline" when the tail is the site's name (or,
/// for the browser `<title>`, a short tail after a longer headline).
pub fn strip_site(title: &str, sites: &[String], browser_title: bool) -> String {
    let mut t = title.trim().to_string();
    // "Site :: Section :: Headline": the headline is the longest part.
    if let Some(parts) = TITLE_SEPARATORS
        .iter()
        .map(|sep| t.split(sep).map(str::trim).collect::<Vec<_>>())
        .find(|parts| parts.len() >= 3)
        .filter(|_| browser_title)
    {
        let longest = parts.iter().max_by_key(|p| words(p)).copied().unwrap_or("");
        if parts.iter().filter(|p| words(p) > 4).count() == 1 {
            return longest.to_string();
        }
    }
    for _ in 0..2 {
        let Some((head, tail, sep)) = TITLE_SEPARATORS
            .iter()
            .filter_map(|sep| t.rfind(sep).map(|i| (i, sep)))
            .max_by_key(|(i, _)| *i)
            .map(|(i, sep)| {
                (
                    t[..i].trim().to_string(),
                    t[i + sep.len()..].trim().to_string(),
                    *sep,
                )
            })
        else {
            break;
        };
        let is_site = |s: &str| {
            sites
                .iter()
                .any(|site| fold(site) == fold(s) || fold(site).contains(&fold(s)) && !s.is_empty())
        };
        if is_site(&tail) || (browser_title && words(&tail) <= 4 && words(&head) > words(&tail)) {
            t = head;
        } else if let Some((_, rest)) = t.split_once(sep).filter(|(f, _)| is_site(f)) {
            t = rest.trim().to_string();
        } else {
            break;
        }
    }
    t
}

/// The site name a browser title carries after its last separator.
fn site_suffix(title: &str) -> Option<String> {
    let (i, sep) = TITLE_SEPARATORS
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|i| (i, sep)))
        .max_by_key(|(i, _)| *i)?;
    let tail = title[i + sep.len()..].trim();
    (words(tail) <= 4 && words(&title[..i]) > words(tail)).then(|| tail.to_string())
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// "en-GB", "en_US", "EN" → "en".
fn primary_language(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_site_names() {
        let sites = vec!["Harbour Review".to_string()];
        assert_eq!(
            strip_site("Tides of trade | Harbour Review", &sites, true),
            "Tides of trade"
        );
        assert_eq!(
            strip_site("Harbour Review | Tides of trade", &sites, true),
            "Tides of trade"
        );
        assert_eq!(
            strip_site("Tides of trade – Analysis | Harbour Review", &sites, false),
            "Tides of trade – Analysis"
        );
        assert_eq!(
            strip_site("War and peace - a long look back at it | Blog", &[], true),
            "War and peace - a long look back at it"
        );
        assert_eq!(strip_site("Left - right", &[], false), "Left - right");
        assert_eq!(
            site_suffix("Tides of trade in the north | Harbour Review").as_deref(),
            Some("Harbour Review")
        );
        assert_eq!(
            strip_site(
                "Ministry :: Press Releases :: New pilot boats enter service",
                &[],
                true
            ),
            "New pilot boats enter service"
        );
    }

    #[test]
    fn finds_the_headline_inside_labelled_titles() {
        assert!(short_parts_around(
            "the salt roads of the sahara | meridian magazine",
            "the salt roads of the sahara"
        ));
        assert!(!short_parts_around("left - right", "left"));
        assert_eq!(
            kicker_free(
                "Explainer: What a levy means",
                ["What a levy means"].into_iter()
            )
            .as_deref(),
            Some("What a levy means")
        );
        assert_eq!(
            kicker_free("Rivers: the long view back", ["Other"].into_iter()),
            None
        );
    }
}
