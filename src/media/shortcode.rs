//! Block shortcodes: a paragraph that is exactly `{{ name(key="value", …) }}`.
//!
//! Only keyword arguments are accepted, so a shortcode reads the same months later and an
//! argument added to the syntax never shifts the others. Values are double- or single-quoted
//! strings (with `\"`, `\'`, `\\` and `\n` escapes), numbers or `true`/`false`.

use super::BodyError;
use crate::diagnostics::Code;

/// One argument: its value and where it is, as a byte offset into the Markdown.
#[derive(Debug, Clone, PartialEq)]
pub struct Arg {
    pub key: String,
    pub value: String,
    pub offset: usize,
}

/// A parsed shortcode; `offset` is where its `{{` is in the Markdown.
#[derive(Debug, Clone, PartialEq)]
pub struct Shortcode {
    pub name: String,
    pub args: Vec<Arg>,
    pub offset: usize,
}

impl Shortcode {
    /// The value of `key`, if given.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.arg(key).map(|a| a.value.as_str())
    }

    pub fn arg(&self, key: &str) -> Option<&Arg> {
        self.args.iter().find(|a| a.key == key)
    }

    /// The value of `key`, or an error naming the shortcode and what to write.
    pub fn require(&self, key: &str, example: &str) -> Result<&Arg, BodyError> {
        match self.arg(key) {
            Some(a) if !a.value.trim().is_empty() => Ok(a),
            Some(a) => Err(BodyError::new(
                a.offset,
                Code::Shortcode,
                format!("`{}` has an empty `{key}`", self.name),
            )
            .hint(format!("write it, e.g. {key}=\"{example}\""))),
            None => Err(BodyError::new(
                self.offset,
                Code::Shortcode,
                format!("`{}` needs `{key}`", self.name),
            )
            .hint(format!("add {key}=\"{example}\""))),
        }
    }

    /// Errors for arguments the shortcode does not take (a typo would otherwise be ignored).
    pub fn reject_unknown(&self, known: &[&str]) -> Result<(), BodyError> {
        match self.args.iter().find(|a| !known.contains(&a.key.as_str())) {
            None => Ok(()),
            Some(a) => Err(BodyError::new(
                a.offset,
                Code::Shortcode,
                format!("`{}` takes no argument `{}`", self.name, a.key),
            )
            .hint(format!("its arguments are: {}", known.join(", ")))),
        }
    }
}

/// Whether `text` (a paragraph's source) looks like a shortcode, so that a malformed one is
/// reported instead of published as text.
pub fn looks_like_shortcode(text: &str) -> bool {
    let t = text.trim();
    t.starts_with("{{") && t.ends_with("}}") && t.contains('(')
}

/// Parses `source`, the text of one paragraph starting at byte `offset` of the Markdown.
pub fn parse(source: &str, offset: usize) -> Result<Shortcode, BodyError> {
    let lead = source.len() - source.trim_start().len();
    let mut p = Cursor {
        text: source,
        pos: lead,
        base: offset,
    };
    let start = p.at();
    p.expect("{{", start)?;
    p.skip_ws();
    let name = p.ident();
    if name.is_empty() {
        return Err(p.error("expected a shortcode name after `{{`, e.g. {{ figure(…) }}"));
    }
    p.skip_ws();
    p.expect("(", start)?;
    let mut args: Vec<Arg> = Vec::new();
    loop {
        p.skip_ws();
        if p.eat(")") {
            break;
        }
        let arg_at = p.at();
        let key = p.ident();
        if key.is_empty() {
            return Err(p
                .error("expected an argument name")
                .hint("write arguments as key=\"value\", separated by commas"));
        }
        p.skip_ws();
        if !p.eat("=") {
            return Err(p.error(format!("expected `=` after `{key}`")).hint(format!(
                "arguments are named: write {key}=\"…\", not a bare value"
            )));
        }
        p.skip_ws();
        let value = p.value()?;
        if args.iter().any(|a| a.key == key) {
            return Err(
                BodyError::new(arg_at, Code::Shortcode, format!("`{key}` is given twice"))
                    .hint("keep one of them"),
            );
        }
        args.push(Arg {
            key,
            value,
            offset: arg_at,
        });
        p.skip_ws();
        if p.eat(",") {
            continue;
        }
        p.skip_ws();
        if !p.rest().starts_with(')') {
            return Err(p.error("expected `,` or `)` after an argument"));
        }
    }
    p.skip_ws();
    p.expect("}}", start)?;
    if !p.rest().trim().is_empty() {
        return Err(p
            .error("unexpected text after the shortcode's `}}`")
            .hint("a shortcode stands alone in its paragraph: put a blank line after it"));
    }
    Ok(Shortcode {
        name,
        args,
        offset: start,
    })
}

