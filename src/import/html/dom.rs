//! What an element's tag, class and id say about its role on the page.

use scraper::{ElementRef, Node};

/// Elements that never hold the article's text.
const NEVER_CONTENT: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "aside",
    "footer",
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "iframe",
    "svg",
    "canvas",
    "object",
    "embed",
    "dialog",
    "header",
    "menu",
    "label",
    "link",
    "meta",
    "video",
    "audio",
    "map",
    "amp-ad",
    "amp-sidebar",
    "amp-social-share",
    "amp-analytics",
    "amp-embed",
    "amp-sticky-ad",
    "amp-consent",
    "amp-iframe",
];

/// Class or id fragments of page furniture, matched anywhere in a name
/// ("jp-relatedposts", "social-share-row").
const FURNITURE_PARTS: &[&str] = &[
    "share",
    "social",
    "related",
    "newsletter",
    "subscribe",
    "signup",
    "sign-up",
    "cookie",
    "consent",
    "gdpr",
    "sidebar",
    "breadcrumb",
    "promo",
    "advert",
    "sponsor",
    "outbrain",
    "taboola",
    "paywall",
    "popup",
    "modal",
    "byline",
    "dateline",
    "pullquote",
    "pull-quote",
    "authorbio",
    "author-bio",
    "author-box",
    "authorbox",
    "about-author",
    "author-info",
    "toolbar",
    "masthead",
    "trending",
    "popular",
    "recommend",
    "disqus",
    "read-more",
    "readmore",
    "more-stories",
    "morestories",
    "further-reading",
    "see-also",
    "skip-link",
    "screen-reader",
    "visually-hidden",
    "sr-only",
    "donate",
    "banner",
    "site-header",
    "site-footer",
    "comment-",
    "-comments",
    "comments-",
    "reactions",
    "print-only",
    "post-navigation",
    "pagination",
    "widget",
    "tag-list",
    "taglist",
    "post-tags",
    "entry-tags",
    "article-tags",
    "topics-list",
    "in-this-series",
    "series-nav",
    "cta",
    "timestamp",
    "publish-date",
    "pubdate",
    "post-date",
    "entry-date",
    "article-date",
    "reading-time",
    "read-time",
    "caption-credit",
    "inline-related",
    "feedback",
    "author-list",
    "post-footer",
    "entry-footer",
    "rich-link",
    "richlink",
    "read-also",
    "readalso",
    "read-next",
    "readnext",
    "lire-aussi",
    "more-on",
    "more-from",
    "copyright",
    "cite-this",
    "citethis",
    "how-to-cite",
    "postmetadata",
    "post-meta",
    "entry-meta",
    "twitter-tweet",
    "instagram",
    "tiktok",
    "embed",
    "contributions",
    "keyword",
    "listen",
    "audio-player",
    "correction",
    "compartir",
    "partage",
    "teilen",
    "condividi",
    "etiquetas",
    "relacionad",
    "taglist",
    "teaser",
    "outbrain",
    "ad-slot",
    "adslot",
    "ad-container",
    "advertisement",
    "speechify",
    "profile-card",
    "author-card",
    "table-of-contents",
    "tableofcontents",
    "bookmark",
    "link-preview",
    "gallery-count",
];

/// Class or id words of furniture that are too short to match inside
/// other words ("ad" is in "header", "nav" in "canvas").
const FURNITURE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "nav",
    "navigation",
    "menu",
    "meta",
    "tags",
    "tag",
    "footer",
    "header",
    "hidden",
    "skip",
    "comment",
    "comments",
    "respond",
    "replies",
    "author",
    "bio",
    "authors",
    "date",
    "dates",
    "posted",
    "tools",
    "utility",
    "actions",
    "kicker",
    "eyebrow",
    "hide",
    "noprint",
    "subscription",
    "follow",
    "credits",
    "dek",
    "standfirst",
    "deck",
    "subtitle",
    "subhead",
    "strapline",
    "credit",
    "button",
    "btn",
    "submeta",
    "sharing",
    "likes",
    "contributor",
    "contributors",
    "inread",
    "ufi",
    "toc",
];

