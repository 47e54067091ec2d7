//! Request paths → store keys. Nothing here touches the file system: a request can only name
//! a key the build put in the store, so `..`, encoded traversal or absolute paths reach nothing.

/// Why a request path was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathError {
    /// Not valid percent-encoding or UTF-8, or contains NUL or a backslash.
    Malformed,
    /// A `.` or `..` segment, even percent-encoded.
    Traversal,
}

/// The decoded, checked segments of a request path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestPath {
    /// Store key without a leading slash, e.g. `tags/x/` or `style.css`.
    pub key: String,
    /// Whether the URL ended with `/`.
    pub is_dir: bool,
}

/// Decodes and checks the path part of a request URI.
pub fn parse_request_path(raw: &str) -> Result<RequestPath, PathError> {
    let raw = raw.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(raw)?;
    if decoded.contains(['\\', '\0']) {
        return Err(PathError::Malformed);
    }
    let mut segments = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" => {}
            "." | ".." => return Err(PathError::Traversal),
            s => segments.push(s),
        }
    }
    let key = segments.join("/");
    let is_dir = key.is_empty() || decoded.ends_with('/');
    Ok(RequestPath {
        key: if is_dir && !key.is_empty() {
            format!("{key}/")
        } else {
            key
        },
        is_dir,
    })
}

fn percent_decode(s: &str) -> Result<String, PathError> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).ok_or(PathError::Malformed)?;
            // `from_str_radix` alone would also take a sign: `%+f` is not an escape.
            if !hex.iter().all(u8::is_ascii_hexdigit) {
                return Err(PathError::Malformed);
            }
            let hex = std::str::from_utf8(hex).map_err(|_| PathError::Malformed)?;
            out.push(u8::from_str_radix(hex, 16).map_err(|_| PathError::Malformed)?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| PathError::Malformed)
}

/// The Content-Type for a file name.
pub fn content_type(key: &str) -> &'static str {
    let ext = key
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_plain_paths() {
        let p = parse_request_path("/tags/north-korea/").unwrap();
        assert_eq!(p.key, "tags/north-korea/");
        assert!(p.is_dir);
        let p = parse_request_path("/style.css?v=1").unwrap();
        assert_eq!(p.key, "style.css");
        assert!(!p.is_dir);
        assert_eq!(parse_request_path("/").unwrap().key, "");
        assert_eq!(parse_request_path("/caf%C3%A9/").unwrap().key, "café/");
        // Empty segments collapse: `//etc/passwd` is the site's own `etc/passwd` key.
        assert_eq!(
            parse_request_path("//etc/passwd").unwrap().key,
            "etc/passwd"
        );
    }

    #[test]
    fn refuses_traversal_in_every_spelling() {
        for raw in [
            "/../etc/passwd",
            "/%2e%2e/etc",
            "/..%2fetc",
            "/a/%2E%2E/b",
            "/./x",
            "/a/..",
        ] {
            assert_eq!(parse_request_path(raw), Err(PathError::Traversal), "{raw}");
        }
        for raw in [
            "/a\\b",
            "/%5c..%5cetc",
            "/%00",
            "/%zz",
            "/%c3",
            "/%+f",
            "/%-1",
        ] {
            assert_eq!(parse_request_path(raw), Err(PathError::Malformed), "{raw}");
        }
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("atom.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("x.WOFF2"), "font/woff2");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}
