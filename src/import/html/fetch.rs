//! Fetching pages and images over HTTP(S) with firm limits: connect and
//! total timeouts, at most five redirects, a size cap, and only the content
//! types asked for. Every failure is one line a user can act on.

use std::time::Duration;
use ureq::Agent;

/// Limits for every request the importer makes.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub connect: Duration,
    pub total: Duration,
    pub max_bytes: u64,
    pub max_redirects: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connect: Duration::from_secs(10),
            total: Duration::from_secs(30),
            max_bytes: 10 * 1024 * 1024,
            max_redirects: 5,
        }
    }
}

/// What a request accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    Html,
    Image,
}

/// A response body within the limits.
#[derive(Debug)]
pub struct Fetched {
    /// The address after redirects.
    pub url: String,
    pub content_type: String,
    pub body: Vec<u8>,
}

/// An HTTP client identifying as `briefgen/<version>`.
pub fn agent(limits: &Limits) -> Agent {
    Agent::config_builder()
        .timeout_connect(Some(limits.connect))
        .timeout_global(Some(limits.total))
        .max_redirects(limits.max_redirects)
        .http_status_as_error(false)
        .user_agent(format!("briefgen/{}", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

/// True when the input names a web address rather than a file.
pub fn is_url(input: &str) -> bool {
    let lower = input.get(..8).unwrap_or(input).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Fetches `url`; an error is one line saying what went wrong.
pub fn fetch(agent: &Agent, url: &str, want: Want, limits: &Limits) -> Result<Fetched, String> {
    let accept = match want {
        Want::Html => "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
        Want::Image => {
            "image/avif,image/webp,image/png,image/jpeg,image/gif,image/svg+xml,image/*;q=0.8"
        }
    };
    let response = agent
        .get(url)
        .header("Accept", accept)
        .call()
        .map_err(|e| describe(e, limits))?;
    let final_url = ureq::ResponseExt::get_uri(&response).to_string();
    let status = response.status();
    if !status.is_success() {
        let reason = status.canonical_reason().unwrap_or("");
        return Err(format!("HTTP {} {reason}", status.as_u16())
            .trim_end()
            .to_string());
    }
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let declared: Option<u64> = response
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok());
    if declared.is_some_and(|n| n > limits.max_bytes) {
        return Err(too_large(limits));
    }
    check_type(&content_type, want)?;
    let body = response
        .into_body()
        .with_config()
        .limit(limits.max_bytes)
        .read_to_vec()
        .map_err(|e| describe(e, limits))?;
    if content_type.is_empty() && want == Want::Html && !looks_like_html(&body) {
        return Err("not an HTML page (no content type, and the body is not HTML)".into());
    }
    Ok(Fetched {
        url: final_url,
        content_type,
        body,
    })
}

fn check_type(content_type: &str, want: Want) -> Result<(), String> {
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let ok = match want {
        _ if mime.is_empty() => true,
        Want::Html => matches!(mime.as_str(), "text/html" | "application/xhtml+xml"),
        Want::Image => mime.starts_with("image/"),
    };
    if ok {
        Ok(())
    } else {
        let what = if want == Want::Html {
            "an HTML page"
        } else {
            "an image"
        };
        Err(format!("not {what}: the server sent {mime}"))
    }
}

fn looks_like_html(body: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&body[..body.len().min(512)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.starts_with("<head")
}

fn too_large(limits: &Limits) -> String {
    format!("too large: over {} MB", limits.max_bytes / (1024 * 1024))
}

fn describe(error: ureq::Error, limits: &Limits) -> String {
    use ureq::Error;
    match error {
        Error::HostNotFound => "cannot resolve the host name (DNS)".into(),
        Error::Timeout(what) => format!(
            "timed out ({what}; limits: {} s to connect, {} s in all)",
            limits.connect.as_secs(),
            limits.total.as_secs()
        ),
        Error::TooManyRedirects => {
            format!("too many redirects (more than {})", limits.max_redirects)
        }
        Error::BodyExceedsLimit(_) => too_large(limits),
        Error::ConnectionFailed => "connection failed".into(),
        Error::Rustls(e) => format!("TLS: {e}"),
        Error::Tls(e) => format!("TLS: {e}"),
        Error::BadUri(e) => format!("bad address: {e}"),
        Error::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused".into()
        }
        Error::Io(e) if e.kind() == std::io::ErrorKind::TimedOut => {
            format!("timed out (limit {} s in all)", limits.total.as_secs())
        }
        other => other.to_string(),
    }
}
