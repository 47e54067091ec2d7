//! Every input a fuzz target ever crashed on, replayed through the same harness the target runs
//! (`fuzz/harness/mod.rs`), so each fix stays fixed. Inputs live in
//! `tests/fixtures/fuzz/<target>/`, one file each, named after what they broke.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

#[path = "../fuzz/harness/mod.rs"]
// Only targets that ever crashed have saved inputs to replay.
#[allow(dead_code)]
mod harness;

/// Runs `check` on every saved input of `target` and names each one that still fails.
fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no saved inputs in {}", dir.display());
    let failed: Vec<String> = files
        .iter()
        .filter(|path| {
            let data = std::fs::read(path).expect("saved input");
            catch_unwind(AssertUnwindSafe(|| check(&data))).is_err()
        })
        .map(|p| p.display().to_string())
        .collect();
    assert!(failed.is_empty(), "still failing: {failed:#?}");
}

#[test]
fn markdown_inputs() {
    replay("markdown", harness::markdown);
}

#[test]
fn frontmatter_normalise_inputs() {
    replay("frontmatter_normalise", harness::frontmatter_normalise);
}
