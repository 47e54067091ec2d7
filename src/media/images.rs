//! Responsive images: each JPEG, PNG or WebP a body shows is resized to a few widths, in WebP
//! and in its own format, and written as `<picture>` with `srcset`, `sizes`, `width` and
//! `height`. Results are kept in a cache folder by content hash, so a rebuild encodes nothing;
//! a file whose size and modification time are unchanged is not even read again.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use serde::{Deserialize, Serialize};

use super::cache::{CacheIndex, Fingerprint};
use super::encode::{self, Format};
use super::{escape, ImagesConfig};

/// Where resized images are published, under the output root.
pub const OUTPUT_DIR: &str = "_img";

/// One resized copy of an image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    pub format: Format,
    /// File name in the cache folder and under [`OUTPUT_DIR`] in the output.
    pub file: String,
}

/// What processing one image produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Processed {
    pub width: u32,
    pub height: u32,
    pub format: Format,
    /// Narrowest first.
    pub variants: Vec<Variant>,
}

/// An image as HTML, ready to place in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    pub html: String,
}

/// A problem with an image file, said so an author can fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageError {
    pub message: String,
    pub hint: String,
}

type Slot = Arc<OnceLock<Result<Arc<Processed>, ImageError>>>;

/// Resizes images for a build, in parallel and at most once each, through the cache.
pub struct ImageStore {
    config: ImagesConfig,
    cache_dir: PathBuf,
    slots: Mutex<HashMap<PathBuf, Slot>>,
    index: CacheIndex,
    /// The settings resized files depend on: part of their names, so no two settings share one.
    settings: String,
    /// Variant files encoded by this store (not taken from the cache).
    encoded: AtomicUsize,
    changed: AtomicBool,
}

impl ImageStore {
    /// A store keeping its cache in `cache_dir` (created when first written to).
    pub fn new(config: ImagesConfig, cache_dir: PathBuf) -> ImageStore {
        let settings = format!(
            "widths={:?};webp={};quality={}",
            config.widths, config.webp, config.quality
        );
        let index = CacheIndex::load(&cache_dir, settings.clone());
        ImageStore {
            config,
            cache_dir,
            slots: Mutex::new(HashMap::new()),
            index,
            settings,
            encoded: AtomicUsize::new(0),
            changed: AtomicBool::new(false),
        }
    }

    pub fn config(&self) -> &ImagesConfig {
        &self.config
    }

    /// How many resized files this build encoded; 0 when every image came from the cache.
    pub fn encoded(&self) -> usize {
        self.encoded.load(Ordering::Relaxed)
    }

    /// Whether `path` is an image this store resizes (by its extension).
    pub fn handles(&self, path: &Path) -> bool {
        self.config.process && Format::from_path(path).is_some()
    }

    /// Processes `file` (or takes it from the cache): once per file per build.
    pub fn process(&self, file: &Path) -> Result<Arc<Processed>, ImageError> {
        let slot = {
            let mut slots = self.slots.lock().expect("image slots lock");
            slots.entry(file.to_path_buf()).or_default().clone()
        };
        slot.get_or_init(|| self.process_uncached(file)).clone()
    }

    fn process_uncached(&self, file: &Path) -> Result<Arc<Processed>, ImageError> {
        let limit = (self.config.max_file_mb * 1024.0 * 1024.0) as u64;
        let fingerprint = Fingerprint::of(file).map_err(|e| read_error(file, &e))?;
        if fingerprint.len > limit {
            return Err(ImageError {
                message: format!(
                    "{} is {:.1} MB, over the {} MB limit for images",
                    file.display(),
                    fingerprint.len as f64 / 1024.0 / 1024.0,
                    self.config.max_file_mb
                ),
                hint: "export it smaller (a 2,000-pixel-wide JPEG is well under 1 MB), or raise `max_file_mb` under [images] in site.toml".into(),
            });
        }
        if let Some(hit) = self.index.lookup(file, &fingerprint, &self.cache_dir) {
            return Ok(hit);
        }
        let bytes = std::fs::read(file).map_err(|e| read_error(file, &e))?;
        let hash = super::cache::content_hash(&bytes);
        if let Some(hit) = self.index.by_hash(&hash, &self.cache_dir) {
            self.index.remember(file, fingerprint, &hash, &hit);
            self.changed.store(true, Ordering::Relaxed);
            return Ok(hit);
        }
        let stem = file_stem(file);
        let name_hash = super::cache::content_hash(format!("{hash}/{}", self.settings).as_bytes());
        let processed =
            encode::process(&bytes, &self.config, &name_hash[..10], &stem).map_err(|message| {
                ImageError {
                    message: format!("{}: {message}", file.display()),
                    hint: "open and re-save the image in an image editor, or replace it".into(),
                }
            })?;
        self.write_variants(&processed.1, file)?;
        self.encoded
            .fetch_add(processed.0.variants.len(), Ordering::Relaxed);
        let meta = processed.0;
        self.index.remember(file, fingerprint, &hash, &meta);
        self.changed.store(true, Ordering::Relaxed);
        Ok(Arc::new(meta))
    }

