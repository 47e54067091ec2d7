//! Author lines in the forms that are not a plain "By A and B": a date before "by"
//! ("Posted on 8 August 2023 by A"), names in lowercase ("by marcus hale"), names beside an
//! e-mail address or a handle, labelled names in Chinese, Japanese and Korean ("作者：A",
//! "A 기자"), and names printed under the headline without any label.

use super::byline::{is_role_line, parse_byline_line, parse_name_line, Byline};
use super::lines::{Kind, Line};
use super::paragraphs::is_prose;
use super::text::{capitalise_first, ends_sentence, fold, word_count};
use crate::text::find_date::find_date;
use regex::Regex;
use std::sync::LazyLock;

static DATED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:posted|published|written|updated)?\s*(?:on\s+)?(?P<date>.{6,40}?)\s+by\s+(?P<names>.+)$")
        .expect("dated byline pattern")
});
static LOWER_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:by|par|von|por|di|door)\s+(?P<names>\p{Ll}[\p{Ll}'’-]+(?:\s+\p{Ll}[\p{Ll}'’-]+){1,3})$")
        .expect("lowercase byline pattern")
});
static CONTACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\w.+-]+@[\w-]+\.[\w.]+|(?:^|\s)@\w{3,}").expect("contact pattern")
});
static CJK_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:作者|记者|記者|文|撰文|筆者|执笔|글)\s*[：:/／]\s*(?P<name>[^\s：:]{1,6}(?:\s[^\s：:]{1,6})?)$|^(?P<name2>[^\s]{2,4}(?:\s[^\s]{1,4})?)\s*(?:기자|記者|记者|特派員|特派员|특파원)$|^[（(][^＝=（()）]{1,12}[＝=](?P<name3>[^\s＝=（()）]{2,8})[）)]$")
        .expect("CJK author label pattern")
});
/// "2024-06-03 08:15 来源：X 作者：Name": a labelled author among other fields of a line.
static CJK_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|\s)(?:作者|记者|記者|撰稿|撰文)\s*[：:]\s*(?P<name>[^\s　：:|｜/]{2,6})(?:\s|$)",
    )
    .expect("CJK author field pattern")
});
static SPACED_CJK_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Han}{1,3}[ 　][\p{Han}\p{Hiragana}\p{Katakana}]{1,4}$")
        .expect("spaced CJK name pattern")
});
static END_SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[—–-]\s*(?P<name>\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,3})(?:,\s*\p{Lu}[\p{L} ]{1,30})?$")
        .expect("signature pattern")
});

/// An author line in one of the forms this module reads, judged on its own.
pub fn parse_author_line(line: &str) -> Option<Byline> {
    let t = line.trim();
    if let Some(c) = CJK_FIELD.captures(t) {
        if t.chars().count() <= 60 {
            let mut b = named(vec![c["name"].to_string()]);
            b.date = find_date(t);
            return Some(b);
        }
    }
    if word_count(t) > 14 {
        return None;
    }
    if let Some(c) = DATED_BY.captures(t) {
        if let Some(date) = find_date(&c["date"]) {
            let mut b = parse_byline_line(&format!("By {}", &c["names"]))?;
            b.date = Some(date);
            return Some(b);
        }
    }
    if let Some(c) = LOWER_BY.captures(t) {
        let names: Vec<String> = c["names"]
            .split_whitespace()
            .map(capitalise_first)
            .collect();
        return parse_byline_line(&format!("By {}", names.join(" ")));
    }
    if let Some(c) = CJK_LABEL.captures(t) {
        let name = c
            .name("name")
            .or(c.name("name2"))
            .or(c.name("name3"))?
            .as_str()
            .trim();
        return Some(named(vec![name.to_string()]));
    }
    if let Some(c) = END_SIGNATURE.captures(t) {
        return Some(named(vec![c["name"].to_string()]));
    }
    if CONTACT.is_match(t) {
        let rest = CONTACT.replace_all(t, " ");
        let rest = rest.trim_matches(|c: char| c.is_whitespace() || "|·•,-–—".contains(c));
        if let Some((names, _)) = parse_name_line(rest) {
            return Some(named(names));
        }
        // "김도윤 기자 dykim@example.kr": a labelled name beside the address.
        if let Some(name) = CJK_LABEL.captures(rest).and_then(|c| c.name("name2")) {
            return Some(named(vec![name.as_str().trim().to_string()]));
        }
    }
    None
}

fn named(authors: Vec<String>) -> Byline {
    Byline {
        authors,
        date: None,
        rest: String::new(),
        guessed: false,
    }
}

/// Labels printed above a name in an author box.
const LABELS: &[&str] = &[
    "written by",
    "author",
    "authors",
    "by",
    "words by",
    "about the author",
    "auteur",
    "autor",
    "autorin",
    "著者",
    "筆者",
];

