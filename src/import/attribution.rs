//! Where an article came from: "Source: This article was published at X",
//! "Originally published by X", links to the original, and author notes.

use super::text::{capitalise_first, word_count};
use crate::text::find_date::{find_date, FoundDate};
use regex::Regex;
use std::sync::LazyLock;

/// What an attribution line says about the original publication.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Attribution {
    /// The publication named ("East Asia Forum").
    pub publisher: Option<String>,
    /// A link to the original, when the line carries one.
    pub url: Option<String>,
    /// The original publication date, when given ("… on 3 March 2024").
    pub date: Option<FoundDate>,
    /// True for a bare "Source: X", which under a chart names a data source:
    /// it only counts outside the body.
    pub weak: bool,
}

const SUBJECT: &str = r"(?:(?:this|the)\s+(?:\w+\s+)?(?:article|piece|commentary|op-ed|essay|post|analysis|story|report|column|interview|blog\s+post|text|paper|contribution)|a\s+(?:\w+\s+)?version\s+of\s+this\s+\w+(?:\s+\w+)?|it)";
const ADVERB_VERB: &str = r"(?:(?:was|is|has\s+been|had\s+been)\s+)?(?:(?:originally|first|previously|initially)\s+)(?:published|posted|appeared|ran|featured)";
const PLAIN_VERB: &str = r"(?:(?:was|is|has\s+been|had\s+been)\s+)?(?:published|posted|appeared|ran|featured|republished|reprinted|reproduced|cross-posted)(?:\s+(?:originally|first))?";
const REUSE_VERB: &str = r"(?:republished|reprinted|reproduced|cross-posted)";
const PREP: &str =
    r"\s+(?:with\s+(?:kind\s+)?permission\s+)?(?:at|in|on|by|with|from|for)\s+(?P<x>.+)$";

static ARTICLE_PUBLISHED: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        format!(r"(?i)^{SUBJECT}\s+{ADVERB_VERB}{PREP}"),
        format!(r"(?i)^{SUBJECT}\s+{PLAIN_VERB}{PREP}"),
        format!(r"(?i)^{ADVERB_VERB}{PREP}"),
        format!(r"(?i)^{REUSE_VERB}{PREP}"),
    ]
    .iter()
    .map(|p| Regex::new(p).expect("attribution pattern"))
    .collect()
});

static SOURCE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:source|sources|from|quelle|fuente|fonte|источник|出典|出处|来源|來源|출처)\s*[:：]\s*(?P<rest>.+)$",
    )
    .expect("source pattern")
});

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"https?://[^\s<>"'“”)\]]+|\bwww\.[a-z0-9-]+\.[^\s<>"'“”)\]]+"#)
        .expect("url pattern")
});

static URL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:source|original(?:\s+(?:article|version|text|post))?|read\s+the\s+(?:original|full)(?:\s+(?:article|text|version))?(?:\s+here)?|url|link|permalink|canonical(?:\s+url)?|available\s+(?:at|online)|published\s+at|retrieved\s+from|via|see)\s*(?:\([^)]*\))?\s*[:\-–—]?\s*(?:at\s+|on\s+)?)?<?(?P<url>https?://\S+|www\.\S+)>?\s*$")
        .expect("url line pattern")
});

static BIO_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:about\s+the\s+(?:authors?|writers?|contributors?)|author\s+bio(?:graphy)?|(?:the\s+)?authors?\s+bios?|à\s+propos\s+de\s+l['’]auteur(?:e)?|über\s+(?:den\s+autor|die\s+autorin)|zum\s+autor|sobre\s+(?:el\s+autor|la\s+autora)|著者紹介|筆者紹介|著者について)\s*[:：\-–—]?\s*(?P<rest>.*)$")
        .expect("bio marker pattern")
});

static AUTHOR_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^the\s+(?:authors?|writers?)\s+(?:is|are|was|were|serves?|works?)\b")
        .expect("author note")
});

static CJK_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[（(]\s*(?:作者|筆者|笔者|필자|글쓴이)[^（()）]{2,80}[）)]$")
        .expect("CJK author note")
});

/// Starts of author notes and attributions that hide inside a long line.
static INLINE_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[.!?…][\x22”’)]?\s+(?P<m>about\s+the\s+authors?\b|source\s*:|this\s+(?:\w+\s+)?(?:article|piece|commentary|op-ed|essay|post|analysis|story)\s+(?:was\s+|is\s+|has\s+been\s+)?(?:originally\s+|first\s+)?(?:published|appeared|posted|republished|reprinted)\b|originally\s+published\b|first\s+published\b|a\s+version\s+of\s+this\b|republished\s+from\b|reprinted\s+(?:with\s+permission\s+)?from\b|the\s+authors?\s+(?:is|are)\s)")
        .expect("inline marker pattern")
});

/// Byte offsets at which author notes or attributions start inside a line.
pub fn inline_marker_starts(line: &str) -> Vec<usize> {
    INLINE_MARKER
        .captures_iter(line)
        .filter_map(|c| c.name("m").map(|m| m.start()))
        .collect()
}

/// Reads an attribution line.
pub fn parse_attribution(line: &str) -> Option<Attribution> {
    let line = line
        .trim()
        .trim_matches(|c: char| matches!(c, '*' | '_' | '[' | ']' | '(' | ')'))
        .trim();
    let (text, from_source_prefix) = match SOURCE_PREFIX.captures(line) {
        Some(c) => (c.name("rest").map_or("", |m| m.as_str()).trim(), true),
        None => (line, false),
    };
    if let Some(caps) = ARTICLE_PUBLISHED.iter().find_map(|re| re.captures(text)) {
        let named = caps.name("x").map_or("", |m| m.as_str());
        return Some(describe(named, false));
    }
    if from_source_prefix && word_count(text) <= 10 {
        return Some(describe(text, true));
    }
    None
}

