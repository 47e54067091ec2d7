//! Turning the bytes of a pasted file into text.

use super::ImportError;
use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Decodes a raw input file.
///
/// UTF-8 (a BOM is stripped), UTF-16 LE/BE with a BOM, and UTF-16 LE/BE
/// without one when the text is plainly ASCII-heavy UTF-16. Anything else
/// that contains no NUL or control bytes is read as Windows-1252, the usual
/// encoding of text saved by older Windows editors. Everything else is
/// treated as binary and refused.
pub fn decode_input(bytes: &[u8]) -> Result<String, ImportError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return std::str::from_utf8(rest)
            .map(|s| s.to_string())
            .map_err(|e| ImportError::Decode(format!("invalid UTF-8 after a UTF-8 BOM: {e}")))
            .and_then(reject_binary);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, false);
    }
    if let Some(little_endian) = bomless_utf16(bytes) {
        return decode_utf16(bytes, little_endian);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return reject_binary(s.to_string());
    }
    if bytes.iter().copied().any(is_binary_byte) {
        return Err(ImportError::Decode(
            "binary data (neither UTF-8, UTF-16 nor Windows-1252 text)".into(),
        ));
    }
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    Ok(text.into_owned())
}

fn decode_utf16(bytes: &[u8], little_endian: bool) -> Result<String, ImportError> {
    let encoding = if little_endian { UTF_16LE } else { UTF_16BE };
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| s.into_owned())
        .ok_or_else(|| ImportError::Decode(format!("malformed {}", encoding.name())))
        .and_then(reject_binary)
}

/// Notices UTF-16 saved without a BOM: Latin text then has a NUL in every
/// other byte, which no real UTF-8 or Windows-1252 text has.
fn bomless_utf16(bytes: &[u8]) -> Option<bool> {
    if bytes.len() < 8 || bytes.len() % 2 != 0 {
        return None;
    }
    let pairs = bytes.len() / 2;
    let even_nul = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_nul * 10 >= pairs * 9 && even_nul == 0 {
        Some(true)
    } else if even_nul * 10 >= pairs * 9 && odd_nul == 0 {
        Some(false)
    } else {
        None
    }
}

fn is_binary_byte(b: u8) -> bool {
    b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)
}

fn reject_binary(s: String) -> Result<String, ImportError> {
    let controls = s
        .chars()
        .filter(|&c| (c as u32) < 0x20 && is_binary_byte(c as u8))
        .count();
    // A stray control character survives copy-and-paste now and then; many
    // of them, or any NUL, mean the file is not text.
    if s.contains('\0') || controls > 2 + s.len() / 1000 {
        return Err(ImportError::Decode(
            "binary data (control characters in the text)".into(),
        ));
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend(if le { [0xFF, 0xFE] } else { [0xFE, 0xFF] });
        }
        for unit in s.encode_utf16() {
            out.extend(if le {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        out
    }

    #[test]
    fn decodes_known_encodings() {
        let text = "Japan’s “defence” — café 北朝鮮\n";
        assert_eq!(decode_input(text.as_bytes()).unwrap(), text);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend(text.as_bytes());
        assert_eq!(decode_input(&bom).unwrap(), text);
        assert_eq!(decode_input(&utf16(text, true, true)).unwrap(), text);
        assert_eq!(decode_input(&utf16(text, false, true)).unwrap(), text);
        assert_eq!(
            decode_input(&utf16("Plain ASCII text here.", true, false)).unwrap(),
            "Plain ASCII text here."
        );
        let (cp1252, _, _) = WINDOWS_1252.encode("Japan’s “defence” — café");
        assert_eq!(decode_input(&cp1252).unwrap(), "Japan’s “defence” — café");
        assert_eq!(decode_input(b"").unwrap(), "");
    }

    #[test]
    fn refuses_binary() {
        for bytes in [
            &b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\x00\x01"[..],
            b"PK\x03\x04\x14\0\x06\0\x08\0",
            b"text\0with nul",
        ] {
            assert!(
                matches!(decode_input(bytes), Err(ImportError::Decode(_))),
                "{bytes:?}"
            );
        }
    }
}