/// Class or id fragments that mark the article's own text container.
const CONTENT_PARTS: &[&str] = &[
    "articlebody",
    "article-body",
    "article_body",
    "entry-content",
    "post-content",
    "post-body",
    "story-body",
    "storybody",
    "body-text",
    "bodytext",
    "article-content",
    "article__body",
    "article__content",
    "markup",
    "gh-content",
    "field--name-body",
    "prose",
    "rich-text",
    "richtext",
    "main-content",
    "maincontent",
    "text-content",
    "field-body",
    "node__content",
    "single-content",
    "c-article-body",
];

/// Class or id fragments that raise a container's score.
const POSITIVE_PARTS: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "hentry",
    "h-entry",
    "main",
    "post",
    "text",
    "blog",
    "story",
    "prose",
    "markup",
    "report",
    "brief",
    "commentary",
    "analysis",
];

/// Attributes that name a component the way a class does (component
/// frameworks and CMSs that hash their classes name parts so).
const NAMING_ATTRS: &[&str] = &[
    "data-component",
    "data-testid",
    "data-test-id",
    "data-gu-name",
    "data-area",
    "data-module",
    "data-block-type",
    "data-type",
    "data-role",
    "name",
];

/// An element's class, id and naming attributes, lowercased, as one
/// string of names ("richLink" becomes "rich-link").
pub fn names(el: &ElementRef) -> String {
    let v = el.value();
    let mut s = String::new();
    for class in v.classes() {
        s.push_str(class);
        s.push(' ');
    }
    if let Some(id) = v.id() {
        s.push_str(id);
        s.push(' ');
    }
    for attr in NAMING_ATTRS {
        if let Some(value) = v.attr(attr).filter(|a| a.len() <= 60) {
            push_kebab(&mut s, value);
            s.push(' ');
        }
    }
    s.to_lowercase()
}

