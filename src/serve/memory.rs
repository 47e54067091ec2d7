//! serve's output: published files kept in memory (static files as paths on disk).

use std::path::Path;
use std::sync::Arc;

use super::store::Entry;
use crate::diagnostics::Diagnostics;
use crate::pipeline::{self, Publish, Selection};
use crate::render::Sink;

/// Publishes into memory: the files, in the order they were written, so later ones win.
pub(super) fn publish_to_memory(
    input: &Publish,
    selection: Selection,
) -> Result<Vec<(String, Entry)>, Diagnostics> {
    let sink = MemorySink::default();
    let published = pipeline::publish(input, selection, &sink, &|_, _| {});
    crate::render::release_spares();
    published.map_err(Diagnostics)?;
    Ok(sink.files.into_inner().expect("sink lock"))
}

/// Collects published files in memory.
#[derive(Default)]
struct MemorySink {
    files: std::sync::Mutex<Vec<(String, Entry)>>,
}

impl Sink for MemorySink {
    fn write(&self, rel: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        self.files
            .lock()
            .expect("sink lock")
            .push((rel.to_string(), Entry::Rendered(Arc::from(bytes))));
        Ok(())
    }

    /// Static and content files are served from disk, so an edit shows without a rebuild.
    fn copy(&self, rel: &str, from: &Path) -> std::io::Result<()> {
        self.files
            .lock()
            .expect("sink lock")
            .push((rel.to_string(), Entry::OnDisk(from.to_path_buf())));
        Ok(())
    }
}
