//! Stage 7: write the site atomically. Files go into a hidden folder beside the target, which is
//! swapped in only when everything succeeded; a failed build leaves the old output untouched.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::diagnostics::Diagnostic;
use crate::render::Sink;

/// A staging folder that becomes the output on [`Staging::commit`] and vanishes if dropped.
pub struct Staging {
    dir: tempfile::TempDir,
    target: PathBuf,
    /// Folders already made inside the staging folder: most files share theirs with others
    /// (search shards, feeds beside their listings), and a `mkdir` that fails costs a system call.
    made: Mutex<HashSet<PathBuf>>,
}

impl Staging {
    /// Prepares a staging folder beside `target`, refusing targets that are not build output.
    pub fn new(target: &Path, root: &Path) -> Result<Staging, Diagnostic> {
        check_target(target, root)?;
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent)
            .map_err(|e| io_error(parent, "cannot create the output's parent folder", e))?;
        let name = target
            .file_name()
            .map_or("public".into(), |n| n.to_string_lossy().into_owned());
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.building-"))
            .tempdir_in(parent)
            .map_err(|e| io_error(parent, "cannot create a staging folder", e))?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            made: Mutex::default(),
        })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Copies a file into the staging folder at `rel`.
    pub fn copy(&self, rel: &str, from: &Path) -> io::Result<()> {
        let to = self.dir.path().join(rel);
        if let Some(parent) = to.parent() {
            self.make_parent(parent)?;
        }
        fs::copy(from, to).map(|_| ())
    }

    /// Hard-links a file that the build itself owns (a resized image in the cache) into the
    /// staging folder at `rel`, copying when the two are on different file systems: a warm
    /// build then writes no image bytes at all.
    pub fn link(&self, rel: &str, from: &Path) -> io::Result<()> {
        let to = self.dir.path().join(rel);
        if let Some(parent) = to.parent() {
            self.make_parent(parent)?;
        }
        fs::hard_link(from, &to).or_else(|_| fs::copy(from, &to).map(|_| ()))
    }

    /// `fs::create_dir_all`, once per folder, trying the `mkdir` first: nearly every page has a
    /// folder of its own, which `create_dir_all` would look up before creating.
    fn make_parent(&self, dir: &Path) -> io::Result<()> {
        if self
            .made
            .lock()
            .expect("no panics while held")
            .contains(dir)
        {
            return Ok(());
        }
        match fs::create_dir(dir) {
            // Made by another thread in the meantime, or a file in the way, which the write
            // that follows reports.
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(_) => fs::create_dir_all(dir)?,
        }
        self.made
            .lock()
            .expect("no panics while held")
            .insert(dir.to_path_buf());
        Ok(())
    }

    /// Replaces the target with the staged files.
    pub fn commit(self) -> Result<(), Diagnostic> {
        let staged = self.dir.keep();
        let target = &self.target;
        let result = (|| -> io::Result<()> {
            if target.exists() {
                let name = target
                    .file_name()
                    .map_or("public".into(), |n| n.to_string_lossy().into_owned());
                let old = tempfile::Builder::new()
                    .prefix(&format!(".{name}.old-"))
                    .tempdir_in(staged.parent().unwrap_or(Path::new(".")))?
                    .keep();
                fs::remove_dir(&old)?;
                fs::rename(target, &old)?;
                if let Err(e) = fs::rename(&staged, target) {
                    // Put the previous output back before reporting.
                    let _ = fs::rename(&old, target);
                    return Err(e);
                }
                remove_tree(&old)
            } else {
                fs::rename(&staged, target)
            }
        })();
        result.map_err(|e| {
            let _ = fs::remove_dir_all(&staged);
            io_error(target, "cannot move the new output into place", e)
        })
    }
}

/// `fs::remove_dir_all`, with sibling folders removed in parallel: deleting the previous output
/// of a large archive (tens of thousands of files) is otherwise a second or so of serial work
/// at the end of every build.
fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir)?.collect::<io::Result<_>>()?;
    entries.par_iter().try_for_each(|entry| {
        // `file_type` does not follow symlinks, so a link to a folder is removed, not entered.
        if entry.file_type()?.is_dir() {
            remove_tree(&entry.path())
        } else {
            fs::remove_file(entry.path())
        }
    })?;
    fs::remove_dir(dir)
}

impl Sink for Staging {
    fn write(&self, rel: &str, bytes: Vec<u8>) -> io::Result<()> {
        let to = self.dir.path().join(rel);
        if let Some(parent) = to.parent() {
            self.make_parent(parent)?;
        }
        // A file the previous build already wrote, byte for byte, is hard-linked into the new
        // output instead of written again: on a rebuild most files are unchanged, and a link is
        // one system call where a write allocates, fills and later frees the file's pages. It
        // also keeps the file's modification time, which deploy tools compare.
        let previous = self.target.join(rel);
        if holds(&previous, &bytes) && fs::hard_link(&previous, &to).is_ok() {
            return Ok(());
        }
        // One write of the whole file: the bytes are already in one buffer.
        fs::File::create(to)?.write_all(&bytes)
    }
}

/// Whether `path` is a regular file holding exactly `bytes`. Files of another length are not
/// read.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    // Not through a symlink: the link made next would be to the symlink itself.
    #[cfg(target_os = "linux")]
    let file = {
        use std::os::unix::fs::OpenOptionsExt;
        fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NOFOLLOW)
            .open(path)
    };
    #[cfg(not(target_os = "linux"))]
    let file = match fs::symlink_metadata(path) {
        Ok(m) if m.is_file() => fs::File::open(path),
        _ => return false,
    };
    let Ok(mut file) = file else {
        return false;
    };
    if !file
        .metadata()
        .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
    {
        return false;
    }
    BUFFER.with_borrow_mut(|buffer| {
        // Exactly the expected length, usually in one `read`: `File::read_to_end` would look up
        // the size and position again and read in growing chunks. The buffer only ever grows,
        // so it is zeroed once, not per file.
        if buffer.len() < bytes.len() {
            buffer.resize(bytes.len(), 0);
        }
        let old = &mut buffer[..bytes.len()];
        file.read_exact(old).is_ok() && old == bytes
    })
}

/// The output is replaced wholesale, so it must never be the site itself or a folder of
/// someone's files. Reads only; `check` runs it too.
pub fn check_target(target: &Path, root: &Path) -> Result<(), Diagnostic> {
    let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let (t, r) = (canon(target), canon(root));
    if r.starts_with(&t) {
        return Err(Diagnostic::error(
            "output",
            format!(
                "refusing to write the site over {}: it contains the site itself",
                target.display()
            ),
        )
        .with_hint("choose an output folder inside or beside the site, e.g. --output public"));
    }
    if !target.exists() {
        return Ok(());
    }
    if !target.is_dir() {
        return Err(Diagnostic::error(
            "output",
            format!("{} exists and is not a folder", target.display()),
        ));
    }
    let mut entries =
        fs::read_dir(target).map_err(|e| io_error(target, "cannot read the output folder", e))?;
    let empty = entries.next().is_none();
    let looks_built = ["index.html", "404.html", ".nojekyll"]
        .iter()
        .any(|f| target.join(f).exists());
    if empty || looks_built {
        Ok(())
    } else {
        Err(Diagnostic::error(
            "output",
            format!(
                "refusing to replace {}: it does not look like a briefgen output folder",
                target.display()
            ),
        )
        .with_hint("empty it, or choose another folder with --output"))
    }
}

fn io_error(path: &Path, what: &str, e: io::Error) -> Diagnostic {
    Diagnostic::error("io", format!("{what}: {e}")).in_file(path)
}
