//! Makes a rendered body that contains raw HTML safe to publish: ammonia removes whatever can
//! run script or load active content, then the result is written back out in pulldown-cmark's
//! own style, so everything briefgen generated around the raw HTML is byte for byte unchanged.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// What sanitising took out of a body.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Removed {
    /// Elements removed (their text is kept, except for `script` and `style`).
    pub tags: Vec<String>,
    /// Attributes removed, as `name` or `name="value"` for URLs.
    pub attributes: Vec<String>,
}

impl Removed {
    pub fn is_empty(&self) -> bool {
        self.tags.is_empty() && self.attributes.is_empty()
    }
}

/// Tags on top of ammonia's defaults that briefgen emits itself or that editors use harmlessly.
const EXTRA_TAGS: &[&str] = &["input", "figure", "figcaption", "details", "summary"];

/// Void elements are written as pulldown-cmark writes them: `<br />`, `<input …/>`.
const VOID: &[&str] = &["area", "br", "col", "hr", "img", "input", "wbr"];

/// The sanitiser, configured once: ammonia's defaults (no script, style, iframe, object, embed,
/// form, base, meta, svg, event handlers or `javascript:`/`vbscript:`/`data:` URLs) plus the
/// attributes briefgen's own output carries. `rel` is not forced onto links: briefgen emits no
/// `target`, so `noopener` protects nothing, and it would change every internal link.
fn builder() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_tags(EXTRA_TAGS)
            .add_generic_attributes(["id", "class", "dir"])
            .add_tag_attributes("a", ["title", "rel"])
            .add_tag_attributes("img", ["title", "loading"])
            .add_tag_attributes("abbr", ["title"])
            .add_tag_attributes("pre", ["tabindex"])
            .add_tag_attributes("code", ["data-lang"])
            .add_tag_attributes("div", ["role", "aria-label", "tabindex"])
            .add_tag_attributes("details", ["open"])
            .add_tag_attributes("input", ["disabled", "checked"])
            .add_tag_attribute_values("input", "type", ["checkbox"])
            .link_rel(None);
        // Table column alignment is the only inline style pulldown-cmark writes.
        for cell in ["th", "td"] {
            b.add_tag_attribute_values(
                cell,
                "style",
                [
                    "text-align: left",
                    "text-align: center",
                    "text-align: right",
                ],
            );
        }
        b
    })
}

/// Sanitises a rendered body; returns the safe HTML and what was removed.
pub fn sanitise(html: &str) -> (String, Removed) {
    let clean = builder().clean(html).to_string();
    let before = tokens(html);
    let after = tokens(&clean);
    let removed = removed(&before, &after);
    (write(&after), removed)
}

/// Whether a link or image destination would run script or embed a document when followed:
/// the checks browsers make, after they drop tabs and newlines and trim control characters.
pub fn is_dangerous_url(url: &str) -> bool {
    // Runs for every link of every body: no allocation, and most URLs stop at the first byte.
    let mut head = [0u8; 11];
    let mut len = 0;
    for b in url
        .bytes()
        .skip_while(|b| *b <= b' ')
        .filter(|b| !matches!(b, b'\t' | b'\n' | b'\r'))
    {
        head[len] = b.to_ascii_lowercase();
        len += 1;
        if b == b':' || len == head.len() {
            break;
        }
    }
    let head = &head[..len];
    [&b"javascript:"[..], b"vbscript:", b"data:"]
        .iter()
        .any(|s| head.starts_with(s))
}

/// A token of well-formed HTML, reduced to what the writer and the comparison need.
#[derive(Debug)]
enum Tok {
    Start {
        name: String,
        attrs: Vec<(String, String)>,
    },
    End(String),
    Text(String),
}

#[derive(Default)]
struct Collect(RefCell<Vec<Tok>>);

impl TokenSink for Collect {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut out = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                let name = tag.name.to_string();
                out.push(match tag.kind {
                    TagKind::StartTag => Tok::Start {
                        name,
                        attrs: tag
                            .attrs
                            .iter()
                            .map(|a| (a.name.local.to_string(), a.value.to_string()))
                            .collect(),
                    },
                    TagKind::EndTag => Tok::End(name),
                });
            }
            Token::CharacterTokens(t) => match out.last_mut() {
                Some(Tok::Text(s)) => s.push_str(&t),
                _ => out.push(Tok::Text(t.to_string())),
            },
            // Comments and doctypes carry nothing readers see; ammonia drops them anyway.
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