/// Marks the names printed in the page's head without "By": a name line with its role
/// beside or under it, a name under an author label, several names with affiliations
/// separated by semicolons, and a bare name line right under the headline. Only the head
/// is read: before the first long paragraph.
pub fn mark_author_lines(lines: &mut [Line]) {
    let head_end = lines
        .iter()
        .position(|l| word_count(&l.text) >= 30 && is_prose(&l.text))
        .unwrap_or(lines.len());
    let meaningful: Vec<usize> = (0..head_end)
        .filter(|&i| !matches!(lines[i].kind, Kind::Blank | Kind::Separator))
        .collect();
    for (k, &i) in meaningful.iter().enumerate() {
        if lines[i].kind != Kind::Text {
            continue;
        }
        let text = lines[i].text.clone();
        if let Some(names) = semicolon_authors(&text) {
            lines[i].kind = Kind::Byline(named(names));
            continue;
        }
        let prev = k.checked_sub(1).map(|p| &lines[meaningful[p]]);
        let next = meaningful.get(k + 1).map(|&n| &lines[n]);
        let is_date = |l: Option<&Line>| l.is_some_and(|l| matches!(l.kind, Kind::Dateline(..)));
        if SPACED_CJK_NAME.is_match(&text) && (is_date(prev) || is_date(next)) {
            // "山本 健一" beside the date: a Japanese or Chinese name printed with a space.
            let mut byline = named(vec![text.clone()]);
            byline.guessed = true;
            lines[i].kind = Kind::Byline(byline);
            continue;
        }
        let Some((names, with_role)) = parse_name_line(&text) else {
            continue;
        };
        let labelled = prev.is_some_and(|p| LABELS.contains(&fold(&p.text).trim_end_matches(':')));
        let role_below = next.is_some_and(|n| n.kind == Kind::Text && is_role_line(&n.text));
        let under_headline = prev.is_some_and(|p| {
            p.kind == Kind::Text
                && word_count(&p.text) >= 3
                && !ends_sentence(&p.text)
                && parse_name_line(&p.text).is_none()
        }) && next.is_none_or(|n| {
            !matches!(n.kind, Kind::Text) || is_prose(&n.text) || n.text.ends_with(':')
        });
        // A name over the date, under a headline or standfirst (newsletters, blogs).
        let over_date =
            is_date(next) && prev.is_some_and(|p| p.kind == Kind::Text && word_count(&p.text) >= 3);
        if with_role || labelled || role_below || under_headline || over_date {
            let mut byline = named(names);
            byline.guessed = !(with_role || labelled || role_below);
            lines[i].kind = Kind::Byline(byline);
            if role_below {
                lines[meaningful[k + 1]].kind = Kind::Ui;
            }
        }
    }
}

/// "A, Senior Fellow, X; B, Professor, Y; and C, Fellow, Z".
fn semicolon_authors(line: &str) -> Option<Vec<String>> {
    let parts: Vec<&str> = line.split(';').map(str::trim).collect();
    if parts.len() < 2 || word_count(line) > 45 {
        return None;
    }
    let mut names = Vec::new();
    for part in parts {
        let part = part.strip_prefix("and ").unwrap_or(part);
        let (name, role) = part.split_once(',')?;
        let (found, _) = parse_name_line(name.trim())?;
        if !is_role_line(role) || found.len() != 1 {
            return None;
        }
        names.extend(found);
    }
    Some(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(line: &str) -> Option<Vec<String>> {
        parse_author_line(line).map(|b| b.authors)
    }

    #[test]
    fn reads_other_author_forms() {
        let table: &[(&str, Option<&[&str]>)] = &[
            (
                "Posted on 8 August 2023 by Martin Kessler",
                Some(&["Martin Kessler"]),
            ),
            ("by marcus hale", Some(&["Marcus Hale"])),
            ("Nusrat Jahan @nusratwrites", Some(&["Nusrat Jahan"])),
            (
                "Joseph Mwangi | joseph.mwangi@example.org",
                Some(&["Joseph Mwangi"]),
            ),
            ("作者：陈晓明", Some(&["陈晓明"])),
            ("김민수 기자", Some(&["김민수"])),
            ("— Elena Varga, Budapest", Some(&["Elena Varga"])),
            ("by the way, the vote was close", None),
            ("Write to press@example.org for permissions.", None),
        ];
        for (line, want) in table {
            assert_eq!(
                names(line),
                want.map(|w| w.iter().map(|s| s.to_string()).collect()),
                "{line}"
            );
        }
        assert_eq!(
            semicolon_authors("Maria Santos, Senior Fellow, Tech Initiative; Jun-ho Baek, Associate Professor, Hanseo University; and Pieter de Wit, Research Fellow, Delft Centre"),
            Some(vec!["Maria Santos".into(), "Jun-ho Baek".into(), "Pieter de Wit".into()])
        );
    }
}