struct Cursor<'a> {
    text: &'a str,
    pos: usize,
    base: usize,
}

impl<'a> Cursor<'a> {
    fn at(&self) -> usize {
        self.base + self.pos
    }

    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    fn error(&self, message: impl Into<String>) -> BodyError {
        BodyError::new(self.at(), Code::Shortcode, message)
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn eat(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, s: &str, start: usize) -> Result<(), BodyError> {
        if self.eat(s) {
            return Ok(());
        }
        Err(self.error(format!("expected `{s}`")).hint(format!(
            "the shortcode starting at byte {start} reads {{{{ name(key=\"value\") }}}}"
        )))
    }

    fn ident(&mut self) -> String {
        let rest = self.rest();
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        self.pos += len;
        rest[..len].to_string()
    }

    fn value(&mut self) -> Result<String, BodyError> {
        let Some(quote) = self.rest().chars().next() else {
            return Err(self.error("expected a value"));
        };
        if quote == '"' || quote == '\'' {
            let opened = self.at();
            self.pos += 1;
            let mut out = String::new();
            let mut chars = self.rest().char_indices();
            while let Some((i, c)) = chars.next() {
                match c {
                    c if c == quote => {
                        self.pos += i + 1;
                        return Ok(out);
                    }
                    '\\' => match chars.next() {
                        Some((_, 'n')) => out.push('\n'),
                        Some((_, e)) => out.push(e),
                        None => break,
                    },
                    c => out.push(c),
                }
            }
            return Err(BodyError::new(
                opened,
                Code::Shortcode,
                format!("unclosed {quote}…{quote} string"),
            )
            .hint(format!(
                "close the value with {quote}; write \\{quote} for a {quote} inside it"
            )));
        }
        let rest = self.rest();
        let len = rest
            .find(|c: char| c == ',' || c == ')' || c.is_whitespace())
            .unwrap_or(rest.len());
        let bare = &rest[..len];
        if bare == "true" || bare == "false" || bare.parse::<f64>().is_ok() {
            self.pos += len;
            return Ok(bare.to_string());
        }
        Err(self
            .error(format!("`{bare}` is not a value"))
            .hint("quote text values: key=\"…\""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_named_arguments_with_offsets() {
        let src = "{{ figure(src=\"a b.png\", alt='It\\'s \"x\"', width=640, wide=true) }}";
        let s = parse(src, 100).unwrap();
        assert_eq!(s.name, "figure");
        assert_eq!(s.offset, 100);
        assert_eq!(s.get("src"), Some("a b.png"));
        assert_eq!(s.get("alt"), Some("It's \"x\""));
        assert_eq!(s.get("width"), Some("640"));
        assert_eq!(s.get("wide"), Some("true"));
        assert_eq!(s.arg("alt").unwrap().offset, 100 + src.find("alt").unwrap());
    }

    #[test]
    fn spans_lines_and_allows_trailing_comma() {
        let s = parse("{{ chart(\n  data=\"x.csv\",\n  kind=\"bar\",\n) }}\n", 0).unwrap();
        assert_eq!(s.get("kind"), Some("bar"));
    }

    #[test]
    fn malformed_shortcodes_name_the_problem() {
        for (src, needle) in [
            ("{{ figure(\"a.png\") }}", "expected an argument name"),
            ("{{ figure(src) }}", "expected `=` after `src`"),
            ("{{ figure(src=\"a.png) }}", "unclosed"),
            ("{{ figure(src=a.png) }}", "is not a value"),
            ("{{ figure(src=\"a\" alt=\"b\") }}", "expected `,` or `)`"),
            ("{{ figure(src=\"a\", src=\"b\") }}", "given twice"),
            ("{{ (src=\"a\") }}", "expected a shortcode name"),
            ("{{ figure(src=\"a\") }} more", "unexpected text"),
        ] {
            let e = parse(src, 0).unwrap_err();
            assert!(e.message.contains(needle), "{src}: {}", e.message);
        }
    }

    #[test]
    fn require_and_unknown_arguments() {
        let s = parse("{{ figure(src=\"a.png\", alt=\"\", colour=\"red\") }}", 0).unwrap();
        assert!(s.require("src", "x").is_ok());
        assert!(s
            .require("alt", "x")
            .unwrap_err()
            .message
            .contains("empty `alt`"));
        assert!(s
            .require("caption", "x")
            .unwrap_err()
            .message
            .contains("needs `caption`"));
        let e = s.reject_unknown(&["src", "alt"]).unwrap_err();
        assert!(e.message.contains("no argument `colour`"));
    }
}