    fn write_variants(&self, files: &[(String, Vec<u8>)], source: &Path) -> Result<(), ImageError> {
        let cache_error = |e: std::io::Error| ImageError {
            message: format!(
                "cannot write the resized copies of {} to {}: {e}",
                source.display(),
                self.cache_dir.display()
            ),
            hint: "check that the site folder is writable, or set `cache_dir` under [images]"
                .into(),
        };
        std::fs::create_dir_all(&self.cache_dir).map_err(cache_error)?;
        for (name, bytes) in files {
            // Written under a temporary name first: a build stopped half-way leaves no
            // truncated file that a later build would take for a finished one.
            let path = self.cache_dir.join(name);
            let tmp = self.cache_dir.join(format!(".{name}.tmp"));
            std::fs::write(&tmp, bytes).map_err(cache_error)?;
            std::fs::rename(&tmp, &path).map_err(cache_error)?;
        }
        Ok(())
    }

    /// Saves what this build learned about the images, for the next build. Errors are
    /// ignored: a cache that cannot be written only makes the next build slower.
    pub fn save(&self) {
        if self.changed.load(Ordering::Relaxed) {
            self.index.save(&self.cache_dir);
        }
    }

    /// Every resized file this build used: (output path, file in the cache).
    pub fn outputs(&self) -> Vec<(String, PathBuf)> {
        let slots = self.slots.lock().expect("image slots lock");
        let mut out: Vec<(String, PathBuf)> = slots
            .values()
            .filter_map(|s| s.get().and_then(|r| r.as_ref().ok()))
            .flat_map(|p| p.variants.iter())
            .map(|v| {
                (
                    format!("{OUTPUT_DIR}/{}", v.file),
                    self.cache_dir.join(&v.file),
                )
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// `<picture>` for a processed image. `root` leads from the page to the site root;
    /// `eager` is for an image likely on the first screen.
    pub fn picture(&self, processed: &Processed, alt: &str, root: &str, eager: bool) -> Picture {
        let srcset = |format: Format| {
            processed
                .variants
                .iter()
                .filter(|v| v.format == format)
                .map(|v| format!("{root}{OUTPUT_DIR}/{} {}w", v.file, v.width))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let sizes = escape(&self.config.sizes);
        let fallback_format = processed.format.fallback();
        let largest = processed
            .variants
            .iter()
            .rfind(|v| v.format == fallback_format)
            .expect("every processed image has a variant in its own format");
        // The middle width is a sensible `src` for browsers without srcset.
        let widths: Vec<&Variant> = processed
            .variants
            .iter()
            .filter(|v| v.format == fallback_format)
            .collect();
        let src = widths[widths.len() / 2];
        let mut html = String::from("<picture>");
        if fallback_format != Format::Webp
            && processed.variants.iter().any(|v| v.format == Format::Webp)
        {
            html.push_str(&format!(
                "<source type=\"image/webp\" srcset=\"{}\" sizes=\"{sizes}\">",
                srcset(Format::Webp)
            ));
        }
        let loading = if eager {
            " fetchpriority=\"high\""
        } else {
            " loading=\"lazy\""
        };
        html.push_str(&format!(
            "<img src=\"{root}{OUTPUT_DIR}/{}\" srcset=\"{}\" sizes=\"{sizes}\" width=\"{}\" height=\"{}\" alt=\"{}\"{loading} decoding=\"async\"></picture>",
            src.file,
            srcset(fallback_format),
            largest.width,
            largest.height,
            escape(alt),
        ));
        Picture { html }
    }
}

fn read_error(file: &Path, e: &std::io::Error) -> ImageError {
    ImageError {
        message: format!("cannot read {}: {e}", file.display()),
        hint: "check the file exists and is readable".into(),
    }
}

/// A file-name-safe stem, so resized copies keep a recognisable name.
fn file_stem(file: &Path) -> String {
    let stem: String = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .take(60)
        .collect();
    if stem.is_empty() {
        "image".into()
    } else {
        stem
    }
}
