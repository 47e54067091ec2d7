//! Plain text from rendered HTML, and the tokenizer shared with `search.js`.
//!
//! The browser must split a query exactly as the index split the documents, so the rules here are
//! mirrored line for line by `fold` and `tokens` in `search.js`; change both together (and bump
//! `FORMAT` in `mod.rs`).
//!
//! A token is a maximal run of alphanumeric characters (Unicode `Alphabetic` or `Numeric`, JS
//! `[\p{Alphabetic}\p{N}]`) after folding:
//!
//! - Latin, Greek, Cyrillic and Armenian letters (U+00C0–U+052F, U+1E00–U+1FFF) are decomposed
//!   (NFKD) and lose their combining accents (U+0300–U+036F), so `Tomás` matches `tomas`. Other
//!   scripts are left alone: decomposing Hangul or kana would split their syllables.
//! - Fullwidth ASCII (U+FF01–U+FF5E) becomes ASCII.
//! - Everything is lowercased, and final sigma `ς` becomes `σ` (JS lowercases `Σ` by context).
//!
//! Han, kana and Hangul have no spaces between words, so a run of them is indexed as overlapping
//! character bigrams (a lone character as itself); a query is split the same way and all of its
//! bigrams must match. Single ASCII letters (`s` of `Seoul's`, `a`) are dropped: they occur in
//! every document and only cost index space. Tokens longer than [`MAX_TOKEN_BYTES`] are dropped
//! too (base64 blobs, URLs run together).

use crate::text::lang::is_cjk;
use unicode_normalization::char::decompose_compatible;

/// Longest token indexed, in UTF-8 bytes.
pub const MAX_TOKEN_BYTES: usize = 60;

/// Characters whose accents are stripped by decomposition (see the module docs).
fn is_foldable(c: char) -> bool {
    matches!(c, '\u{00C0}'..='\u{052F}' | '\u{1E00}'..='\u{1FFF}')
}

/// Calls `emit` with the folded form of `c`: zero or more characters.
#[inline]
fn fold_char(c: char, mut emit: impl FnMut(char)) {
    if c.is_ascii() {
        emit(c.to_ascii_lowercase());
    } else if is_foldable(c) {
        decompose_compatible(c, |d| {
            if !('\u{0300}'..='\u{036F}').contains(&d) {
                lower(d, &mut emit);
            }
        });
    } else if ('\u{FF01}'..='\u{FF5E}').contains(&c) {
        // Fullwidth forms sit at a fixed offset from ASCII.
        let ascii = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
        emit(ascii.to_ascii_lowercase());
    } else if c.is_alphanumeric() {
        lower(c, &mut emit);
    } else {
        // Lowercasing never turns a non-alphanumeric character into a letter or digit, so
        // punctuation (’ “ — €) separates words without the case-mapping lookup.
        emit(' ');
    }
}

#[inline]
fn lower(c: char, emit: &mut impl FnMut(char)) {
    for l in c.to_lowercase() {
        emit(if l == 'ς' { 'σ' } else { l });
    }
}

const ALNUM: u8 = 1;
const UPPER: u8 = 2;

/// Byte classes for the ASCII fast path.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = ALNUM;
        }
        if c.is_ascii_uppercase() {
            t[b] |= UPPER;
        }
        b += 1;
    }
    t
};

/// Splits text into index tokens.
///
/// Reuses its buffers between documents so tokenizing allocates nothing per word.
#[derive(Default)]
pub struct Tokenizer {
    word: String,
    /// The current run of CJK characters: previous character and run length.
    cjk_prev: Option<char>,
    cjk_len: usize,
    bigram: String,
}