/// "richLink" → "rich-link", "StandardAd" → "standard-ad".
fn push_kebab(out: &mut String, value: &str) {
    let mut prev_lower = false;
    for c in value.chars() {
        if c.is_uppercase() && prev_lower {
            out.push('-');
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        out.push(c);
    }
}

fn has_word(names: &str, words: &[&str]) -> bool {
    names
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .any(|w| words.contains(&w))
}

fn has_part(names: &str, parts: &[&str]) -> bool {
    parts.iter().any(|p| names.contains(p))
}

/// True for containers named as the article's text.
pub fn is_content_container(el: &ElementRef) -> bool {
    let names = names(el);
    has_part(&names, CONTENT_PARTS) || el.value().attr("itemprop") == Some("articleBody")
}

/// True for elements that are page furniture by tag, name or role.
pub fn is_furniture(el: &ElementRef) -> bool {
    let v = el.value();
    if NEVER_CONTENT.contains(&v.name()) || is_hidden(el) {
        return true;
    }
    if matches!(
        v.attr("role"),
        Some("navigation" | "banner" | "contentinfo" | "complementary" | "search" | "dialog")
    ) {
        return true;
    }
    // Page wrappers carry the whole layout's names ("single sidebar-right").
    if matches!(v.name(), "html" | "body" | "main" | "article") {
        return false;
    }
    let names = names(el);
    if is_content_container(el) {
        return false;
    }
    if matches!(v.name(), "div" | "section" | "aside" | "figure") && is_prompt_box(el) {
        return true;
    }
    !names.is_empty() && (has_part(&names, FURNITURE_PARTS) || has_word(&names, FURNITURE_WORDS))
}

/// Buttons and links that ask the reader to sign up, subscribe or give.
const PROMPTS: &[&str] = &[
    "sign up",
    "signup",
    "subscribe",
    "register",
    "join",
    "donate",
    "support",
    "s’inscrire",
    "s'inscrire",
    "s’abonner",
    "s'abonner",
    "abonnieren",
    "anmelden",
    "inscrever",
    "inscreva",
    "assine",
    "assinar",
    "suscrib",
    "suscríbete",
    "iscriviti",
    "abbonati",
    "подпис",
    "구독",
    "订阅",
    "訂閱",
    "登録",
    "購読",
];

/// A small box inside the text that holds a form, or a button or link
/// prompting the reader to sign up (newsletter boxes, membership asks).
fn is_prompt_box(el: &ElementRef) -> bool {
    let mut prompt = false;
    let mut count = 0;
    for d in el.descendent_elements().take(120) {
        count += 1;
        let tag = d.value().name();
        if tag == "form" || tag == "input" && d.value().attr("type") == Some("email") {
            prompt = true;
        }
        if matches!(tag, "a" | "button") && !prompt {
            let label = text(&d).to_lowercase();
            prompt = label.split_whitespace().count() <= 4
                && PROMPTS.iter().any(|p| label.starts_with(p));
        }
    }
    prompt && count < 120 && super::count_words(&text(el)) <= 60
}

/// True for elements that hold no article text whatever their names.
pub fn never_text(el: &ElementRef) -> bool {
    NEVER_CONTENT.contains(&el.value().name()) && el.value().name() != "header" || is_hidden(el)
}

/// True when the element is hidden from readers.
pub fn is_hidden(el: &ElementRef) -> bool {
    let v = el.value();
    if v.attr("hidden").is_some() || v.attr("aria-hidden") == Some("true") {
        return true;
    }
    v.attr("style").is_some_and(|s| {
        let s: String = s.split_whitespace().collect::<String>().to_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Class weight as readability computes it: names of content raise it,
/// names of furniture lower it.
pub fn class_weight(el: &ElementRef) -> f64 {
    let names = names(el);
    let mut weight = 0.0;
    if has_part(&names, CONTENT_PARTS) {
        weight += 40.0;
    } else if has_part(&names, POSITIVE_PARTS) {
        weight += 25.0;
    }
    if has_part(&names, FURNITURE_PARTS) || has_word(&names, FURNITURE_WORDS) {
        weight -= 25.0;
    }
    weight
}

/// Inline elements a reader does not see: scripts, hidden and
/// screen-reader-only text, buttons.
pub fn is_unseen(el: &ElementRef) -> bool {
    let tag = el.value().name();
    if matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "button"
            | "svg"
            | "iframe"
            | "input"
            | "select"
            | "textarea"
    ) || is_hidden(el)
    {
        return true;
    }
    let names = names(el);
    [
        "sr-only",
        "screen-reader",
        "visually-hidden",
        "visuallyhidden",
    ]
    .iter()
    .any(|n| names.contains(n))
}

/// The element's visible text with whitespace collapsed, skipping furniture.
pub fn text(el: &ElementRef) -> String {
    let mut out = String::new();
    collect_text(el, &mut out);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn collect_text(el: &ElementRef, out: &mut String) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(_) => {
                let child = ElementRef::wrap(child).expect("element node");
                if !matches!(
                    child.value().name(),
                    "script" | "style" | "noscript" | "template"
                ) && !is_hidden(&child)
                {
                    if is_block(child.value().name()) {
                        out.push(' ');
                    }
                    collect_text(&child, out);
                }
            }
            _ => {}
        }
    }
}

/// Characters of text inside links over all characters of text.
pub fn link_density(el: &ElementRef) -> f64 {
    let total = char_len(&text(el));
    if total == 0 {
        return 0.0;
    }
    let linked: usize = el
        .descendent_elements()
        .filter(|d| d.value().name() == "a")
        .filter(|a| {
            // Footnote markers and in-page anchors are not navigation.
            !a.value().attr("href").is_some_and(|h| h.starts_with('#'))
        })
        .map(|a| char_len(&text(&a)))
        .sum();
    (linked as f64 / total as f64).min(1.0)
}

/// How many levels deep the document's elements nest.
pub fn depth(doc: &scraper::Html) -> usize {
    let mut level: usize = 0;
    let mut deepest = 0;
    for edge in doc.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(_) => {
                level += 1;
                deepest = deepest.max(level);
            }
            ego_tree::iter::Edge::Close(_) => level -= 1,
        }
    }
    deepest
}

/// Length in characters.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Tags laid out as blocks.
pub fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "figure"
            | "figcaption"
            | "hr"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "details"
            | "summary"
            | "address"
            | "center"
            | "fieldset"
            | "form"
            | "caption"
            | "br"
            | "hgroup"
    )
}