fn tokens(html: &str) -> Vec<Tok> {
    let tokenizer = Tokenizer::new(Collect::default(), TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(html.into());
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    tokenizer.sink.0.take()
}

/// Start tags and attributes of `before` that `after` lacks. The tree builder may add tags
/// (closing unclosed ones, `tbody`) but keeps every allowed one, so a shortfall is a removal.
fn removed(before: &[Tok], after: &[Tok]) -> Removed {
    let count = |toks: &[Tok]| {
        let mut tags: HashMap<String, usize> = HashMap::new();
        let mut attrs: HashMap<(String, String), usize> = HashMap::new();
        for t in toks {
            if let Tok::Start { name, attrs: a } = t {
                *tags.entry(name.clone()).or_default() += 1;
                for pair in a {
                    *attrs.entry(pair.clone()).or_default() += 1;
                }
            }
        }
        (tags, attrs)
    };
    let (tags_before, attrs_before) = count(before);
    let (tags_after, attrs_after) = count(after);
    let mut removed = Removed::default();
    for t in before {
        let Tok::Start { name, attrs } = t else {
            continue;
        };
        if tags_before[name] > tags_after.get(name).copied().unwrap_or(0)
            && !removed.tags.contains(name)
        {
            removed.tags.push(name.clone());
        }
        for pair in attrs {
            if attrs_before[pair] > attrs_after.get(pair).copied().unwrap_or(0) {
                let shown = if matches!(pair.0.as_str(), "href" | "src" | "action" | "formaction") {
                    format!("{}=\"{}\"", pair.0, shorten(&pair.1))
                } else {
                    pair.0.clone()
                };
                if !removed.attributes.contains(&shown) {
                    removed.attributes.push(shown);
                }
            }
        }
    }
    removed
}

fn shorten(s: &str) -> Cow<'_, str> {
    match s.char_indices().nth(24) {
        Some((i, _)) => format!("{}…", &s[..i]).into(),
        None => s.into(),
    }
}

/// Writes tokens the way pulldown-cmark and briefgen write HTML: `&<>` escaped in text,
/// `"&<>` in attributes, URLs through `escape_href`, and quotes as entities inside syntect's
/// highlighting spans, which escape them.
fn write(toks: &[Tok]) -> String {
    let mut out = String::new();
    // Depth of open `hl-` spans; a plain stack of whether each open span is one.
    let mut spans: Vec<bool> = Vec::new();
    let mut highlighted = 0usize;
    let void: HashSet<&str> = VOID.iter().copied().collect();
    for t in toks {
        match t {
            Tok::Start { name, attrs } => {
                out.push('<');
                out.push_str(name);
                for (k, v) in attrs {
                    out.push(' ');
                    out.push_str(k);
                    out.push_str("=\"");
                    if matches!(k.as_str(), "href" | "src") {
                        pulldown_cmark_escape::escape_href(&mut out, v)
                    } else {
                        pulldown_cmark_escape::escape_html(&mut out, v)
                    }
                    .expect("writing to a String");
                    out.push('"');
                }
                if void.contains(name.as_str()) {
                    out.push_str(if name == "input" { "/>" } else { " />" });
                } else {
                    out.push('>');
                    if name == "span" {
                        let hl = attrs
                            .iter()
                            .any(|(k, v)| k == "class" && v.starts_with("hl-"));
                        spans.push(hl);
                        highlighted += usize::from(hl);
                    }
                }
            }
            Tok::End(name) => {
                if void.contains(name.as_str()) {
                    continue;
                }
                if name == "span" && spans.pop() == Some(true) {
                    highlighted -= 1;
                }
                out.push_str("</");
                out.push_str(name);
                out.push('>');
            }
            Tok::Text(text) if highlighted > 0 => {
                for c in text.chars() {
                    match c {
                        '&' => out.push_str("&amp;"),
                        '<' => out.push_str("&lt;"),
                        '>' => out.push_str("&gt;"),
                        '"' => out.push_str("&quot;"),
                        '\'' => out.push_str("&#39;"),
                        c => out.push(c),
                    }
                }
            }
            Tok::Text(text) => pulldown_cmark_escape::escape_html_body_text(&mut out, text)
                .expect("writing to a String"),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dangerous_urls_are_recognised_however_they_are_written() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " \u{1}javascript:x",
            "java\tscript:x",
            "java\nscript:x",
            "vbscript:msgbox",
            "data:text/html,<script>",
        ] {
            assert!(is_dangerous_url(url), "{url:?}");
        }
        for url in [
            "https://x.org/",
            "../a/",
            "#top",
            "mailto:a@b.c",
            "javascript",
        ] {
            assert!(!is_dangerous_url(url), "{url:?}");
        }
    }

    #[test]
    fn harmless_html_is_written_back_unchanged() {
        let html = "<p>A <kbd>Ctrl</kbd> &amp; <abbr title=\"x &quot;y&quot;\">B</abbr><br />\n<img src=\"a%20b.png\" alt=\"a\" /></p>\n";
        let (out, removed) = sanitise(html);
        assert_eq!(out, html);
        assert!(removed.is_empty(), "{removed:?}");
    }

    #[test]
    fn script_and_handlers_are_removed_and_reported() {
        let (out, removed) =
            sanitise("<p>x<script>alert(1)</script><img src=\"x\" onerror=\"alert(1)\" /></p>");
        assert_eq!(out, "<p>x<img src=\"x\" /></p>");
        assert_eq!(removed.tags, ["script"]);
        assert_eq!(removed.attributes, ["onerror"]);
    }
}
