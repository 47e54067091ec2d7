//! `{{ figure(src="…", alt="…", caption="…", source="…", id="…") }}`: a numbered figure with
//! a caption above and a credit line below, and `@fig:id` cross-references to it.

use crate::diagnostics::Code;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::images::Picture;
use super::shortcode::Shortcode;
use super::{escape, BodyError, MediaContext};

pub const FIGURE_ARGS: &[&str] = &["src", "alt", "caption", "source", "id", "class"];

/// A figure or chart of a body, numbered in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numbered {
    /// The id the author gave (`id="arctic-routes"`), for `@fig:arctic-routes`.
    pub name: Option<String>,
    /// The element id: `fig-arctic-routes`, or `figure-3` for a figure without a name.
    pub anchor: String,
    pub number: usize,
}

/// Numbers the figure and chart shortcodes of a body in order; a repeated name is an error.
pub fn number(shortcodes: &[&Shortcode]) -> Result<Vec<Numbered>, Vec<BodyError>> {
    let mut out: Vec<Numbered> = Vec::new();
    let mut errors = Vec::new();
    for (i, s) in shortcodes.iter().enumerate() {
        let name = s.get("id").map(str::trim).filter(|n| !n.is_empty());
        if let Some(n) = name {
            if !n
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                errors.push(
                    BodyError::new(
                        s.arg("id").map_or(s.offset, |a| a.offset),
                        Code::Figure,
                        format!("figure id `{n}` may hold only letters, digits, `-` and `_`"),
                    )
                    .hint("e.g. id=\"arctic-routes\", referred to as @fig:arctic-routes"),
                );
            }
            if out.iter().any(|f| f.name.as_deref() == Some(n)) {
                errors.push(
                    BodyError::new(
                        s.arg("id").map_or(s.offset, |a| a.offset),
                        Code::Figure,
                        format!("two figures have the id `{n}`"),
                    )
                    .hint("give each figure its own id"),
                );
            }
        }
        out.push(Numbered {
            name: name.map(str::to_string),
            anchor: name.map_or_else(|| format!("figure-{}", i + 1), |n| format!("fig-{n}")),
            number: i + 1,
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// The label readers see: "Figure 2".
pub fn label(ctx: &MediaContext<'_>, number: usize) -> String {
    ctx.labels.figure(number)
}

/// Renders one `{{ figure(…) }}`; `picture` is its image, already resolved.
pub fn render(
    s: &Shortcode,
    numbered: &Numbered,
    picture: &Picture,
    ctx: &MediaContext<'_>,
) -> Result<String, BodyError> {
    s.reject_unknown(FIGURE_ARGS)?;
    let class = s
        .get("class")
        .map(|c| format!(" {}", escape(c)))
        .unwrap_or_default();
    let mut html = format!(
        "<figure class=\"figure{class}\" id=\"{}\">\n",
        numbered.anchor
    );
    html.push_str(&caption(s, numbered, ctx));
    html.push_str(&picture.html);
    html.push('\n');
    html.push_str(&source_line(s, ctx));
    html.push_str("</figure>\n");
    Ok(html)
}

/// `alt` is required and must say something: a figure is content, not decoration.
pub fn require_alt(s: &Shortcode) -> Result<String, BodyError> {
    match s.arg("alt") {
        Some(a) if !a.value.trim().is_empty() => Ok(a.value.trim().to_string()),
        found => Err(BodyError::new(
            found.map_or(s.offset, |a| a.offset),
            Code::Figure,
            format!(
                "figure `{}` has no alt text",
                s.get("src").unwrap_or_default()
            ),
        )
        .hint("add alt=\"…\" describing what the image shows for readers who cannot see it")),
    }
}

/// `<figcaption>` with the number and the caption (inline Markdown).
pub fn caption(s: &Shortcode, numbered: &Numbered, ctx: &MediaContext<'_>) -> String {
    let text = s.get("caption").or_else(|| s.get("title")).unwrap_or("");
    if text.trim().is_empty() {
        let label = escape(&label(ctx, numbered.number));
        return format!("<figcaption><span class=\"figure-label\">{label}</span></figcaption>\n");
    }
    format!(
        "<figcaption><span class=\"figure-label\">{}</span> {}</figcaption>\n",
        escape(&ctx.labels.caption_label(numbered.number)),
        inline_markdown(text)
    )
}

/// The credit line under a figure, when it has a `source`.
pub fn source_line(s: &Shortcode, ctx: &MediaContext<'_>) -> String {
    match s.get("source").map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => format!(
            "<p class=\"figure-source\"><span class=\"figure-source-label\">{}</span> {}</p>\n",
            escape(&ctx.labels.source()),
            inline_markdown(text)
        ),
        None => String::new(),
    }
}

/// A caption or credit in Markdown (emphasis, links, code), without paragraphs. Raw HTML is
/// shown as text and script URLs are emptied: an attribute value is no place for markup.
pub fn inline_markdown(text: &str) -> String {
    let events = Parser::new_ext(text, Options::ENABLE_SMART_PUNCTUATION).filter_map(|e| match e {
        Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => None,
        Event::Html(h) | Event::InlineHtml(h) => Some(Event::Text(h)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = if crate::markdown::sanitise::is_dangerous_url(&dest_url) {
                "".into()
            } else {
                dest_url
            };
            Some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        e => Some(e),
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    html.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::shortcode::parse;

    #[test]
    fn numbers_in_order_and_names_anchors() {
        let a = parse("{{ figure(src=\"a\", id=\"routes\") }}", 0).unwrap();
        let b = parse("{{ chart(data=\"b.csv\") }}", 50).unwrap();
        let n = number(&[&a, &b]).unwrap();
        assert_eq!(n[0].anchor, "fig-routes");
        assert_eq!(n[0].name.as_deref(), Some("routes"));
        assert_eq!((n[1].anchor.as_str(), n[1].number), ("figure-2", 2));
        let dup = number(&[&a, &a]).unwrap_err();
        assert!(dup[0].message.contains("two figures have the id `routes`"));
        let bad = parse("{{ figure(id=\"a b\") }}", 0).unwrap();
        assert!(number(&[&bad]).unwrap_err()[0]
            .message
            .contains("only letters"));
    }

    #[test]
    fn captions_take_inline_markdown_but_no_html_or_script() {
        let html = inline_markdown(
            "Routes *via* [Bering](https://x.org) <b>x</b> [y](javascript:alert(1))",
        );
        assert!(html.contains("<em>via</em>"), "{html}");
        assert!(html.contains("href=\"https://x.org\""), "{html}");
        assert!(html.contains("&lt;b&gt;"), "{html}");
        assert!(!html.contains("javascript"), "{html}");
        assert!(!html.contains("<p>"), "{html}");
    }

    #[test]
    fn alt_is_required_and_not_blank() {
        for src in [
            "{{ figure(src=\"a.png\") }}",
            "{{ figure(src=\"a.png\", alt=\"  \") }}",
        ] {
            let e = require_alt(&parse(src, 7).unwrap()).unwrap_err();
            assert_eq!(e.code, "figure");
            assert!(e.message.contains("no alt text"), "{}", e.message);
        }
    }
}
