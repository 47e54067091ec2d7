//! The resized-image cache: variant files named by content hash, and one index saying which
//! source file (by size and modification time) has which hash and which variants, so a
//! rebuild neither decodes nor re-reads an unchanged image.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::images::Processed;

const INDEX_FILE: &str = "index.json";
/// Bumped when the variant files a given source produces change (encoder settings, naming).
const INDEX_VERSION: u32 = 1;

/// What identifies a file's contents without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    pub len: u64,
    pub modified_ns: u128,
}

impl Fingerprint {
    pub fn of(file: &Path) -> std::io::Result<Fingerprint> {
        let meta = std::fs::metadata(file)?;
        let modified_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        Ok(Fingerprint {
            len: meta.len(),
            modified_ns,
        })
    }
}

/// A 128-bit hash of an image's bytes, as 32 hex digits.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct FileEntry {
    fingerprint: Fingerprint,
    hash: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct IndexData {
    version: u32,
    /// Source file path → what it held when last processed.
    files: HashMap<String, FileEntry>,
    /// Content hash → the variants made from it, settings included in the key.
    images: HashMap<String, Processed>,
}

/// The index, shared by the threads rendering bodies.
#[derive(Debug, Default)]
pub struct CacheIndex {
    data: Mutex<IndexData>,
    /// The settings the variants depend on, so changing them (e.g. `widths`) misses the cache.
    settings: String,
}

impl CacheIndex {
    /// Reads the index in `dir`; a missing, unreadable or older one is an empty cache.
    pub fn load(dir: &Path, settings: String) -> CacheIndex {
        let data = std::fs::read(dir.join(INDEX_FILE))
            .ok()
            .and_then(|b| serde_json::from_slice::<IndexData>(&b).ok())
            .filter(|d| d.version == INDEX_VERSION)
            .unwrap_or_default();
        CacheIndex {
            data: Mutex::new(data),
            settings,
        }
    }

    fn key(&self, hash: &str) -> String {
        format!("{hash}/{}", self.settings)
    }

    /// The variants of `file` if it is unchanged since they were made and they are all still
    /// in the cache.
    pub fn lookup(&self, file: &Path, now: &Fingerprint, dir: &Path) -> Option<Arc<Processed>> {
        let hash = {
            let data = self.data.lock().expect("cache index lock");
            let entry = data.files.get(&file.to_string_lossy().into_owned())?;
            if entry.fingerprint != *now {
                return None;
            }
            entry.hash.clone()
        };
        self.by_hash(&hash, dir)
    }

    /// The variants made from contents hashing to `hash`, if all are still in the cache.
    pub fn by_hash(&self, hash: &str, dir: &Path) -> Option<Arc<Processed>> {
        let processed = {
            let data = self.data.lock().expect("cache index lock");
            data.images.get(&self.key(hash))?.clone()
        };
        processed
            .variants
            .iter()
            .all(|v| dir.join(&v.file).is_file())
            .then(|| Arc::new(processed))
    }

    pub fn remember(&self, file: &Path, fingerprint: Fingerprint, hash: &str, p: &Processed) {
        let mut data = self.data.lock().expect("cache index lock");
        data.files.insert(
            file.to_string_lossy().into_owned(),
            FileEntry {
                fingerprint,
                hash: hash.to_string(),
            },
        );
        let key = self.key(hash);
        data.images.insert(key, p.clone());
    }

    /// Writes the index atomically; failures only cost the next build time.
    pub fn save(&self, dir: &Path) {
        let mut data = self.data.lock().expect("cache index lock");
        data.version = INDEX_VERSION;
        let Ok(json) = serde_json::to_vec(&*data) else {
            return;
        };
        let tmp = dir.join(format!(".{INDEX_FILE}.tmp"));
        if std::fs::create_dir_all(dir).is_ok() && std::fs::write(&tmp, json).is_ok() {
            let _ = std::fs::rename(&tmp, dir.join(INDEX_FILE));
        }
    }
}
