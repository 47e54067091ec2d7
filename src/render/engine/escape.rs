//! HTML escaping for every value a template prints, installed as the engine's escape function.

/// Index into [`ENTITIES`] of each byte's escape, 0 (none) for most.
const SPECIAL: [u8; 256] = {
    let mut table = [0u8; 256];
    table[b'&' as usize] = 1;
    table[b'<' as usize] = 2;
    table[b'>' as usize] = 3;
    table[b'"' as usize] = 4;
    table[b'\'' as usize] = 5;
    table
};
const ENTITIES: [&str; 6] = ["", "&amp;", "&lt;", "&gt;", "&quot;", "&#39;"];

/// Escapes text for HTML and XML bodies and quoted attributes. Unlike Tera's default it leaves
/// `/` alone, so URLs read the same in the source as in the browser.
pub fn escape(input: &str) -> String {
    let bytes = input.as_bytes();
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    if bytes.len() < 64 {
        // Short values (most titles, names, dates): a table lookup per byte costs less than
        // setting up the vector searches.
        let mut start = 0;
        for (at, &b) in bytes.iter().enumerate() {
            let entity = ENTITIES[SPECIAL[b as usize] as usize];
            if !entity.is_empty() {
                out.push_str(&input[start..at]);
                out.push_str(entity);
                start = at + 1;
            }
        }
        out.push_str(&input[start..]);
        return out;
    }
    let mut start = 0;
    // Every value a template prints and every feed body passes through here, and most values
    // have nothing to escape: memchr's vectorised search skips the plain runs. Markup and quote
    // characters are searched separately (memchr takes at most three bytes) and merged.
    let markup = |from: usize| memchr::memchr3(b'&', b'<', b'>', &bytes[from..]).map(|p| p + from);
    let quote = |from: usize| memchr::memchr2(b'"', b'\'', &bytes[from..]).map(|p| p + from);
    let (mut next_markup, mut next_quote) = (markup(0), quote(0));
    loop {
        let at = match (next_markup, next_quote) {
            (Some(m), Some(q)) => m.min(q),
            (Some(m), None) => m,
            (None, Some(q)) => q,
            (None, None) => break,
        };
        // The specials are all ASCII, so byte offsets are char boundaries.
        out.push_str(&input[start..at]);
        out.push_str(ENTITIES[SPECIAL[bytes[at] as usize] as usize]);
        start = at + 1;
        if next_markup == Some(at) {
            next_markup = markup(start);
        } else {
            next_quote = quote(start);
        }
    }
    out.push_str(&input[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    fn reference(input: &str) -> String {
        input
            .chars()
            .map(|c| match c {
                '&' => "&amp;".to_string(),
                '<' => "&lt;".to_string(),
                '>' => "&gt;".to_string(),
                '"' => "&quot;".to_string(),
                '\'' => "&#39;".to_string(),
                c => c.to_string(),
            })
            .collect()
    }

    #[test]
    fn escapes_every_special_at_every_offset() {
        let fillers = [
            "",
            "a",
            "ab/",
            "héllo",
            "日本語",
            "0123456",
            "01234567",
            "\u{FDD0}x",
        ];
        for special in ["&", "<", ">", "\"", "'", "<script>", "&amp;"] {
            for before in fillers {
                for after in fillers {
                    for pad in 0..17 {
                        let input = format!("{}{before}{special}{after}", "x".repeat(pad));
                        assert_eq!(escape(&input), reference(&input), "{input:?}");
                    }
                }
            }
        }
        assert_eq!(escape(""), "");
        assert_eq!(
            escape("plain text / with slashes"),
            "plain text / with slashes"
        );
    }
}