impl Tokenizer {
    /// Calls `emit` with every token of `text`, in order.
    pub fn tokens(&mut self, text: &str, emit: &mut impl FnMut(&str)) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if CLASS[b as usize] & ALNUM != 0 {
                // Fast path: a run of ASCII letters and digits, emitted without copying when it
                // is already lowercase and not glued to non-ASCII letters.
                let start = i;
                let mut seen = 0;
                while let Some(&c) = bytes.get(i) {
                    let class = CLASS[c as usize];
                    if class & ALNUM == 0 {
                        break;
                    }
                    seen |= class;
                    i += 1;
                }
                let upper = seen & UPPER != 0;
                if self.cjk_len > 0 {
                    self.end_cjk(emit);
                }
                let continues = i < bytes.len() && bytes[i] >= 0x80;
                if self.word.is_empty() && !continues && !upper {
                    emit_word(&text[start..i], emit);
                } else {
                    self.word.extend(
                        bytes[start..i]
                            .iter()
                            .map(|b| b.to_ascii_lowercase() as char),
                    );
                    if !continues {
                        self.end_word(emit);
                    }
                }
            } else if b < 0x80 {
                // Separators: spaces and punctuation, usually after an ASCII word already
                // emitted, so there is rarely anything to end.
                if !self.word.is_empty() || self.cjk_len > 0 {
                    self.end_word(emit);
                    self.end_cjk(emit);
                }
                i += 1;
            } else {
                let c = text[i..].chars().next().expect("i is on a char boundary");
                i += c.len_utf8();
                fold_char(c, |f| self.push_folded(f, emit));
            }
        }
        self.end_word(emit);
        self.end_cjk(emit);
    }

    fn push_folded(&mut self, f: char, emit: &mut impl FnMut(&str)) {
        if is_cjk(f) {
            self.end_word(emit);
            if let Some(p) = self.cjk_prev {
                self.bigram.clear();
                self.bigram.push(p);
                self.bigram.push(f);
                emit(&self.bigram);
            }
            self.cjk_prev = Some(f);
            self.cjk_len += 1;
        } else if f.is_alphanumeric() {
            self.end_cjk(emit);
            self.word.push(f);
        } else {
            self.end_word(emit);
            self.end_cjk(emit);
        }
    }

    #[inline]
    fn end_word(&mut self, emit: &mut impl FnMut(&str)) {
        if !self.word.is_empty() {
            emit_word(&self.word, emit);
            self.word.clear();
        }
    }

    #[inline]
    fn end_cjk(&mut self, emit: &mut impl FnMut(&str)) {
        if self.cjk_len == 0 {
            return;
        }
        if self.cjk_len == 1 {
            if let Some(p) = self.cjk_prev {
                self.bigram.clear();
                self.bigram.push(p);
                emit(&self.bigram);
            }
        }
        self.cjk_prev = None;
        self.cjk_len = 0;
    }
}

/// Emits a finished word unless it is a lone ASCII letter or too long.
#[inline]
fn emit_word(w: &str, emit: &mut impl FnMut(&str)) {
    let lone_letter = w.len() == 1 && w.as_bytes()[0].is_ascii_alphabetic();
    if !lone_letter && w.len() <= MAX_TOKEN_BYTES {
        emit(w);
    }
}