fn describe(named: &str, weak: bool) -> Attribution {
    let url = find_urls(named).into_iter().next();
    let date = find_date(named);
    let without_urls = URL.replace_all(named, "");
    let publisher = publisher_name(&without_urls);
    Attribution {
        publisher,
        url,
        date,
        weak,
    }
}

/// Cuts a publisher's name out of the words after "published at/in/by".
fn publisher_name(named: &str) -> Option<String> {
    static CUT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\s+on\s+(?:\d|[a-z]+\s+\d)|,|;|\.\s|\s+[-–—]\s+|\s+and\s+(?:is|was|has|are)\b|\s+under\s+(?:a|the)\b|\s+with\s+(?:kind\s+)?permission|\s+\(|\s+at\s*$|\s+here\b|\s+in\s+(?:\d{4}|january|february|march|april|may|june|july|august|september|october|november|december)\b")
            .expect("publisher cut pattern")
    });
    let head = CUT.find(named).map_or(named, |m| &named[..m.start()]);
    let name = head
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric() && !"’'&)".contains(c))
        .trim();
    if name.is_empty() || word_count(name) > 8 {
        return None;
    }
    Some(if name.starts_with("the ") {
        capitalise_first(name)
    } else {
        name.to_string()
    })
}

/// All links in a piece of text, without trailing punctuation.
pub fn find_urls(text: &str) -> Vec<String> {
    URL.find_iter(text)
        .map(|m| {
            m.as_str()
                .trim_end_matches(['.', ',', ';', ':', '!', '?', '’', '\''])
                .to_string()
        })
        .map(|u| {
            if u.starts_with("www.") {
                format!("https://{u}")
            } else {
                u
            }
        })
        .collect()
}

/// The link when the line is nothing but a link to the original
/// ("https://…", "Source: https://…", "Read the original at https://…").
pub fn url_line(line: &str) -> Option<String> {
    let caps = URL_LINE.captures(line.trim())?;
    find_urls(caps.name("url")?.as_str()).into_iter().next()
}

/// For an author note ("About the author: Jane Doe is …"), the note's text;
/// an empty string when the marker stands alone and the note follows.
pub fn bio_note(line: &str) -> Option<String> {
    // "（作者为城市规划研究者）", "（筆者は…）", "(필자는 …)": a bracketed note on the author.
    if CJK_NOTE.is_match(line.trim()) {
        return Some(line.trim().to_string());
    }
    let line = line.trim();
    if let Some(c) = BIO_MARKER.captures(line) {
        return Some(c.name("rest").map_or("", |m| m.as_str()).trim().to_string());
    }
    AUTHOR_NOTE.is_match(line).then(|| line.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn publisher(line: &str) -> Option<String> {
        parse_attribution(line).and_then(|a| a.publisher)
    }

    #[test]
    fn reads_attributions() {
        let table = [
            ("Source: This article was published at East Asia Forum", Some("East Asia Forum")),
            ("Originally published by The Diplomat.", Some("The Diplomat")),
            ("This article first appeared in Foreign Policy on 3 March 2024.", Some("Foreign Policy")),
            ("This article was originally published on The Interpreter, the Lowy Institute's blog.", Some("The Interpreter")),
            ("A version of this article first appeared in Nikkei Asia.", Some("Nikkei Asia")),
            ("This commentary is republished from The Conversation under a Creative Commons license.", Some("The Conversation")),
            ("Republished with permission from 38 North.", Some("38 North")),
            ("The piece was first published in the Japan Times", Some("The Japan Times")),
            ("Source: Reuters", Some("Reuters")),
            ("Published in 2019, the report changed the debate in Tokyo and Seoul.", None),
            ("The article argues that deterrence has failed in the region.", None),
        ];
        for (line, want) in table {
            assert_eq!(publisher(line).as_deref(), want, "{line}");
        }
        let a =
            parse_attribution("Originally published at Example Review (https://example.org/a/b).")
                .unwrap();
        assert_eq!(a.url.as_deref(), Some("https://example.org/a/b"));
        assert_eq!(a.publisher.as_deref(), Some("Example Review"));
        let a = parse_attribution("This article first appeared in Foreign Policy on 3 March 2024.")
            .unwrap();
        assert_eq!(a.date.unwrap().date.to_string(), "2024-03-03");
        assert!(parse_attribution("Source: Reuters").unwrap().weak);
    }

    #[test]
    fn reads_links_and_notes() {
        assert_eq!(
            url_line("https://example.org/x?id=1").as_deref(),
            Some("https://example.org/x?id=1")
        );
        assert_eq!(
            url_line("Read the original article here: https://example.org/x.").as_deref(),
            Some("https://example.org/x")
        );
        assert_eq!(
            url_line("Source: <https://example.org/x>").as_deref(),
            Some("https://example.org/x")
        );
        assert_eq!(url_line("See https://example.org and more"), None);
        assert_eq!(
            bio_note("About the author: Jane Doe is a fellow.").as_deref(),
            Some("Jane Doe is a fellow.")
        );
        assert_eq!(bio_note("About the authors").as_deref(), Some(""));
        assert_eq!(
            bio_note("The author is a senior fellow at CSIS.").as_deref(),
            Some("The author is a senior fellow at CSIS.")
        );
        assert_eq!(bio_note("Jane Doe is a fellow."), None);
        let line = "It ended. About the author: Ben Sando is a fellow. Source: This article was published at X";
        assert_eq!(inline_marker_starts(line).len(), 2);
    }
}
