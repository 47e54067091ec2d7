//! The article's HTML as Markdown: headings, paragraphs, emphasis, links
//! made absolute, lists, block quotes, tables, footnotes and figures with
//! their captions. Furniture inside the article (share rows, bylines,
//! pull quotes) is left out.

use super::dom::{is_block, is_furniture, is_unseen};
use super::mdtext::{
    escape_block_start, finish_inline, is_backlink, link_target, push_text, unwrap_whole,
};
pub use super::mdtext::{fold, footnote_labels};
use scraper::{ElementRef, Node};
use std::collections::HashMap;
use url::Url;

/// What the converter needs besides the elements.
#[derive(Debug, Default)]
pub struct Context {
    /// Base for relative links and image sources.
    pub base: Option<Url>,
    /// Texts (folded) that are printed elsewhere in the record: the
    /// headline and the standfirst are not repeated in the body.
    pub drop_texts: Vec<String>,
    /// Footnote anchors (`id` of the note) and the label each gets.
    pub footnotes: HashMap<String, String>,
    /// Keep containers named like furniture when they hold paragraphs (the
    /// article's own container was named so).
    pub relaxed: bool,
}

/// The body as Markdown and the images it shows (absolute URLs).
#[derive(Debug, Default)]
pub struct Converted {
    pub markdown: String,
    pub images: Vec<String>,
}

/// Converts the article's root elements, in order.
pub fn convert(roots: &[ElementRef], ctx: &Context) -> Converted {
    let mut writer = Writer {
        ctx,
        images: Vec::new(),
        in_list_item: false,
    };
    let mut blocks = Vec::new();
    for root in roots {
        // A root chosen for its text is converted even when its name looks
        // like furniture (the relaxed pass finds such containers).
        if is_furniture(root) && !super::dom::never_text(root) {
            writer.children(*root, &mut blocks);
        } else {
            writer.block(*root, &mut blocks);
        }
    }
    Converted {
        markdown: blocks.join("\n\n"),
        images: writer.images,
    }
}

struct Writer<'c> {
    ctx: &'c Context,
    images: Vec<String>,
    in_list_item: bool,
}

