//! The publisher, from every common way a page names it: an attribution ("Originally
//! published by X"), "(From: X)", a copyright line, "X Editorial", a newsletter's name, a
//! report's series or citation line, a disclaimer, the site name in a browser-style title,
//! a site name in the header, or a publisher the site lists in `[[import.publishers]]`.
//! Each form is a candidate with a weight; the best-supported one wins.

use super::head::is_org_name;
use super::lines::{Kind, Line};
use super::text::{fold, word_count};
use regex::Regex;
use std::sync::LazyLock;

/// A publisher the site knows, with the other names and the web domains it goes by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KnownPublisher {
    /// The name to record.
    pub name: String,
    /// Other names printed for it ("CSIS" for "Center for Strategic and International Studies").
    pub aliases: Vec<String>,
    /// Web domains ("example.org").
    pub domains: Vec<String>,
}

struct Form {
    pattern: Regex,
    weight: u32,
    what: &'static str,
}

static FORMS: LazyLock<Vec<Form>> = LazyLock::new(|| {
    let form = |p: &str, weight, what| Form {
        pattern: Regex::new(p).expect("publisher pattern"),
        weight,
        what,
    };
    vec![
        form(
            r"(?i)^\(?\s*from\s*:\s*(?P<name>[^)]{2,60}?)\s*\)?$",
            80,
            "(From: X)",
        ),
        form(
            r"(?i)^(?:reposted|republished|syndicated)\s+from\s+(?P<name>.{2,60}?)\.?$",
            80,
            "reposted from X",
        ),
        form(
            r"(?i)^(?:issue brief|policy brief|brief|working paper|research paper|discussion paper|occasional paper|report|paper)\b[^,]{0,20},\s*(?P<name>[^,]{3,80}),\s*[^,]*\d{4}\.?$",
            75,
            "series line",
        ),
        form(
            r"^(?P<name>[^,]{3,60}),\s*Vol\.\s*\d+",
            75,
            "journal citation",
        ),
        form(
            r#"^[^"“”]{3,80},\s*["“][^"”]{5,200}["”],?\s*(?P<name>[^,]{3,60}),\s*[^,]*\d{4}\.?$"#,
            75,
            "citation line",
        ),
        form(
            r"^(?P<name>\p{Lu}[\p{L}'’ .&-]{2,50}?)\s+(?:Editorial|Editorial Board|Leader)$",
            70,
            "X Editorial",
        ),
        form(
            r"(?i)(?:you are receiving this because you subscribed to|thanks for reading)\s+(?P<name>[^!.]{3,50})",
            65,
            "newsletter name",
        ),
        form(
            r"(?i)^(?:copyright|©|ⓒ|\(c\)|저작권자|版权所有|版權所有|著作権)\s*(?:[©ⓒ]\s*)?(?:\d{4}\s*[-–]?\s*\d{0,4}\s*)?(?P<name>[^.,，©ⓒ]{2,60}?)(?:\s+\d{4})?(?:[.,，]|\s+(?:무단|all rights|tous droits|alle rechte|todos los derechos|все права)|$)",
            60,
            "copyright line",
        ),
        form(
            r"(?:^|\s)(?:来源|來源|출처)\s*[：:]\s*(?P<name>[^\s　|｜：:]{2,20})",
            70,
            "source label",
        ),
        form(
            r"^\p{Lu}[\p{Lu} .'-]{2,30}(?:,\s*\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2})?\s*\((?P<name>\p{Lu}[^)]{2,40})\)\s*[-–—]",
            60,
            "agency in a wire dateline",
        ),
        form(
            r"(?i)\|\s*source\s*:\s*(?P<name>[^|]{3,50})$",
            60,
            "source in a timestamp",
        ),
        form(
            r"(?i)do not necessarily reflect (?:those|the views) of (?:the\s+)?(?P<name>[^.,]{3,60})",
            50,
            "disclaimer",
        ),
        form(
            r"^(?P<name>\p{Lu}[^·,]{2,60}?)\s*(?:·|,)\s*(?:\p{Lu}\p{Ll}+\s+)?\d{4}$",
            45,
            "header line with a date",
        ),
    ]
});

/// A publisher candidate: the name, its weight and the form it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The name as printed.
    pub name: String,
    /// How strongly the form names a publisher.
    pub weight: u32,
    /// Which form, for `--explain`.
    pub what: &'static str,
}

