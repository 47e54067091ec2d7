//! Cutting pasted text into lines and saying what each line is.

use super::attribution::{
    bio_note, inline_marker_starts, parse_attribution, url_line, Attribution,
};
use super::authors::{mark_author_lines, parse_author_line};
use super::byline::{is_desk, parse_byline_line, Byline};
use super::evidence::is_furniture;
use super::furniture::{
    category_label, ends_with_read_more, is_footer_marker, is_separator, is_ui,
};
use super::tags::{is_tag_heading, tag_list};
use super::text::{ends_sentence, ends_with_ellipsis, fold, squash, word_count};
use super::translation::find_note;
use crate::text::find_date::{find_date, FoundDate};
use crate::text::months::is_calendar_word;
use regex::Regex;
use std::sync::LazyLock;

/// What a line of the page is, judged from the line alone.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// Empty line.
    Blank,
    /// `*****`, `---` and the like.
    Separator,
    /// Interface text: logins, cookies, share buttons, navigation.
    Ui,
    /// "Related Articles", "Read more", "Share": the site's material follows.
    Footer,
    /// A line that trails off ("…") or ends in "Read more": a teaser, or a standfirst.
    Teaser,
    /// "Tags: A, B".
    TagList(Vec<String>),
    /// "Tags" over a column of tag names.
    TagHeading,
    /// A line that is only a link; `true` when labelled ("Source: https://…").
    Url(String, bool),
    /// "Originally published by X" and the like.
    Attribution(Attribution),
    /// An author note; empty when the marker stands alone above it.
    Bio(String),
    /// A translation note, with the original language when named.
    Translation(Option<&'static str>),
    /// An own-line byline.
    Byline(Byline),
    /// A line that is essentially a date; `true` for "Updated …".
    Dateline(FoundDate, bool),
    /// A section label such as "Commentaries".
    Category(String),
    /// A photo caption: a one-sentence line over a credit ("Photo: …", "© Name"), or one
    /// that carries its own credit ("…（画像はイメージ）").
    Caption,
    /// Anything else: headline, paragraph, heading, list item.
    Text,
}

/// A line of the page with its kind and how often it occurs on the page.
#[derive(Debug, Clone)]
pub struct Line {
    /// The line, trimmed.
    pub text: String,
    /// What it is.
    pub kind: Kind,
    /// How many lines of the page have the same text.
    pub repeats: usize,
}

/// Cuts normalised text into classified lines.
pub fn classify_page(text: &str) -> Vec<Line> {
    let raw = split_markers(join_wrapped(text.lines().map(str::trim).collect()));
    let mut lines: Vec<Line> = raw
        .into_iter()
        .map(|text| {
            let kind = classify(&text);
            Line {
                text,
                kind,
                repeats: 0,
            }
        })
        .collect();
    mark_author_lines(&mut lines);
    mark_captions(&mut lines);
    let keys: Vec<String> = lines.iter().map(|l| fold(&l.text)).collect();
    for (i, line) in lines.iter_mut().enumerate() {
        if !keys[i].is_empty() {
            line.repeats = keys.iter().filter(|k| **k == keys[i]).count();
        }
    }
    lines
}

/// Joins lines that a plain-text copy wrapped mid-sentence: the next line
/// going on in lowercase shows the paragraph did not end.
fn join_wrapped(lines: Vec<&str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in lines {
        // A headline over "by a. author" or "di A. Author" is not a wrapped sentence.
        let continues = line.starts_with(|c: char| c.is_lowercase())
            && dateline(line).is_none()
            && parse_byline_line(line)
                .or_else(|| parse_author_line(line))
                .is_none()
            && super::furniture::category_label(line).is_none()
            && out.last().is_some_and(|prev: &String| {
                word_count(prev) >= 6
                    && !ends_sentence(prev)
                    && !prev.ends_with([':', ';'])
                    && !ends_with_ellipsis(prev)
            });
        match out.last_mut() {
            Some(prev) if continues => {
                prev.push(' ');
                prev.push_str(line);
            }
            _ => out.push(line.to_string()),
        }
    }
    out
}

/// Splits author notes, attributions and translation notes off the lines
/// they were pasted into, so each can be judged on its own.
fn split_markers(lines: Vec<String>) -> Vec<String> {
    let mut out = Vec::new();
    for line in lines {
        let mut start = 0;
        let mut parts = Vec::new();
        for cut in inline_marker_starts(&line) {
            parts.push(line[start..cut].trim().to_string());
            start = cut;
        }
        parts.push(line[start..].trim().to_string());
        for part in parts
            .into_iter()
            .filter(|p| !p.is_empty() || line.is_empty())
        {
            match find_note(&part) {
                Some(note) if !note.rest.is_empty() => {
                    out.push(note.note);
                    out.push(note.rest);
                }
                _ => out.push(part),
            }
        }
    }
    out
}

