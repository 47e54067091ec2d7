//! The pipeline's failure paths that need an injected sink: a full disk.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::*;
use crate::output::Staging;
use crate::render::{Prepared, Sink};

fn site(dir: &Path, articles: usize) {
    std::fs::write(
        dir.join("site.toml"),
        "title = \"Desk\"\ndescription = \"d\"\nbase_url = \"https://example.org/\"\n",
    )
    .unwrap();
    let content = dir.join("content/briefings");
    std::fs::create_dir_all(&content).unwrap();
    for i in 0..articles {
        std::fs::write(
            content.join(format!("b{i:03}.md")),
            format!("+++\ntitle = \"Briefing {i}\"\ndate = 2024-01-{:02}\ntags = [\"t{}\"]\n+++\n\nSome words about topic {i}.\n", i % 28 + 1, i % 5),
        )
        .unwrap();
    }
}

/// The staging folder, on a disk that fills up after `room` bytes.
struct FillingDisk<'a> {
    staging: &'a Staging,
    room: AtomicUsize,
    attempts_after_full: AtomicUsize,
}

impl FillingDisk<'_> {
    fn take(&self, bytes: usize) -> std::io::Result<()> {
        let fits = self
            .room
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |left| {
                left.checked_sub(bytes)
            })
            .is_ok();
        if fits {
            Ok(())
        } else {
            self.attempts_after_full.fetch_add(1, Ordering::SeqCst);
            Err(std::io::Error::from_raw_os_error(28)) // ENOSPC
        }
    }
}

impl Sink for FillingDisk<'_> {
    fn write(&self, rel: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        self.take(bytes.len())?;
        self.staging.write(rel, bytes)
    }

    fn copy(&self, rel: &str, from: &Path) -> std::io::Result<()> {
        self.take(std::fs::metadata(from)?.len() as usize)?;
        self.staging.copy(rel, from)
    }

    fn expect_files(&self, files: usize) {
        self.staging.expect_files(files);
    }

    fn write_failed(&self, rel: &str, error: std::io::Error) -> Diagnostic {
        self.staging.write_failed(rel, error)
    }
}

#[test]
fn a_full_disk_stops_at_the_first_failed_write_with_one_message() {
    let dir = tempfile::tempdir().unwrap();
    site(dir.path(), 60);
    let options = BuildOptions {
        root: dir.path().to_path_buf(),
        ..BuildOptions::default()
    };
    let loaded = load(&options).unwrap_or_else(|e| panic!("{:?}", e.0));
    let staging = Staging::new(&loaded.paths.output, &loaded.paths.root).unwrap();
    let disk = FillingDisk {
        staging: &staging,
        // Room for the theme's files and a few pages.
        room: AtomicUsize::new(120_000),
        attempts_after_full: AtomicUsize::new(0),
    };
    let prepared = Prepared::new(&loaded.site);
    let input = Publish {
        site: &loaded.site,
        templates: &loaded.templates,
        prepared: &prepared,
        discovered: &loaded.discovered,
        syntax_css: &loaded.syntax_css,
    };
    let errors = publish(&input, Selection::EVERYTHING, &disk, &|_, _| {}).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let d = &errors[0];
    assert_eq!(d.code, "disk-full");
    assert!(d.message.starts_with("the disk is full"), "{}", d.message);
    assert!(d.message.contains("needs about"), "{}", d.message);
    assert!(
        d.message.contains(&dir.path().display().to_string()),
        "{}",
        d.message
    );
    assert!(d.hint.as_deref().unwrap().contains("--output"), "{d:?}");
    // Writes already under way when the disk filled may fail too, but nothing is started
    // after: at most one more attempt per rendering thread and the search index.
    let attempts = disk.attempts_after_full.load(Ordering::SeqCst);
    assert!(
        attempts <= rayon::current_num_threads() + 1,
        "{attempts} writes tried after the disk was full"
    );
    drop(staging);
    assert!(
        !loaded.paths.output.exists(),
        "a failed build publishes nothing"
    );
    let leftovers = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".public"))
        .count();
    assert_eq!(leftovers, 0, "the staging folder is removed");
}