/// Every publisher candidate on the page, strongest first.
pub fn candidates(lines: &[Line], authors: &[String], known: &[KnownPublisher]) -> Vec<Candidate> {
    let mut out = Vec::new();
    let page = lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let folded_page = fold(&page);
    for k in known {
        let names = std::iter::once(&k.name).chain(&k.aliases);
        let named = names.clone().any(|n| mentions(&page, n));
        let linked = k
            .domains
            .iter()
            .any(|d| folded_page.contains(&d.to_lowercase()));
        if named || linked {
            out.push(Candidate {
                name: k.name.clone(),
                weight: 85,
                what: "listed in site.toml",
            });
        }
    }
    for line in lines.iter().filter(|l| l.kind != Kind::Blank) {
        let text = line.text.trim();
        for form in FORMS.iter() {
            let Some(c) = form.pattern.captures(text) else {
                continue;
            };
            let name = tidy(&c["name"]);
            let is_author = authors.iter().any(|a| fold(a) == fold(&name));
            let org_needed = form.what == "header line with a date" && !is_org_name(&name);
            // "The Editorial Board" names no publisher: a lone article is not a name.
            let article_only = [
                "the", "a", "an", "le", "la", "les", "die", "der", "das", "el",
            ]
            .contains(&fold(&name).as_str());
            if !name.is_empty()
                && !article_only
                && !is_author
                && !org_needed
                && word_count(&name) <= 8
            {
                out.push(Candidate {
                    name,
                    weight: form.weight,
                    what: form.what,
                });
            }
        }
    }
    header_names(lines, &mut out);
    out.sort_by_key(|c| std::cmp::Reverse(c.weight));
    out
}

/// Site names in the page's first lines, before anything that reads like text.
fn header_names(lines: &[Line], out: &mut Vec<Candidate>) {
    let head = lines
        .iter()
        .filter(|l| !matches!(l.kind, Kind::Blank | Kind::Separator))
        .take(4);
    for line in head {
        if matches!(line.kind, Kind::Text | Kind::Ui | Kind::Category(_)) && is_org_name(&line.text)
        {
            out.push(Candidate {
                name: tidy(&line.text),
                weight: 40,
                what: "site name in the header",
            });
        }
    }
}

fn mentions(page: &str, name: &str) -> bool {
    let name = name.trim();
    !name.is_empty()
        && page.match_indices(name).any(|(i, _)| {
            let before = page[..i].chars().next_back();
            let after = page[i + name.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
}

/// Drops company-form suffixes and stray punctuation from a name.
fn tidy(name: &str) -> String {
    let mut name = name
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric() && c != ')')
        .to_string();
    for suffix in [
        " Media Ltd",
        " Ltd",
        " Ltd.",
        " Inc",
        " Inc.",
        " LLC",
        " GmbH",
        " Media Group",
    ] {
        if let Some(stripped) = name.strip_suffix(suffix) {
            name = stripped.trim().to_string();
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Line {
        Line {
            text: text.into(),
            kind: Kind::Text,
            repeats: 1,
        }
    }

    fn best(text: &str) -> Option<String> {
        candidates(
            &[line("A headline that is long enough"), line(text)],
            &["Jane Doe".into()],
            &[],
        )
        .first()
        .map(|c| c.name.clone())
    }

    #[test]
    fn reads_every_form() {
        let table = [
            ("(From: Coastline Press)", Some("Coastline Press")),
            (
                "Copyright 2024 Coastline Press. All rights reserved.",
                Some("Coastline Press"),
            ),
            ("© The Northern Courier 2024", Some("The Northern Courier")),
            ("© 2023 Jane Doe", None),
            ("Daily Tribune Editorial", Some("Daily Tribune")),
            (
                "Issue Brief No. 47, Caldera Foundation for Security Studies, March 2024",
                Some("Caldera Foundation for Security Studies"),
            ),
            (
                "Journal of Coastal Governance, Vol. 8, No. 2 (2023), pp. 41–58",
                Some("Journal of Coastal Governance"),
            ),
            (
                "Rahul Varma, \"Coal and Jobs\", Eastern Policy Quarterly, 19 February 2024.",
                Some("Eastern Policy Quarterly"),
            ),
            (
                "Thanks for reading The Weekly Meridian! Subscribe for free.",
                Some("The Weekly Meridian"),
            ),
            (
                "2024-08-20 15:32:10 | Source: Pearl River Daily",
                Some("Pearl River Daily"),
            ),
            (
                "The views expressed do not necessarily reflect those of the Eastbank Institute.",
                Some("Eastbank Institute"),
            ),
            (
                "Delta Climate Policy Lab · March 2024",
                Some("Delta Climate Policy Lab"),
            ),
            ("The minister said the copyright law would change.", None),
        ];
        for (text, want) in table {
            assert_eq!(best(text).as_deref(), want, "{text}");
        }
        let known = [KnownPublisher {
            name: "Center for Example Studies".into(),
            aliases: vec!["CES".into()],
            domains: vec![],
        }];
        let c = candidates(&[line("Read the CES report.")], &[], &known);
        assert_eq!(c[0].name, "Center for Example Studies");
        assert!(candidates(&[line("CESAR said so.")], &[], &known).is_empty());
    }
}
