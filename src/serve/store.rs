//! The served site, held in memory: rendered files, static files (read from disk on request),
//! and the current build error, if any.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// One servable file.
#[derive(Debug, Clone)]
pub enum Entry {
    Rendered(Arc<[u8]>),
    /// A static or content asset, read when requested so edits show without a rebuild.
    OnDisk(PathBuf),
}

/// Everything the HTTP side can serve.
#[derive(Debug, Default)]
pub struct Store {
    pub files: HashMap<String, Entry>,
    /// The last build's error report, shown as an overlay until a good build clears it.
    pub error: Option<String>,
    /// Bumped on every successful rebuild.
    pub version: u64,
}

impl Store {
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.files.get(key)
    }
}