/// Appends the readable text of an HTML fragment to `out`: tags removed, entities decoded,
/// whitespace collapsed to single spaces, `<script>`/`<style>`/`<template>`/`<svg>` content and
/// footnote-reference markers dropped.
///
/// This is not a general HTML parser: it reads the well-formed output of pulldown-cmark and
/// trusted raw HTML, which is all a briefing body contains.
pub fn html_to_text(html: &str, out: &mut String) {
    // Work on bytes: only whole UTF-8 sequences of the input and ASCII are appended, so the
    // result stays valid UTF-8 (checked once at the end).
    let mut buf = std::mem::take(out).into_bytes();
    let start_len = buf.len();
    let bytes = html.as_bytes();
    let mut i = 0;
    // Start as if after a space so leading whitespace is dropped.
    let mut space = true;
    while i < bytes.len() {
        match bytes[i] {
            b'<' => {
                let (end, skip_to) = tag_end(bytes, i);
                let breaks = breaks_words(&bytes[i..end]);
                i = end;
                if let Some(close) = skip_to {
                    // Skip the element's content up to its closing tag.
                    i = find_ci(&bytes[i..], close).map_or(bytes.len(), |p| i + p);
                }
                if breaks && !space {
                    buf.push(b' ');
                    space = true;
                }
            }
            b'&' => {
                let (decoded, len) = entity(&html[i..]);
                i += len;
                for c in decoded.chars() {
                    if c.is_whitespace() {
                        push_space(&mut buf, &mut space);
                    } else {
                        let mut tmp = [0u8; 4];
                        buf.extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
                        space = false;
                    }
                }
            }
            _ => {
                let run_end =
                    memchr::memchr2(b'<', b'&', &bytes[i..]).map_or(bytes.len(), |p| i + p);
                let run = &bytes[i..run_end];
                i = run_end;
                // Most runs are words separated by single spaces: copy those whole.
                if memchr::memchr3(b'\n', b'\t', b'\r', run).is_none()
                    && memchr::memmem::find(run, b"  ").is_none()
                {
                    let run = if space && run.first() == Some(&b' ') {
                        &run[1..]
                    } else {
                        run
                    };
                    if let Some(&last) = run.last() {
                        buf.extend_from_slice(run);
                        space = last == b' ';
                    }
                    continue;
                }
                for &b in run {
                    if matches!(b, b' ' | b'\n' | b'\t' | b'\r') {
                        push_space(&mut buf, &mut space);
                    } else {
                        buf.push(b);
                        space = false;
                    }
                }
            }
        }
    }
    if buf.len() > start_len && buf.last() == Some(&b' ') {
        buf.pop();
    }
    *out = String::from_utf8(buf).expect("only whole UTF-8 sequences are copied");
}

#[inline]
fn push_space(buf: &mut Vec<u8>, space: &mut bool) {
    if !*space {
        buf.push(b' ');
        *space = true;
    }
}

/// End of the tag starting at `start` (just past its `>`), and for elements whose content is not
/// text, the closing tag to skip to.
fn tag_end(bytes: &[u8], start: usize) -> (usize, Option<&'static [u8]>) {
    if bytes[start..].starts_with(b"<!--") {
        let end =
            memchr::memmem::find(&bytes[start..], b"-->").map_or(bytes.len(), |p| start + p + 3);
        return (end, None);
    }
    let mut i = start + 1;
    let mut quote = 0u8;
    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        if quote != 0 {
            if b == quote {
                quote = 0;
            }
        } else if b == b'"' || b == b'\'' {
            quote = b;
        } else if b == b'>' {
            break;
        }
    }
    let tag = &bytes[start..i];
    let name = tag_name(tag);
    let skip: Option<&'static [u8]> = if tag[1] == b'/' {
        None
    } else if name.eq_ignore_ascii_case(b"script") {
        Some(b"</script")
    } else if name.eq_ignore_ascii_case(b"style") {
        Some(b"</style")
    } else if name.eq_ignore_ascii_case(b"template") {
        Some(b"</template")
    } else if name.eq_ignore_ascii_case(b"svg") {
        // A chart's drawing: tick labels are noise; its caption and data table are indexed.
        Some(b"</svg")
    } else if name.eq_ignore_ascii_case(b"sup")
        && memchr::memmem::find(tag, b"footnote-reference").is_some()
    {
        // pulldown-cmark's footnote references: `<sup class="footnote-reference">…</sup>`.
        Some(b"</sup")
    } else {
        None
    };
    (i, skip)
}

/// Element name of a tag (`</P >` → `P`); empty for comments and doctypes.
fn tag_name(tag: &[u8]) -> &[u8] {
    let from = if tag.get(1) == Some(&b'/') { 2 } else { 1 };
    let rest = &tag[from.min(tag.len())..];
    let len = rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    &rest[..len]
}

