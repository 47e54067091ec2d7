//! The command's HTML inputs: saved pages and web addresses, read or
//! fetched, decoded and imported.

use super::fetch::{self, Limits, Want};
use super::{decode_html, import_html, HtmlImport};
use crate::import::{ImportError, ImportOptions};
use std::path::{Path, PathBuf};
use ureq::Agent;

/// An input the HTML importer takes.
#[derive(Debug, Clone)]
pub enum HtmlInput {
    File(PathBuf),
    Url(String),
}

/// Why an HTML input gave no record.
#[derive(Debug)]
pub enum InputError {
    /// Could not be read or fetched (missing file, DNS, 404, too large…).
    Failed(String),
    /// Read, but not an article.
    Skipped(String),
}

/// The HTTP client and its limits, shared by every input of one call.
pub struct Web {
    pub agent: Agent,
    pub limits: Limits,
}

impl Web {
    pub fn new(limits: Limits) -> Web {
        Web {
            agent: fetch::agent(&limits),
            limits,
        }
    }
}

impl Default for Web {
    fn default() -> Self {
        Web::new(Limits::default())
    }
}

/// The input as an HTML input: an http(s) address, or a `.html`/`.htm` file.
pub fn html_input(path: &Path) -> Option<HtmlInput> {
    let raw = path.to_string_lossy();
    if fetch::is_url(&raw) {
        return Some(HtmlInput::Url(raw.into_owned()));
    }
    let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
    matches!(ext.as_str(), "html" | "htm" | "xhtml").then(|| HtmlInput::File(path.to_path_buf()))
}

/// Reads or fetches the page and imports it.
pub fn read_input(
    input: &HtmlInput,
    opts: &ImportOptions,
    web: &Web,
) -> Result<HtmlImport, InputError> {
    let (html, page_url, encoding) = match input {
        HtmlInput::File(path) => {
            let bytes =
                std::fs::read(path).map_err(|e| InputError::Failed(format!("cannot read: {e}")))?;
            let (html, encoding) = decode_html(&bytes, None);
            (html, None, encoding)
        }
        HtmlInput::Url(url) => {
            let fetched = fetch::fetch(&web.agent, url, Want::Html, &web.limits)
                .map_err(InputError::Failed)?;
            let charset = super::content_type_charset(&fetched.content_type);
            let (html, encoding) = decode_html(&fetched.body, charset.as_deref());
            (html, Some(fetched.url), encoding)
        }
    };
    let mut imported = import_html(&html, page_url.as_deref(), opts).map_err(|e| match e {
        ImportError::NotAnArticle(_) | ImportError::Decode(_) => InputError::Skipped(e.to_string()),
    })?;
    imported.explain.insert(0, format!("encoding: {encoding}"));
    if let Some(url) = page_url {
        imported.explain.insert(1, format!("fetched: {url}"));
    }
    Ok(imported)
}