impl Writer<'_> {
    /// Appends the blocks of one block-level element.
    fn block(&mut self, el: ElementRef, out: &mut Vec<String>) {
        if self.is_left_out(&el) {
            return;
        }
        let tag = el.value().name();
        match tag {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let text = self.inline(el);
                if !text.is_empty() && !self.is_dropped(&text) {
                    let level = tag[1..].parse::<usize>().unwrap_or(2).max(2);
                    out.push(format!("{} {}", "#".repeat(level), text));
                }
            }
            "p" | "dt" | "dd" | "address" | "figcaption" | "summary" => {
                let text = self.inline(el);
                self.push_paragraph(text, tag == "dt", out);
            }
            "ul" | "ol" => self.list_or_notes(el, out),
            "blockquote" => self.quote(el, out),
            "pre" => {
                let code: String = el.text().collect();
                let code = code.trim_matches('\n');
                if !code.trim().is_empty() {
                    out.push(format!("```\n{code}\n```"));
                }
            }
            "table" => self.table(el, out),
            "figure" => self.figure(el, out),
            "img" | "picture" | "amp-img" => {
                if let Some(md) = self.image(el) {
                    out.push(md);
                }
            }
            "hr" | "br" => {}
            _ if self.is_footnote(&el) => self.footnote(el, out),
            _ => self.children(el, out),
        }
    }

    fn is_left_out(&self, el: &ElementRef) -> bool {
        if self.is_footnote(el) || !is_furniture(el) {
            return false;
        }
        let holds_text = || {
            el.descendent_elements()
                .filter(|d| d.value().name() == "p")
                .count()
                >= 3
        };
        !self.ctx.relaxed || super::dom::never_text(el) || !holds_text()
    }

    /// Children of a container: runs of inline content become paragraphs.
    fn children(&mut self, el: ElementRef, out: &mut Vec<String>) {
        let mut run = String::new();
        for child in el.children() {
            match child.value() {
                Node::Text(t) => push_text(&mut run, t),
                Node::Element(e) => {
                    let child = ElementRef::wrap(child).expect("element node");
                    if is_block(e.name()) || is_image(e.name()) && run.trim().is_empty() {
                        let text = std::mem::take(&mut run);
                        self.push_paragraph(finish_inline(&text), false, out);
                        self.block(child, out);
                    } else {
                        self.inline_element(child, &mut run);
                    }
                }
                _ => {}
            }
        }
        self.push_paragraph(finish_inline(&run), false, out);
    }

    fn push_paragraph(&self, text: String, bold: bool, out: &mut Vec<String>) {
        // Two line breaks in a row part paragraphs on pages without <p>.
        for part in text.split("\\\n\\\n") {
            let part = finish_inline(part);
            if part.is_empty() || self.is_dropped(&part) {
                continue;
            }
            let part = escape_block_start(&unwrap_whole(&part));
            out.push(if bold { format!("**{part}**") } else { part });
        }
    }

    fn is_dropped(&self, text: &str) -> bool {
        let folded = fold(text);
        self.ctx.drop_texts.contains(&folded)
    }

    fn is_footnote(&self, el: &ElementRef) -> bool {
        self.footnote_id(el).is_some()
    }

    /// The note's id: on the element, or on the number link it opens with.
    fn footnote_id<'e>(&self, el: &ElementRef<'e>) -> Option<&'e str> {
        let known = |id: &str| self.ctx.footnotes.contains_key(id);
        if let Some(id) = el.value().id().filter(|id| known(id)) {
            return Some(id);
        }
        let first = el.child_elements().next()?;
        (first.value().name() == "a")
            .then(|| first.value().id())
            .flatten()
            .filter(|id| known(id))
    }

    fn footnote(&mut self, el: ElementRef, out: &mut Vec<String>) {
        let id = self.footnote_id(&el).unwrap_or_default();
        let label = self.ctx.footnotes.get(id).cloned().unwrap_or_default();
        let mut text = String::new();
        for child in el.children() {
            match child.value() {
                Node::Text(t) => push_text(&mut text, t),
                Node::Element(e) => {
                    let child = ElementRef::wrap(child).expect("element node");
                    // The number link that carries the note's id is not its text.
                    if !(e.name() == "a" && e.id() == Some(id)) {
                        self.inline_element(child, &mut text);
                    }
                }
                _ => {}
            }
        }
        let text = finish_inline(&text);
        let text = text
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
            .trim();
        if !text.is_empty() {
            out.push(format!("[^{label}]: {text}"));
        }
    }

    /// A list, or a list of footnotes (every item a note): notes are
    /// written as Markdown footnote definitions.
    fn list_or_notes(&mut self, el: ElementRef, out: &mut Vec<String>) {
        let items: Vec<ElementRef> = el
            .child_elements()
            .filter(|c| c.value().name() == "li")
            .collect();
        if !items.is_empty() && items.iter().all(|li| self.is_footnote(li)) {
            for li in items {
                self.footnote(li, out);
            }
            return;
        }
        let list = self.list(el, 0);
        if !list.is_empty() {
            out.push(list);
        }
    }

    fn list(&mut self, el: ElementRef, indent: usize) -> String {
        let ordered = el.value().name() == "ol";
        let mut number: usize = el
            .value()
            .attr("start")
            .and_then(|s| s.parse().ok())
            .unwrap_or(1);
        let mut lines = Vec::new();
        for li in el.child_elements().filter(|c| c.value().name() == "li") {
            if is_furniture(&li) {
                continue;
            }
            let marker = if ordered {
                format!("{number}. ")
            } else {
                "- ".to_string()
            };
            number += 1;
            let was = std::mem::replace(&mut self.in_list_item, true);
            let text = self.inline(li);
            self.in_list_item = was;
            if !text.is_empty() {
                lines.push(format!("{}{marker}{text}", " ".repeat(indent)));
            }
            for nested in li
                .descendent_elements()
                .filter(|d| matches!(d.value().name(), "ul" | "ol"))
                .filter(|d| nearest_list_item(d).is_some_and(|p| p.id() == li.id()))
            {
                let inner = self.list(nested, indent + marker.len());
                if !inner.is_empty() {
                    lines.push(inner);
                }
            }
        }
        lines.join("\n")
    }

    fn quote(&mut self, el: ElementRef, out: &mut Vec<String>) {
        let mut inner = Vec::new();
        self.children(el, &mut inner);
        if inner.is_empty() {
            return;
        }
        let quoted: Vec<String> = inner
            .join("\n\n")
            .lines()
            .map(|l| {
                if l.is_empty() {
                    ">".to_string()
                } else {
                    format!("> {l}")
                }
            })
            .collect();
        out.push(quoted.join("\n"));
    }

    fn figure(&mut self, el: ElementRef, out: &mut Vec<String>) {
        let caption = el
            .child_elements()
            .find(|c| c.value().name() == "figcaption")
            .map(|c| self.inline(c))
            .unwrap_or_default();
        let img = el
            .descendent_elements()
            .find(|d| is_image(d.value().name()));
        let Some(image) = img.and_then(|i| self.image_with_alt(i, &caption)) else {
            // A figure around a quote, table or chart: its content as it is.
            let mut inner = Vec::new();
            for child in el.child_elements() {
                self.block(child, &mut inner);
            }
            out.extend(inner);
            return;
        };
        if caption.is_empty() {
            out.push(image);
        } else if caption.contains('*') {
            out.push(format!("{image}\n{caption}"));
        } else {
            out.push(format!("{image}\n*{caption}*"));
        }
    }

    fn table(&mut self, el: ElementRef, out: &mut Vec<String>) {
        let rows: Vec<ElementRef> = el
            .descendent_elements()
            .filter(|d| d.value().name() == "tr")
            .filter(|tr| nearest_table(tr).is_some_and(|t| t.id() == el.id()))
            .collect();
        let layout = el.descendent_elements().skip(1).any(|d| {
            matches!(
                d.value().name(),
                "table" | "p" | "div" | "ul" | "ol" | "h2" | "h3"
            )
        });
        if layout || rows.is_empty() {
            self.children(el, out);
            return;
        }
        if let Some(caption) = el.child_elements().find(|c| c.value().name() == "caption") {
            let text = self.inline(caption);
            if !text.is_empty() {
                out.push(format!("*{text}*"));
            }
        }
        let mut cells: Vec<Vec<String>> = rows
            .iter()
            .map(|tr| {
                tr.child_elements()
                    .filter(|c| matches!(c.value().name(), "td" | "th"))
                    .map(|c| self.inline(c).replace('|', "\\|").replace('\n', " "))
                    .collect()
            })
            .filter(|r: &Vec<String>| !r.is_empty())
            .collect();
        let width = cells.iter().map(Vec::len).max().unwrap_or(0);
        if width == 0 {
            return;
        }
        for row in &mut cells {
            row.resize(width, String::new());
        }
        let line = |row: &[String]| format!("| {} |", row.join(" | "));
        let mut table = vec![line(&cells[0]), line(&vec!["---".to_string(); width])];
        table.extend(cells[1..].iter().map(|r| line(r)));
        out.push(table.join("\n"));
    }

    /// The inline Markdown of an element's content.
    fn inline(&mut self, el: ElementRef) -> String {
        let mut s = String::new();
        self.inline_children(el, &mut s);
        finish_inline(&s)
    }

    fn inline_children(&mut self, el: ElementRef, out: &mut String) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => push_text(out, t),
                Node::Element(_) => {
                    let child = ElementRef::wrap(child).expect("element node");
                    self.inline_element(child, out);
                }
                _ => {}
            }
        }
    }

    fn inline_element(&mut self, el: ElementRef, out: &mut String) {
        let tag = el.value().name();
        if is_unseen(&el) {
            return;
        }
        match tag {
            "strong" | "b" => self.wrap(el, "**", out),
            "em" | "i" | "cite" => self.wrap(el, "*", out),
            "s" | "del" | "strike" => self.wrap(el, "~~", out),
            "code" | "kbd" | "samp" | "tt" => {
                let code: String = el.text().collect();
                let code = code.split_whitespace().collect::<Vec<_>>().join(" ");
                if !code.is_empty() {
                    let fence = if code.contains('`') { "``" } else { "`" };
                    out.push_str(&format!("{fence}{code}{fence}"));
                }
            }
            "a" => self.link(el, out),
            "img" | "picture" | "amp-img" => {
                if let Some(md) = self.image(el) {
                    out.push_str(&md);
                }
            }
            "br" => out.push_str("\\\n"),
            "sup" if self.note_ref(&el).is_some() => {
                out.push_str(&format!("[^{}]", self.note_ref(&el).unwrap_or_default()));
            }
            "ul" | "ol" if self.in_list_item => {}
            _ => {
                let block = is_block(tag);
                if block {
                    out.push(' ');
                }
                self.inline_children(el, out);
                if block {
                    out.push(' ');
                }
            }
        }
    }

    /// The label of the footnote a `<sup>` points to.
    fn note_ref(&self, sup: &ElementRef) -> Option<String> {
        let a = sup
            .descendent_elements()
            .find(|d| d.value().name() == "a")?;
        let target = a.value().attr("href")?.strip_prefix('#')?;
        self.ctx.footnotes.get(target).cloned()
    }

    fn wrap(&mut self, el: ElementRef, mark: &str, out: &mut String) {
        let mut inner = String::new();
        self.inline_children(el, &mut inner);
        let trimmed = inner.trim();
        if trimmed.is_empty() {
            out.push_str(&inner);
            return;
        }
        if inner.starts_with(char::is_whitespace) {
            out.push(' ');
        }
        out.push_str(&format!("{mark}{trimmed}{mark}"));
        if inner.ends_with(char::is_whitespace) {
            out.push(' ');
        }
    }

    fn link(&mut self, el: ElementRef, out: &mut String) {
        let href = el.value().attr("href").unwrap_or("").trim();
        if let Some(label) = href
            .strip_prefix('#')
            .and_then(|t| self.ctx.footnotes.get(t))
        {
            out.push_str(&format!("[^{label}]"));
            return;
        }
        let mut inner = String::new();
        self.inline_children(el, &mut inner);
        let text = inner.trim();
        let target = self.absolute(href);
        match target {
            Some(url) if !text.is_empty() && !is_backlink(&el) => {
                if inner.starts_with(char::is_whitespace) {
                    out.push(' ');
                }
                out.push_str(&format!("[{text}]({})", link_target(&url)));
                if inner.ends_with(char::is_whitespace) {
                    out.push(' ');
                }
            }
            _ if is_backlink(&el) => {}
            _ => out.push_str(&inner),
        }
    }

    /// An absolute http(s) or mailto URL for a link; in-page anchors and
    /// script links have none.
    fn absolute(&self, href: &str) -> Option<String> {
        if href.is_empty() || href.starts_with('#') {
            return None;
        }
        let url = match &self.ctx.base {
            Some(base) => base.join(href).ok()?,
            // A saved page that names no address of its own: relative
            // links are kept as they are, for the editor to complete.
            None => match Url::parse(href) {
                Ok(url) => url,
                Err(_) if !href.contains(':') => return Some(href.to_string()),
                Err(_) => return None,
            },
        };
        matches!(url.scheme(), "http" | "https" | "mailto").then(|| url.to_string())
    }

    fn image(&mut self, el: ElementRef) -> Option<String> {
        self.image_with_alt(el, "")
    }

    fn image_with_alt(&mut self, el: ElementRef, fallback_alt: &str) -> Option<String> {
        let img = if is_image(el.value().name()) {
            el
        } else {
            el.descendent_elements()
                .find(|d| is_image(d.value().name()))?
        };
        let v = img.value();
        // Tracking pixels, icons and avatars are not the article's pictures.
        let small = |a: &str| {
            v.attr(a)
                .and_then(|w| w.trim().parse::<u32>().ok())
                .is_some_and(|w| w < 80)
        };
        if small("width") || small("height") {
            return None;
        }
        let usable = |s: &&str| !s.trim().is_empty() && !s.starts_with("data:");
        let src = ["data-src", "data-lazy-src", "data-original", "src"]
            .iter()
            .filter_map(|a| v.attr(a))
            .find(usable)
            .or_else(|| {
                v.attr("srcset")
                    .and_then(|s| s.split(',').next())
                    .and_then(|c| c.split_whitespace().next())
            })?;
        let url = self.absolute(src.trim())?;
        let alt = v.attr("alt").map(str::trim).filter(|a| !a.is_empty());
        let alt = alt
            .map(str::to_string)
            .unwrap_or_else(|| fallback_alt.replace(['*', '[', ']'], ""));
        self.images.push(url.clone());
        Some(format!(
            "![{}]({})",
            alt.replace(['[', ']'], ""),
            link_target(&url)
        ))
    }
}

