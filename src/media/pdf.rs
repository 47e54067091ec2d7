//! A briefing's attached PDF: its size and page count, for the download box.
//!
//! The page count is the `/Count` of the page tree's root (the `/Type /Pages` dictionary with
//! no `/Parent`), found by scanning the file, and inside compressed object streams when the
//! file has them. Where an incremental update left several versions, the last one wins, as
//! in a reader. A full PDF parser would cost a dependency tree for this one number.

use std::io::Read;
use std::path::Path;

/// What the download box says about a PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct PdfInfo {
    pub bytes: u64,
    /// `None` when the file does not say (damaged, encrypted object streams …).
    pub pages: Option<u64>,
}

impl PdfInfo {
    /// "2.4 MB", "380 KB".
    pub fn size_text(&self) -> String {
        human_size(self.bytes)
    }
}

/// Reads `path`; `Err` only when it cannot be read or is not a PDF.
pub fn inspect(path: &Path) -> Result<PdfInfo, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if !bytes.starts_with(b"%PDF-") {
        return Err(format!(
            "{} is not a PDF (it does not start with %PDF-)",
            path.display()
        ));
    }
    Ok(PdfInfo {
        bytes: bytes.len() as u64,
        pages: page_count(&bytes),
    })
}

pub fn human_size(bytes: u64) -> String {
    let kb = bytes as f64 / 1024.0;
    if kb < 1000.0 {
        format!("{} KB", kb.ceil().max(1.0))
    } else {
        format!("{:.1} MB", kb / 1024.0)
    }
}

/// The page tree root's `/Count`, from plain objects or else from object streams.
pub fn page_count(pdf: &[u8]) -> Option<u64> {
    root_count(pdf).or_else(|| {
        let mut found = None;
        for stream in object_streams(pdf) {
            if let Some(n) = root_count(&stream) {
                found = Some(n);
            }
        }
        found
    })
}

/// The last `/Type /Pages` dictionary without `/Parent` in `data`, and its `/Count`.
fn root_count(data: &[u8]) -> Option<u64> {
    let mut found = None;
    let mut from = 0;
    while let Some(at) = find(&data[from..], b"/Type").map(|i| i + from) {
        from = at + 5;
        let rest = skip_ws(&data[from..]);
        if !rest.starts_with(b"/Pages") || rest.get(6).is_some_and(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        let Some(dict) = enclosing_dict(data, at) else {
            continue;
        };
        if has_key(dict, b"/Parent") {
            continue;
        }
        if let Some(n) = count_of(dict) {
            found = Some(n);
        }
    }
    found
}

/// The `<< … >>` around position `at`, matching nested dictionaries.
fn enclosing_dict(data: &[u8], at: usize) -> Option<&[u8]> {
    let mut depth = 0i32;
    let mut i = at;
    let start = loop {
        if i < 2 {
            return None;
        }
        i -= 1;
        match &data[i - 1..=i] {
            b">>" => {
                depth += 1;
                i -= 1;
            }
            b"<<" => {
                if depth == 0 {
                    break i - 1;
                }
                depth -= 1;
                i -= 1;
            }
            _ => {}
        }
    };
    let mut depth = 0i32;
    let mut j = start;
    while j + 1 < data.len() {
        match &data[j..j + 2] {
            b"<<" => {
                depth += 1;
                j += 2;
            }
            b">>" => {
                depth -= 1;
                j += 2;
                if depth == 0 {
                    return Some(&data[start..j]);
                }
            }
            _ => j += 1,
        }
    }
    None
}

/// Whether `key` is a key at the top level of `dict` (not inside a nested dictionary).
fn has_key(dict: &[u8], key: &[u8]) -> bool {
    top_level_value(dict, key).is_some()
}

fn top_level_value<'a>(dict: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    let mut depth = 0i32;
    let mut i = 0;
    while i < dict.len() {
        if dict[i..].starts_with(b"<<") {
            depth += 1;
            i += 2;
        } else if dict[i..].starts_with(b">>") {
            depth -= 1;
            i += 2;
        } else if depth == 1
            && dict[i..].starts_with(key)
            && !dict
                .get(i + key.len())
                .is_some_and(|c| c.is_ascii_alphanumeric())
        {
            return Some(&dict[i + key.len()..]);
        } else {
            i += 1;
        }
    }
    None
}

/// `/Count N` as a direct number (an indirect `N 0 R` count is not followed).
fn count_of(dict: &[u8]) -> Option<u64> {
    let rest = skip_ws(top_level_value(dict, b"/Count")?);
    let digits: Vec<u8> = rest
        .iter()
        .copied()
        .take_while(u8::is_ascii_digit)
        .collect();
    let after = skip_ws(&rest[digits.len()..]);
    // `3 0 R` is a reference, not a count.
    if after.first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(&digits).ok()?.parse().ok()
}

