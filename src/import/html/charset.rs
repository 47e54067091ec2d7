//! The text of an HTML page's bytes: byte-order mark, then the charset the
//! server sent, then `<meta charset>`, then sniffing (UTF-8 when the bytes
//! are valid UTF-8, else Windows-1252, as browsers fall back).

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into the page the `<meta charset>` is looked for.
const PRESCAN_BYTES: usize = 4096;

/// Decodes the page; returns the text and the encoding's name.
pub fn decode_html(bytes: &[u8], header_charset: Option<&str>) -> (String, &'static str) {
    let encoding = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| header_charset.and_then(|c| Encoding::for_label(c.trim().as_bytes())))
        .or_else(|| meta_charset(bytes))
        .unwrap_or_else(|| sniff(bytes));
    // A page that declares UTF-16 in ASCII markup is really ASCII-compatible.
    let encoding =
        if encoding.is_single_byte() || encoding == UTF_8 || Encoding::for_bom(bytes).is_some() {
            encoding
        } else if encoding.output_encoding() == UTF_8 {
            UTF_8
        } else {
            encoding
        };
    let (text, used, _) = encoding.decode(bytes);
    (text.into_owned(), used.name())
}

/// The charset named by the content type ("text/html; charset=utf-8").
pub fn content_type_charset(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']).to_string())
    })
}

fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let text = String::from_utf8_lossy(&lower);
    let mut rest: &str = &text;
    while let Some(at) = rest.find("<meta") {
        let tag_end = rest[at..].find('>').map_or(rest.len(), |e| at + e);
        let tag = &rest[at..tag_end];
        if let Some(pos) = tag.find("charset=") {
            let value: String = tag[pos + 8..]
                .trim_start_matches(['"', '\'', ' '])
                .chars()
                .take_while(|c| !matches!(c, '"' | '\'' | ' ' | ';' | '/' | '>'))
                .collect();
            if let Some(e) = Encoding::for_label(value.as_bytes()) {
                return Some(e);
            }
        }
        rest = &rest[tag_end..];
    }
    None
}

fn sniff(bytes: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        UTF_8
    } else {
        WINDOWS_1252
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_declared_or_sniffed_encoding() {
        let (latin, _, _) = WINDOWS_1252.encode("<p>café — naïve</p>");
        let mut declared = b"<meta charset=\"windows-1252\">".to_vec();
        declared.extend_from_slice(&latin);
        assert_eq!(
            decode_html(&declared, None).0,
            "<meta charset=\"windows-1252\"><p>café — naïve</p>"
        );
        assert_eq!(
            decode_html(&latin, Some("iso-8859-1")).0,
            "<p>café — naïve</p>"
        );
        assert_eq!(decode_html(&latin, None).1, "windows-1252");
        assert_eq!(decode_html("<p>北朝鮮</p>".as_bytes(), None).1, "UTF-8");
        let http_equiv =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">";
        assert_eq!(decode_html(http_equiv, None).1, "Shift_JIS");
        assert_eq!(
            content_type_charset("text/html; Charset=\"UTF-8\"").as_deref(),
            Some("UTF-8")
        );
    }
}