fn is_image(tag: &str) -> bool {
    matches!(tag, "img" | "amp-img")
}

fn nearest_list_item<'a>(el: &ElementRef<'a>) -> Option<ElementRef<'a>> {
    el.ancestors()
        .filter_map(ElementRef::wrap)
        .find(|a| a.value().name() == "li")
}

fn nearest_table<'a>(el: &ElementRef<'a>) -> Option<ElementRef<'a>> {
    el.ancestors()
        .filter_map(ElementRef::wrap)
        .find(|a| a.value().name() == "table")
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn md(html: &str) -> String {
        let doc = Html::parse_fragment(html);
        let root = doc.root_element();
        let ctx = Context {
            base: Url::parse("https://example.org/a/b.html").ok(),
            footnotes: footnote_labels(&[root]),
            ..Context::default()
        };
        convert(&[root], &ctx).markdown
    }

    #[test]
    fn keeps_structure() {
        let table = [
            ("<h2>Why</h2><p>It <em>rose</em>, <strong>fast</strong>.</p>", "## Why\n\nIt *rose*, **fast**."),
            ("<p>See <a href=\"../c\">the note</a>.</p>", "See [the note](https://example.org/c)."),
            ("<ul><li>one<ul><li>deep</li></ul></li><li>two</li></ul>", "- one\n  - deep\n- two"),
            ("<ol start=\"3\"><li>three</li></ol>", "3. three"),
            ("<blockquote><p>Quoted.</p><p>Twice.</p></blockquote>", "> Quoted.\n>\n> Twice."),
            ("<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2|3</td></tr></table>", "| A | B |\n| --- | --- |\n| 1 | 2\\|3 |"),
            ("<figure><img src=\"/i.png\" alt=\"Map\"><figcaption>Ports in 2024</figcaption></figure>", "![Map](https://example.org/i.png)\n*Ports in 2024*"),
            ("<p>Claim<sup><a href=\"#fn1\">1</a></sup>.</p><ol><li id=\"fn1\">Source. <a href=\"#r1\">↩</a></li></ol>", "Claim[^1].\n\n[^1]: Source."),
            ("<p>1999. A year</p><p>*stars* and [brackets]</p>", "1999\\. A year\n\n\\*stars\\* and \\[brackets\\]"),
            ("<div>Loose text<p>Para</p></div><div class=\"share-row\">Share</div>", "Loose text\n\nPara"),
        ];
        for (html, want) in table {
            assert_eq!(md(html), want, "{html}");
        }
    }
}