/// The decompressed contents of every `/Type /ObjStm` stream (Flate only).
fn object_streams(pdf: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = find(&pdf[from..], b"/ObjStm").map(|i| i + from) {
        from = at + 7;
        let Some(dict) = enclosing_dict(pdf, at) else {
            continue;
        };
        if find(dict, b"/FlateDecode").is_none() {
            continue;
        }
        let dict_end = dict.as_ptr() as usize - pdf.as_ptr() as usize + dict.len();
        let Some(s) = find(&pdf[dict_end..], b"stream").map(|i| i + dict_end + 6) else {
            continue;
        };
        let body_start = match pdf.get(s..s + 2) {
            Some(b"\r\n") => s + 2,
            Some([b'\n', _]) | Some([b'\r', _]) => s + 1,
            _ => s,
        };
        let Some(end) = find(&pdf[body_start..], b"endstream").map(|i| i + body_start) else {
            continue;
        };
        let mut inflated = Vec::new();
        // A damaged stream still yields what came before the damage.
        let _ = flate2::read::ZlibDecoder::new(&pdf[body_start..end])
            .take(64 << 20)
            .read_to_end(&mut inflated);
        out.push(inflated);
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

fn skip_ws(s: &[u8]) -> &[u8] {
    let n = s
        .iter()
        .take_while(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0'))
        .count();
    &s[n..]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A minimal PDF with `pages` pages, its page tree written plainly.
    pub fn plain_pdf(pages: usize) -> Vec<u8> {
        let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", i + 3)).collect();
        let mut pdf = format!(
            "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [{}] /Count {pages} >>\nendobj\n",
            kids.join(" ")
        );
        for i in 0..pages {
            pdf.push_str(&format!(
                "{} 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>\nendobj\n",
                i + 3
            ));
        }
        pdf.push_str("trailer\n<< /Root 1 0 R >>\n%%EOF\n");
        pdf.into_bytes()
    }

    #[test]
    fn counts_pages_of_a_plain_page_tree() {
        assert_eq!(page_count(&plain_pdf(3)), Some(3));
        assert_eq!(page_count(&plain_pdf(12)), Some(12));
    }

    #[test]
    fn nested_page_trees_count_at_the_root_and_updates_win() {
        let pdf = b"%PDF-1.7\n2 0 obj<</Type/Pages/Kids[5 0 R 6 0 R]/Count 7>>endobj\n\
            5 0 obj<</Type/Pages/Parent 2 0 R/Kids[]/Count 4>>endobj\n\
            6 0 obj<</Type /Pages /Parent 2 0 R /Count 3>>endobj\n\
            2 0 obj<</Count 8/Type/Pages/Kids[5 0 R 6 0 R 7 0 R]>>endobj\n";
        assert_eq!(page_count(pdf), Some(8));
    }

    #[test]
    fn finds_the_page_tree_inside_compressed_object_streams() {
        let objects = b"2 0 3 60 <</Type/Pages/Kids[3 0 R]/Count 25>> <</Type/Page/Parent 2 0 R>>";
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(objects).unwrap();
        let stream = z.finish().unwrap();
        let mut pdf =
            b"%PDF-1.5\n4 0 obj\n<</Type/ObjStm/N 2/First 9/Filter/FlateDecode/Length ".to_vec();
        pdf.extend_from_slice(format!("{}>>\nstream\r\n", stream.len()).as_bytes());
        pdf.extend_from_slice(&stream);
        pdf.extend_from_slice(b"\nendstream\nendobj\n%%EOF\n");
        assert_eq!(page_count(&pdf), Some(25));
    }

    #[test]
    fn unknown_counts_are_none_and_non_pdfs_errors() {
        assert_eq!(
            page_count(b"%PDF-1.4\n<< /Type /Pages /Count 3 0 R >>"),
            None
        );
        assert_eq!(page_count(b"%PDF-1.4\ngarbage"), None);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.pdf");
        std::fs::write(&path, b"<html>").unwrap();
        assert!(inspect(&path).unwrap_err().contains("not a PDF"));
        std::fs::write(&path, plain_pdf(2)).unwrap();
        let info = inspect(&path).unwrap();
        assert_eq!(info.pages, Some(2));
        assert_eq!(info.size_text(), "1 KB");
        assert_eq!(human_size(2_516_582), "2.4 MB");
    }
}