/// Judges one line on its own.
pub fn classify(line: &str) -> Kind {
    let t = line.trim();
    if t.is_empty() {
        return Kind::Blank;
    }
    if is_separator(t) {
        return Kind::Separator;
    }
    if let Some(names) = tag_list(t) {
        return Kind::TagList(names);
    }
    if is_tag_heading(t) {
        return Kind::TagHeading;
    }
    if let Some(url) = url_line(t) {
        let labelled = !t.starts_with("http") && !t.starts_with("www.") && !t.starts_with('<');
        return Kind::Url(url, labelled);
    }
    if CAPTION_LABEL.is_match(t) && word_count(t) <= 50 {
        return Kind::Caption;
    }
    if let Some(bio) = bio_note(t) {
        return Kind::Bio(bio);
    }
    if let Some(note) = find_note(t) {
        if note.rest.is_empty() {
            return Kind::Translation(note.language);
        }
    }
    if word_count(t) <= 60 {
        if let Some(attribution) = parse_attribution(t) {
            return Kind::Attribution(attribution);
        }
    }
    if ends_with_ellipsis(t) && word_count(t) <= 80 {
        // Teasers of other articles often open with their own "By …".
        return Kind::Teaser;
    }
    if let Some(byline) = parse_byline_line(t).or_else(|| parse_author_line(t)) {
        return Kind::Byline(byline);
    }
    if let Some((date, updated)) = dateline(t) {
        return Kind::Dateline(date, updated);
    }
    if word_count(t) <= 4 && !ends_sentence(t) && is_desk(t.trim_start_matches("The ")) {
        // "The Editorial Board", "Staff Reporter": a byline that names no person.
        return Kind::Byline(Byline {
            authors: Vec::new(),
            date: None,
            rest: String::new(),
            guessed: false,
        });
    }
    if is_footer_marker(t) {
        return Kind::Footer;
    }
    if is_furniture(t) {
        return Kind::Ui;
    }
    if is_ui(t) {
        return Kind::Ui;
    }
    if let Some(label) = category_label(t) {
        return Kind::Category(label);
    }
    if ends_with_read_more(t) {
        return Kind::Teaser;
    }
    Kind::Text
}

/// A photo credit on its own line ("Photo: A. Name / Agency", "© Marko Vidic", "사진=연합"),
/// not a copyright notice (those carry a year or a rights phrase).
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:photo(?:graph)?s?|image|picture|credit|illustration|foto|bild|фото|写真|图片|图|圖|사진|画像)\s*(?:by\s+|[:：=/]\s*)\S.{0,60}|©\s*\p{L}.{0,60})$")
        .expect("credit pattern")
});
/// A caption or credit by its label ("Photo: …", "Illustration by …", "Caption: …").
static CAPTION_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:photo(?:graph)?s?|caption|image|picture|illustrations?|graphic|foto|fotos|bild|фото|写真|图片|사진)\s*(?:by\s+\p{Lu}|[:：=]\s*\S)")
        .expect("caption label pattern")
});
/// A caption that carries its own credit or photo marker at the end.
static INLINE_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[（(]\s*(?:画像|写真|사진|图|圖|photo|foto|фото|image)[^（()）]{0,30}[）)]$")
        .expect("inline credit pattern")
});

fn is_credit(line: &str) -> bool {
    let f = fold(line);
    CREDIT.is_match(line.trim())
        && f.chars().filter(char::is_ascii_digit).nth(3).is_none()
        && ![
            "rights",
            "droits",
            "rechte",
            "права",
            "무단",
            "版权",
            "reserved",
        ]
        .iter()
        .any(|w| f.contains(w))
}

/// Marks photo captions and their credits: a one-sentence line directly over a credit line,
/// or a line ending in a photo marker. Both are the page's, not the author's.
fn mark_captions(lines: &mut [Line]) {
    for i in 0..lines.len() {
        if lines[i].kind != Kind::Text || word_count(&lines[i].text) > 30 {
            continue;
        }
        let text = lines[i].text.trim();
        let one_sentence = crate::text::sentences::split_sentences(text).len() <= 1;
        let credit_below = lines
            .get(i + 1)
            .is_some_and(|n| is_credit(&n.text) && !matches!(n.kind, Kind::Byline(_)));
        if one_sentence && credit_below {
            lines[i].kind = Kind::Caption;
            lines[i + 1].kind = Kind::Caption;
        } else if INLINE_CREDIT.is_match(text) {
            lines[i].kind = Kind::Caption;
        }
    }
}

/// Words that may stand beside a date in a dateline.
#[rustfmt::skip]
const DATELINE_WORDS: &[&str] = &[
    "published", "posted", "updated", "last", "date", "on", "at", "am", "pm", "a.m.", "p.m.",
    "min", "mins", "minute", "minutes", "read", "first", "publié", "le", "mis", "à", "jour",
    "veröffentlicht", "aktualisiert", "am", "um", "uhr", "publicado", "actualizado", "el", "de",
    "of", "the", "th", "st", "nd", "rd", "er",
];