/// Whether a tag separates words: block elements and line breaks do, inline ones (`<em>`, `<a>`)
/// do not, so `<em>co</em>operation` stays one word.
fn breaks_words(tag: &[u8]) -> bool {
    const INLINE: &[&[u8]] = &[
        b"a", b"abbr", b"b", b"bdi", b"bdo", b"cite", b"code", b"data", b"del", b"dfn", b"em",
        b"i", b"ins", b"kbd", b"mark", b"q", b"s", b"samp", b"small", b"span", b"strong", b"sub",
        b"sup", b"time", b"u", b"var",
    ];
    let name = tag_name(tag);
    !name.is_empty() && !INLINE.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// Case-insensitive ASCII search.
fn find_ci(h: &[u8], n: &[u8]) -> Option<usize> {
    h.windows(n.len()).position(|w| w.eq_ignore_ascii_case(n))
}

/// Decodes the character reference at the start of `s` (which starts with `&`); returns the text
/// and how many bytes it used. An unknown or malformed reference is a literal `&`.
fn entity(s: &str) -> (std::borrow::Cow<'static, str>, usize) {
    let end = s.as_bytes()[1..]
        .iter()
        .take(32)
        .position(|&b| b == b';')
        .map(|p| p + 1);
    let Some(end) = end else {
        return ("&".into(), 1);
    };
    let body = &s[1..end];
    let decoded = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => num.parse().ok(),
        };
        code.and_then(char::from_u32).map(|c| c.to_string().into())
    } else {
        named_entity(body).map(Into::into)
    };
    match decoded {
        Some(d) => (d, end + 1),
        None => ("&".into(), 1),
    }
}

/// The named references pulldown-cmark and typical hand-written HTML produce.
fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => " ",
        "ndash" => "–",
        "mdash" => "—",
        "hellip" => "…",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "laquo" => "«",
        "raquo" => "»",
        "copy" => "©",
        "reg" => "®",
        "deg" => "°",
        "euro" => "€",
        "pound" => "£",
        "yen" => "¥",
        "times" => "×",
        "middot" => "·",
        "shy" => "",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        let mut v = Vec::new();
        Tokenizer::default().tokens(s, &mut |t| v.push(t.to_string()));
        v
    }

    fn text(html: &str) -> String {
        let mut s = String::new();
        html_to_text(html, &mut s);
        s
    }

    #[test]
    fn folds_case_accents_and_width() {
        assert_eq!(toks("Tomás ÉLYSÉE"), ["tomas", "elysee"]);
        assert_eq!(toks("ＡＢＣ１２"), ["abc12"]);
        assert_eq!(toks("ΟΔΥΣΣΕΥΣ"), ["οδυσσευσ"]);
        assert_eq!(toks("Москва"), ["москва"]);
    }

    #[test]
    fn splits_on_punctuation_and_drops_lone_letters() {
        assert_eq!(
            toks("Seoul's defence-industrial base, a €77.5 billion plan"),
            [
                "seoul",
                "defence",
                "industrial",
                "base",
                "77",
                "5",
                "billion",
                "plan"
            ]
        );
    }

    #[test]
    fn cjk_runs_become_bigrams() {
        assert_eq!(toks("北朝鮮の核"), ["北朝", "朝鮮", "鮮の", "の核"]);
        assert_eq!(toks("米 Japan"), ["米", "japan"]);
        // Hangul is not decomposed into jamo.
        assert_eq!(toks("한국"), ["한국"]);
    }

    #[test]
    fn long_tokens_are_dropped() {
        let long = "x".repeat(MAX_TOKEN_BYTES + 1);
        assert_eq!(toks(&format!("ok {long} fine")), ["ok", "fine"]);
    }

    #[test]
    fn html_text_blocks_inline_and_entities() {
        assert_eq!(
            text(
                "<h2 id=\"a\">Out&shy;look</h2><p>Tom &amp; <em>co</em>operation&#8217;s&#x21;</p>"
            ),
            "Outlook Tom & cooperation’s!"
        );
        assert_eq!(
            text("<p>a<br>b</p>\n\n<ul><li>c</li><li>d</li></ul>"),
            "a b c d"
        );
        assert_eq!(text("<p>x<script>var a = '<p>';</script>y</p>"), "x y");
        assert_eq!(
            text("<figcaption>Spending</figcaption><svg><title>T</title><text>2024</text></svg><td>1.5</td>"),
            "Spending 1.5"
        );
        assert_eq!(
            text("<p>cases.<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup> Next</p>"),
            "cases. Next"
        );
        assert_eq!(text("<p title=\"a > b\">ok</p><!-- <p>no</p> -->"), "ok");
        assert_eq!(text("AT&T &bogus; &"), "AT&T &bogus; &");
    }
}