/// A line that is a publication date, with or without a label
/// ("Published 3 March 2024", "March 3, 2024 · 5 min read", "2024年3月3日").
fn dateline(line: &str) -> Option<(FoundDate, bool)> {
    if word_count(line) > 14 {
        return None;
    }
    let found = find_date(line)?;
    let prose_words = line
        .split(|c: char| !c.is_alphabetic() && c != '.')
        .map(|w| w.trim_matches('.').to_lowercase())
        .filter(|w| w.chars().count() > 1 && w.chars().all(|c| c.is_lowercase()))
        .filter(|w| !DATELINE_WORDS.contains(&w.as_str()) && !is_calendar_word(w))
        .count();
    if prose_words > 2 {
        return None;
    }
    let f = fold(line);
    let updated = [
        "updated",
        "last updated",
        "mis à jour",
        "aktualisiert",
        "actualizado",
        "更新",
    ]
    .iter()
    .any(|p| f.starts_with(p));
    Some((found, updated))
}

/// Text of a line compared across the page: case and spacing do not matter.
pub fn same_text(a: &str, b: &str) -> bool {
    fold(a) == fold(b) || squash(a) == squash(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_lines() {
        assert!(matches!(
            classify("Published 3 March 2024"),
            Kind::Dateline(_, false)
        ));
        assert!(matches!(
            classify("Updated: 2024-03-05 10:00 JST"),
            Kind::Dateline(_, true)
        ));
        assert!(matches!(
            classify("March 3, 2024 · 5 min read"),
            Kind::Dateline(..)
        ));
        assert!(matches!(classify("2024年3月3日"), Kind::Dateline(..)));
        assert_eq!(
            classify("On March 3, 2024, the leaders met in Seoul."),
            Kind::Text
        );
        assert!(matches!(classify("By Jane Doe"), Kind::Byline(_)));
        assert_eq!(
            classify("Commentaries"),
            Kind::Category("Commentaries".into())
        );
        assert_eq!(
            classify("A soldier who was captured has died, the agency said on..."),
            Kind::Teaser
        );
        assert_eq!(classify("Related Articles"), Kind::Footer);
        assert_eq!(classify("*****"), Kind::Separator);
        assert_eq!(classify("Vous n'êtes pas connecté"), Kind::Ui);
        assert!(matches!(
            classify("Source: This article was published at East Asia Forum"),
            Kind::Attribution(_)
        ));
        assert!(matches!(
            classify("https://example.org/a"),
            Kind::Url(_, false)
        ));
        assert!(matches!(
            classify("Original article: https://example.org/a"),
            Kind::Url(_, true)
        ));
    }

    #[test]
    fn reads_general_forms_in_every_language() {
        let authors = |line: &str| match classify(line) {
            Kind::Byline(b) => b.authors,
            other => panic!("{line}: {other:?}"),
        };
        assert_eq!(
            authors("Von: Lena Hartmann, Jonas Weber"),
            ["Lena Hartmann", "Jonas Weber"]
        );
        assert_eq!(authors("written by Oskar Lindahl"), ["Oskar Lindahl"]);
        assert_eq!(authors("Автор: Ирина Соколова"), ["Ирина Соколова"]);
        assert_eq!(authors("文/张华"), ["张华"]);
        assert_eq!(authors("（シンガポール＝佐藤健一）"), ["佐藤健一"]);
        assert_eq!(authors("김도윤 기자 dykim@example.kr"), ["김도윤"]);
        assert_eq!(
            authors("2024-06-03 08:15 来源：东岸日报 作者：王立新"),
            ["王立新"]
        );
        assert!(authors("The Editorial Board").is_empty());
        for ui in [
            "Temps de lecture : 3 min.",
            "Время чтения: 4 мин",
            "Posted 3 days ago",
            "3時間前",
        ] {
            assert_eq!(classify(ui), Kind::Ui, "{ui}");
        }
        assert_eq!(classify("Illustration by Ravi Das"), Kind::Caption);
        // A headline in Hangul is not a pair of names, and "Guest Column" is no person.
        assert_eq!(
            classify("항만 자동화, 일자리 대신 숙련을 바꾼다"),
            Kind::Text
        );
        assert_eq!(classify("Guest Column"), Kind::Text);
    }

    #[test]
    fn marks_captions_by_their_credit() {
        let page = classify_page("Volunteers plant eelgrass in the bay at low tide.\nPhoto: Dana Whitlock / The Standard\nTwo sentences here. And a credit below.\n© Marko Vidic\nThe last paragraph.\n© 2024 The Standard. All rights reserved.\n");
        let kinds: Vec<&Kind> = page.iter().map(|l| &l.kind).collect();
        assert_eq!(kinds[0], &Kind::Caption);
        assert_eq!(kinds[1], &Kind::Caption);
        assert_eq!(kinds[2], &Kind::Text, "two sentences are a paragraph");
        assert_eq!(kinds[4], &Kind::Text, "a copyright notice is no credit");
    }

    #[test]
    fn splits_and_joins() {
        let page = classify_page("Body text ends here. About the author: Jane Doe is a fellow. Source: Example Forum\n\nthe wrapped line of a paragraph that\ngoes on here.\n");
        let texts: Vec<&str> = page.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts[..3],
            [
                "Body text ends here.",
                "About the author: Jane Doe is a fellow.",
                "Source: Example Forum"
            ]
        );
        assert_eq!(
            texts[4],
            "the wrapped line of a paragraph that goes on here."
        );
    }
}
